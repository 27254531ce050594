import type { EntityName } from "../../../model/tenure-error.js";
import type { HashIndex } from "./hash-index.js";
import type { MvccTable } from "./mvcc-table.js";
import type { OrderedIndex } from "./ordered-index.js";
import type { PruneQueue } from "./prune-queue.js";
import { comparePairs, type PairPredicate } from "./sorted-pair-list.js";
import { isSoleVersionAt, rowAt, type Row, type Slot } from "./version-chain.js";

/** Called for each row of an ordered scan with its sort key and primary key; `false` stops the scan. */
export type RowVisitor<V, D> = (row: Row<V, D>, key: string, primaryKey: string) => boolean;

/** What the engine needs of a view at commit, whatever the table stores. */
export interface CommittableView {
  readonly entity: EntityName;
  /** Whether the transaction wrote anything to this table. */
  hasWrites(): boolean;
  /** A key this transaction wrote that another transaction committed after the snapshot, as its conflict subject. */
  firstConflict(): string | null;
  /** Installs every write as a version committed at `seq`, queueing keys with prunable versions. */
  install(seq: number, queue: PruneQueue): void;
}

/**
 * One transaction's view of one table: reads see the committed snapshot overlaid with the
 * transaction's own writes, which stay private until commit.
 */
export class TableView<V, D> implements CommittableView {
  readonly entity: EntityName;
  private readonly writes = new Map<string, Row<V, D> | null>();
  /** Own writes filed by the hash indexes used for lookups so far, so lookups stay O(hits) in large transactions. */
  private readonly ownIndexes = new Map<HashIndex<V, D>, Map<string, Set<string>>>();

  constructor(
    readonly table: MvccTable<V, D>,
    private readonly snapshot: number,
    private readonly assertOpen: () => void,
  ) {
    this.entity = table.entity;
  }

  /** The row of `key` as this transaction sees it, or `null`. Stored rows are shared: never mutate them. */
  get(key: string): Row<V, D> | null {
    this.assertOpen();
    const own = this.writes.get(key);
    if (own !== undefined) return own;
    return this.table.rowAt(key, this.snapshot);
  }

  /** Writes `value` under `key` (the caller passes a copy it will not touch again) and returns the stored row. */
  put(key: string, value: V): Row<V, D> {
    this.assertOpen();
    const row: Row<V, D> = { value, derived: this.table.derive(value, this.get(key)) };
    this.writes.set(key, row);
    for (const [index, own] of this.ownIndexes) fileUnder(own, index, key, row);
    return row;
  }

  /** Deletes `key`. */
  delete(key: string): void {
    this.assertOpen();
    this.writes.set(key, null);
  }

  /** Whether another transaction committed a version of `key` after this snapshot (a write would conflict). */
  changedSinceSnapshot(key: string): boolean {
    this.assertOpen();
    return this.table.headSeq(key) > this.snapshot;
  }

  /** The newest committed row of `key`, whatever the snapshot (for conflict reports). */
  latestCommitted(key: string): Row<V, D> | null {
    return this.table.latestRow(key);
  }

  /** The visible rows filed under `key` in `partition` of a hash index. */
  lookup(index: HashIndex<V, D>, partition: string, key: string): Row<V, D>[] {
    this.assertOpen();
    const rows: Row<V, D>[] = [];
    for (const slot of index.candidates(partition, key)) {
      if (this.writes.has(slot.key)) continue;
      if (isSoleVersionAt(slot, this.snapshot)) {
        if (slot.head.row !== null) rows.push(slot.head.row);
        continue;
      }
      const row = rowAt(slot.head, this.snapshot);
      if (row !== null && index.matches(row, partition, key)) rows.push(row);
    }
    for (const primaryKey of this.ownIndex(index).get(ownKey(partition, key)) ?? []) {
      const row = this.writes.get(primaryKey);
      if (row !== null && row !== undefined && index.matches(row, partition, key)) rows.push(row);
    }
    return rows;
  }

  /**
   * Visits the visible rows of one partition of an ordered index in order (`asc`, or `desc`), starting
   * where `from` says (see {@link SortedPairList.scanAscending} and `scanDescending`), own writes merged in.
   */
  scan(
    index: OrderedIndex<V, D>,
    partition: string,
    direction: "asc" | "desc",
    from: PairPredicate,
    visit: RowVisitor<V, D>,
  ): void {
    this.assertOpen();
    const sign = direction === "asc" ? 1 : -1;
    const own: { readonly key: string; readonly id: string; readonly row: Row<V, D> }[] = [];
    for (const [id, row] of this.writes) {
      if (row === null || index.partitionOf(row) !== partition) continue;
      const key = index.keyOf(row);
      if (from(key, id)) own.push({ key, id, row });
    }
    own.sort((a, b) => sign * comparePairs(a.key, a.id, b.key, b.id));
    const hasWrites = this.writes.size > 0;
    let next = 0;
    let stopped = false;
    const visitCommitted = (key: string, id: string, slot: Slot<V, D>): boolean => {
      if (hasWrites && this.writes.has(id)) return true;
      let row: Row<V, D> | null;
      if (isSoleVersionAt(slot, this.snapshot)) {
        row = slot.head.row;
        if (row === null) return true;
      } else {
        row = rowAt(slot.head, this.snapshot);
        if (row === null || !index.matches(row, partition, key)) return true;
      }
      for (let mine = own[next]; mine !== undefined && sign * comparePairs(mine.key, mine.id, key, id) < 0; mine = own[next]) {
        next += 1;
        if (!visit(mine.row, mine.key, mine.id)) {
          stopped = true;
          return false;
        }
      }
      stopped = !visit(row, key, id);
      return !stopped;
    };
    const list = index.partition(partition);
    if (direction === "asc") list.scanAscending(from, visitCommitted);
    else list.scanDescending(from, visitCommitted);
    if (stopped) return;
    for (const mine of own.slice(next)) if (!visit(mine.row, mine.key, mine.id)) return;
  }

  hasWrites(): boolean {
    return this.writes.size > 0;
  }

  firstConflict(): string | null {
    for (const [key, row] of this.writes) {
      if (this.table.headSeq(key) <= this.snapshot) continue;
      return this.table.conflictSubject(key, row ?? this.table.rowAt(key, this.snapshot) ?? this.table.latestRow(key));
    }
    return null;
  }

  install(seq: number, queue: PruneQueue): void {
    for (const [key, row] of this.writes) {
      if (row === null && this.table.rowAt(key, this.snapshot) === null) continue; // nothing to delete
      if (this.table.install(key, row, seq)) queue.push(seq, this.table, key);
    }
  }

  private ownIndex(index: HashIndex<V, D>): Map<string, Set<string>> {
    let own = this.ownIndexes.get(index);
    if (own === undefined) {
      own = new Map();
      for (const [key, row] of this.writes) if (row !== null) fileUnder(own, index, key, row);
      this.ownIndexes.set(index, own);
    }
    return own;
  }
}

function fileUnder<V, D>(own: Map<string, Set<string>>, index: HashIndex<V, D>, key: string, row: Row<V, D>): void {
  const { partition, keys: indexKeys } = index.entriesOf(row);
  if (partition === null) return;
  for (const indexKey of indexKeys) {
    const composite = ownKey(partition, indexKey);
    let keys = own.get(composite);
    if (keys === undefined) {
      keys = new Set();
      own.set(composite, keys);
    }
    keys.add(key);
  }
}

/** Key of the own-writes index: partition and key (U+0000 occurs in neither). */
function ownKey(partition: string, key: string): string {
  return `${partition}\u0000${key}`;
}
