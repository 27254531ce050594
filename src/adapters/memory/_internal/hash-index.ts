import type { TableIndex } from "./table-index.js";
import type { Row, Slot } from "./version-chain.js";

/** Where a row is filed in a {@link HashIndex}. */
export interface HashIndexDefinition<V, D> {
  /** The partition of a row (e.g. its organization), or `null` to leave it out of the index. */
  readonly partitionOf: (row: Row<V, D>) => string | null;
  /** The key or keys of a row within its partition (e.g. its normalized e-mail, or its group members). */
  readonly keysOf: (row: Row<V, D>) => string | readonly string[];
}

/** The slots under one index key: the slot itself while there is one, a set beyond. */
type Filed<V, D> = Slot<V, D> | Set<Slot<V, D>>;

/**
 * An unordered secondary index: per partition, each row files its key's slot under one or more keys
 * (organization → normalized e-mail → users). A lookup is O(hits), never a table scan. Partitions and
 * single hits avoid allocating composite strings and sets, which matters at a million rows.
 */
export class HashIndex<V, D> implements TableIndex<V, D> {
  private readonly partitions = new Map<string, Map<string, Filed<V, D>>>();

  constructor(private readonly definition: HashIndexDefinition<V, D>) {}

  add(slot: Slot<V, D>, row: Row<V, D>): void {
    const partition = this.definition.partitionOf(row);
    if (partition === null) return;
    let entries = this.partitions.get(partition);
    if (entries === undefined) {
      entries = new Map();
      this.partitions.set(partition, entries);
    }
    const keys = this.definition.keysOf(row);
    if (typeof keys === "string") file(entries, keys, slot);
    else for (const key of keys) file(entries, key, slot);
  }

  removeStale(slot: Slot<V, D>, dropped: Row<V, D>, retained: readonly Row<V, D>[]): void {
    const partition = this.definition.partitionOf(dropped);
    if (partition === null) return;
    const entries = this.partitions.get(partition);
    if (entries === undefined) return;
    const keys = this.definition.keysOf(dropped);
    for (const key of typeof keys === "string" ? [keys] : keys) {
      if (retained.some((row) => this.matches(row, partition, key))) continue;
      unfile(entries, key, slot);
    }
    if (entries.size === 0) this.partitions.delete(partition);
  }

  sameEntries(a: Row<V, D>, b: Row<V, D>): boolean {
    if (this.definition.partitionOf(a) !== this.definition.partitionOf(b)) return false;
    const keysA = this.definition.keysOf(a);
    const keysB = this.definition.keysOf(b);
    if (typeof keysA === "string" || typeof keysB === "string") return keysA === keysB;
    return keysA.length === keysB.length && keysA.every((key, index) => keysB[index] === key);
  }

  /** Slots filed under `key` in `partition` by some retained version (re-check with {@link matches}). */
  candidates(partition: string, key: string): Iterable<Slot<V, D>> {
    const filed = this.partitions.get(partition)?.get(key);
    return filed === undefined ? [] : filed instanceof Set ? filed : [filed];
  }

  /** Whether this row is filed under `key` in `partition`. */
  matches(row: Row<V, D>, partition: string, key: string): boolean {
    if (this.definition.partitionOf(row) !== partition) return false;
    const keys = this.definition.keysOf(row);
    return typeof keys === "string" ? keys === key : keys.includes(key);
  }

  /** The partition and keys of a row. */
  entriesOf(row: Row<V, D>): { readonly partition: string | null; readonly keys: readonly string[] } {
    const keys = this.definition.keysOf(row);
    return { partition: this.definition.partitionOf(row), keys: typeof keys === "string" ? [keys] : keys };
  }
}

function file<V, D>(entries: Map<string, Filed<V, D>>, key: string, slot: Slot<V, D>): void {
  const filed = entries.get(key);
  if (filed === undefined) entries.set(key, slot);
  else if (filed instanceof Set) filed.add(slot);
  else if (filed !== slot) entries.set(key, new Set([filed, slot]));
}

function unfile<V, D>(entries: Map<string, Filed<V, D>>, key: string, slot: Slot<V, D>): void {
  const filed = entries.get(key);
  if (filed === undefined) return;
  if (!(filed instanceof Set)) {
    if (filed === slot) entries.delete(key);
    return;
  }
  filed.delete(slot);
  if (filed.size === 1) entries.set(key, filed.values().next().value as Slot<V, D>);
}
