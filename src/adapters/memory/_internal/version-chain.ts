/** A stored record and the values derived from it once (sort keys, normalized forms) for indexes. */
export interface Row<V, D> {
  readonly value: V;
  readonly derived: D;
}

/**
 * One committed version of a key: the row, or `null` for a deletion, stamped with the commit sequence
 * number that made it. Versions form a chain from the newest to the oldest still needed.
 */
export interface Version<V, D> {
  readonly seq: number;
  readonly row: Row<V, D> | null;
  older: Version<V, D> | null;
}

/**
 * The stable holder of one key's version chain. Indexes point at slots rather than at primary keys, so a
 * scan reaches the current chain without a hash lookup; a slot lives as long as its key has versions.
 */
export interface Slot<V, D> {
  readonly key: string;
  head: Version<V, D>;
}

/** Whether the slot's chain is a single version visible at `seq`: then every index entry of the key is this version's. */
export function isSoleVersionAt<V, D>(slot: Slot<V, D>, seq: number): boolean {
  return slot.head.older === null && slot.head.seq <= seq;
}

/** The row visible to a snapshot taken at `seq`: the newest version committed at or before it. */
export function rowAt<V, D>(head: Version<V, D> | undefined, seq: number): Row<V, D> | null {
  let version: Version<V, D> | null | undefined = head;
  while (version !== null && version !== undefined) {
    if (version.seq <= seq) return version.row;
    version = version.older;
  }
  return null;
}

/** What {@link truncateChain} removed and kept. */
export interface Truncation<V, D> {
  /** The new head, or `null` when nothing of the key remains (it was deleted before every snapshot). */
  readonly head: Version<V, D> | null;
  /** Rows of the versions dropped, for index clean-up. */
  readonly dropped: readonly Row<V, D>[];
  /** Rows of the versions kept. */
  readonly retained: readonly Row<V, D>[];
}

/**
 * Drops the versions no snapshot at or after `horizon` can read: everything older than the newest version
 * committed at or before `horizon`, and that version itself when it is a deletion (reading past the end
 * of a chain also finds nothing).
 */
export function truncateChain<V, D>(head: Version<V, D>, horizon: number): Truncation<V, D> {
  const retained: Row<V, D>[] = [];
  let newer: Version<V, D> | null = null;
  let version: Version<V, D> | null = head;
  while (version !== null && version.seq > horizon) {
    if (version.row !== null) retained.push(version.row);
    newer = version;
    version = version.older;
  }
  if (version === null) return { head, dropped: [], retained };
  const dropped: Row<V, D>[] = [];
  for (let old = version.older; old !== null; old = old.older) {
    if (old.row !== null) dropped.push(old.row);
  }
  version.older = null;
  if (version.row !== null) {
    retained.push(version.row);
    return { head, dropped, retained };
  }
  if (newer === null) return { head: null, dropped, retained };
  newer.older = null;
  return { head, dropped, retained };
}

/** How many versions a chain holds (for diagnostics). */
export function chainLength<V, D>(head: Version<V, D> | undefined): number {
  let length = 0;
  for (let version: Version<V, D> | null | undefined = head; version !== null && version !== undefined; version = version.older) {
    length += 1;
  }
  return length;
}
