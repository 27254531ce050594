import type { Result } from "neverthrow";
import type { SourceUnavailableError } from "../model/tenure-error.js";

/** One user entry read from a directory (LDAP), its attribute values still unvalidated. */
export interface DirectoryEntry {
  /** The directory's stable id of the entry (OpenLDAP `entryUUID`, Active Directory `objectGUID`), which survives renames and moves. */
  readonly externalId: string;
  /** The entry's distinguished name when it was read (it changes on a rename; the id does not). */
  readonly dn: string;
  /** The values of the attributes asked for, by attribute name as configured; an attribute the entry lacks is absent. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** The DNs of the configured groups the entry is a member of, directly or through nested groups. */
  readonly groups: readonly string[];
}

/** A complete read of the directory's users (of the configured base, filter and group). */
export interface DirectoryRead {
  readonly entries: readonly DirectoryEntry[];
  /** What the read was limited to (the group's DN, else the base DN and filter), recorded with the run. */
  readonly scope: string;
}

/**
 * Reads the user entries of a directory server. `read` returns the whole population or an error:
 * a failed bind, a timeout, a size limit or a paged search ended early is `source_unavailable`, never
 * a shorter list, because the sync would de-activate whoever is missing from it.
 */
export interface DirectorySource {
  /** Reads the whole population once: every entry of the configured scope, or `source_unavailable`. */
  read(): Promise<Result<DirectoryRead, SourceUnavailableError>>;
}
