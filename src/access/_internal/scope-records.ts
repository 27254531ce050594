/**
 * The cached entries of one user id, laid out for the permission cache's hot path: a flat array of
 * records `[scopeId, scopeKind, userOrganizationId, targetOrganizationId, permissions, generation, checked]`,
 * scanned linearly while small (one object and its elements per user, no key string built, no per-entry
 * object), and split into a `Map` by scope id (each value again a flat array) once the user has many scopes.
 */

/** Values per record. */
export const STRIDE = 7;
/** Offset of the scope's id. */
export const ID = 0;
/** Offset of the scope's kind. */
export const KIND = 1;
/** Offset of the organization the user belongs to (part of the key: the same id asked about in another organization is another user). */
export const HOME = 2;
/** Offset of the organization the scope lies in, or `null` above organizations (part of the key). */
export const TARGET = 3;
/** Offset of the cached permissions. */
export const PERMISSIONS = 4;
/** Offset of the generation the permissions were computed from: the stamp taken before their read began. */
export const GENERATION = 5;
/** Offset of the cache's organization-change count when the record was last known current (lets a hit skip the organization checks). */
export const CHECKED = 6;

/** Past this many records, a user's records are indexed by scope id. */
const SMALL = 8;

/** A flat array of records. */
export type Records = unknown[];
/** A user's records: flat while small, by scope id once large. */
export type UserRecords = Records | Map<string, Records>;

/** The records that may hold `id`: the whole flat array, or the bucket of `id`. */
export function recordsFor(user: UserRecords, id: string): Records | undefined {
  return Array.isArray(user) ? user : user.get(id);
}

/** The offset of the record of scope (`id`, `kind`) for a user of `home` in `target` in `records`, or -1. */
export function findRecord(records: Records, id: string, kind: string, home: string, target: string | null): number {
  for (let at = 0; at < records.length; at += STRIDE) {
    if (records[at + ID] === id && records[at + KIND] === kind && records[at + HOME] === home && records[at + TARGET] === target) return at;
  }
  return -1;
}

/** Removes the record at `at` from `records` (one of the user's arrays); order is not kept, an emptied bucket is dropped. */
export function removeRecord(user: UserRecords, records: Records, at: number): void {
  const id = records[at + ID] as string;
  const last = records.length - STRIDE;
  if (at !== last) for (let offset = 0; offset < STRIDE; offset += 1) records[at + offset] = records[last + offset];
  records.length = last;
  if (!Array.isArray(user) && last === 0) user.delete(id);
}

/**
 * Adds a record for a key that has none; returns the user's records to store (a flat array that
 * grew past {@link SMALL} records is turned into a map).
 */
export function addRecord(user: UserRecords, record: Records): UserRecords {
  if (!Array.isArray(user)) {
    const id = record[ID] as string;
    const bucket = user.get(id);
    if (bucket === undefined) user.set(id, record);
    else bucket.push(...record);
    return user;
  }
  user.push(...record);
  if (user.length <= SMALL * STRIDE) return user;
  const byId = new Map<string, Records>();
  for (let at = 0; at < user.length; at += STRIDE) addRecord(byId, user.slice(at, at + STRIDE));
  return byId;
}

/** How many records a user holds. */
export function recordCount(user: UserRecords): number {
  if (Array.isArray(user)) return user.length / STRIDE;
  let count = 0;
  for (const records of user.values()) count += records.length / STRIDE;
  return count;
}
