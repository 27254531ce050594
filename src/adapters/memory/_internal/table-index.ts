import type { Row, Slot } from "./version-chain.js";

/**
 * An index over an {@link MvccTable}. It holds entries for every version still retained, not only the
 * newest, so a reader at any snapshot finds its rows; readers re-check each hit against the row they see
 * (unless the key has a single version, whose entries are then exactly that version's). Entries point at
 * the key's {@link Slot}.
 */
export interface TableIndex<V, D> {
  /** Adds the entries of a newly committed row of `slot`. */
  add(slot: Slot<V, D>, row: Row<V, D>): void;
  /** Removes the entries of a dropped version of `slot` that no retained version still has. */
  removeStale(slot: Slot<V, D>, dropped: Row<V, D>, retained: readonly Row<V, D>[]): void;
  /** Whether two rows have exactly the same entries (an update that leaves this index alone). */
  sameEntries(a: Row<V, D>, b: Row<V, D>): boolean;
}
