/** One entry read from a directory (LDAP): its stable id and its attributes, still unvalidated. */
export interface DirectoryEntry {
  /** The directory's stable id of the entry (e.g. `entryUUID`), which survives renames. */
  readonly externalId: string;
  /** Attribute values by attribute name, as the directory returned them. */
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
}

/** What to read: only new entries (partial update) or all of them (full update), optionally of one group. */
export interface DirectoryReadRequest {
  readonly mode: "partial" | "full";
  /** Restrict to the members of this directory group (its DN), when configured that way. */
  readonly group?: string;
}

/** Reads user entries from a directory server. The core plans the sync from them; this port only reads. */
export interface DirectorySource {
  /** Streams the entries, so a directory of 100k users is never held in memory at once. */
  entries(request: DirectoryReadRequest): AsyncIterable<DirectoryEntry>;
}
