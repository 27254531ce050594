import { SortedPairList } from "./sorted-pair-list.js";
import type { TableIndex } from "./table-index.js";
import type { Row, Slot } from "./version-chain.js";

/** Where a row sits in an {@link OrderedIndex}: its partition (e.g. organization) and its sort key. */
export interface OrderedIndexDefinition<V, D> {
  /** The partition of a row, or `null` to leave it out of the index. */
  readonly partitionOf: (row: Row<V, D>) => string | null;
  /** The sort key of a row within its partition; ties are broken by primary key. */
  readonly keyOf: (row: Row<V, D>) => string;
}

/**
 * A secondary index keeping, per partition, the `(sort key, primary key)` pairs of every retained row
 * in order, each with its slot, so a keyset page seeks in O(log n) and reads only the rows it returns
 * (plus stale entries of versions not yet pruned).
 */
export class OrderedIndex<V, D> implements TableIndex<V, D> {
  private readonly lists = new Map<string, SortedPairList<Slot<V, D>>>();

  constructor(private readonly definition: OrderedIndexDefinition<V, D>) {}

  add(slot: Slot<V, D>, row: Row<V, D>): void {
    const partition = this.definition.partitionOf(row);
    if (partition === null) return;
    let list = this.lists.get(partition);
    if (list === undefined) {
      list = new SortedPairList();
      this.lists.set(partition, list);
    }
    list.insert(this.definition.keyOf(row), slot.key, slot);
  }

  removeStale(slot: Slot<V, D>, dropped: Row<V, D>, retained: readonly Row<V, D>[]): void {
    const partition = this.definition.partitionOf(dropped);
    if (partition === null) return;
    const key = this.definition.keyOf(dropped);
    if (retained.some((row) => this.matches(row, partition, key))) return;
    const list = this.lists.get(partition);
    if (list === undefined) return;
    list.remove(key, slot.key);
    if (list.size === 0) this.lists.delete(partition);
  }

  sameEntries(a: Row<V, D>, b: Row<V, D>): boolean {
    return this.definition.partitionOf(a) === this.definition.partitionOf(b) && this.definition.keyOf(a) === this.definition.keyOf(b);
  }

  /** The ordered entries of one partition (an empty list if it has none). */
  partition(partition: string): SortedPairList<Slot<V, D>> {
    return this.lists.get(partition) ?? new SortedPairList();
  }

  /** Whether a row sits in this partition under this sort key. */
  matches(row: Row<V, D>, partition: string, key: string): boolean {
    return this.definition.partitionOf(row) === partition && this.definition.keyOf(row) === key;
  }

  /** The sort key of a row. */
  keyOf(row: Row<V, D>): string {
    return this.definition.keyOf(row);
  }

  /** The partition of a row. */
  partitionOf(row: Row<V, D>): string | null {
    return this.definition.partitionOf(row);
  }
}
