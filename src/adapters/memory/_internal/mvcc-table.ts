import type { EntityName } from "../../../model/tenure-error.js";
import type { TableIndex } from "./table-index.js";
import { chainLength, rowAt, truncateChain, type Row, type Slot } from "./version-chain.js";

/** How a table is built: what it stores, what it derives once per version, and which indexes it keeps. */
export interface MvccTableOptions<V, D> {
  /** Named in conflict errors about this table. */
  readonly entity: EntityName;
  /**
   * Values computed once when a version is written (sort keys, normalized forms), for indexes and
   * queries. `previous` is the row being replaced, if any, so unchanged values can be reused.
   */
  readonly derive: (value: V, previous: Row<V, D> | null) => D;
  readonly indexes?: readonly TableIndex<V, D>[];
  /** The id a conflict on `key` is reported under; the key itself by default. */
  readonly conflictSubject?: (key: string, row: Row<V, D> | null) => string;
}

/** The part of a table the prune queue needs, whatever the table stores. */
export interface PrunableTable {
  /** Drops the versions of `key` that no snapshot at or after `horizon` can read. */
  prune(key: string, horizon: number): void;
}

/**
 * The committed state of one table under multi-version concurrency control: per key a chain of versions
 * stamped with commit sequence numbers, newest first, held in a {@link Slot}. Readers ask for the row at
 * their snapshot; the engine installs new versions at commit and prunes old ones once no active snapshot
 * can read them. Secondary indexes are kept in step with installs and prunes.
 */
export class MvccTable<V, D> implements PrunableTable {
  readonly entity: EntityName;
  readonly derive: (value: V, previous: Row<V, D> | null) => D;
  private readonly slots = new Map<string, Slot<V, D>>();
  private readonly indexes: readonly TableIndex<V, D>[];
  private readonly subjectOf: (key: string, row: Row<V, D> | null) => string;

  constructor(options: MvccTableOptions<V, D>) {
    this.entity = options.entity;
    this.derive = options.derive;
    this.indexes = options.indexes ?? [];
    this.subjectOf = options.conflictSubject ?? ((key) => key);
  }

  /** The row of `key` visible to a snapshot at `seq`, or `null`. */
  rowAt(key: string, seq: number): Row<V, D> | null {
    const slot = this.slots.get(key);
    return slot === undefined ? null : rowAt(slot.head, seq);
  }

  /** Sequence number of the newest committed version of `key`; -1 if none is retained. */
  headSeq(key: string): number {
    return this.slots.get(key)?.head.seq ?? -1;
  }

  /** The newest committed row of `key`, or `null`. */
  latestRow(key: string): Row<V, D> | null {
    return this.slots.get(key)?.head.row ?? null;
  }

  /** The id under which a conflict on this key is reported. */
  conflictSubject(key: string, row: Row<V, D> | null): string {
    return this.subjectOf(key, row);
  }

  /**
   * Installs a committed version of `key` (a row, or `null` for a deletion) at `seq`. Returns whether
   * the key now holds versions that a later prune may drop.
   */
  install(key: string, row: Row<V, D> | null, seq: number): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) {
      if (row === null) return false;
      const created: Slot<V, D> = { key, head: { seq, row, older: null } };
      this.slots.set(key, created);
      for (const index of this.indexes) index.add(created, row);
      return false;
    }
    const previous = slot.head.row;
    slot.head = { seq, row, older: slot.head };
    if (row !== null) {
      for (const index of this.indexes) {
        if (previous === null || !index.sameEntries(previous, row)) index.add(slot, row);
      }
    }
    return true;
  }

  prune(key: string, horizon: number): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    const truncation = truncateChain(slot.head, horizon);
    for (const dropped of truncation.dropped) {
      for (const index of this.indexes) index.removeStale(slot, dropped, truncation.retained);
    }
    if (truncation.head === null) this.slots.delete(key);
  }

  /** Every key with a retained version (committed rows and deletions not yet pruned), in no order. */
  keys(): IterableIterator<string> {
    return this.slots.keys();
  }

  /** Total number of retained versions, deletions included (for diagnostics and tests). */
  versionCount(): number {
    let count = 0;
    for (const slot of this.slots.values()) count += chainLength(slot.head);
    return count;
  }
}
