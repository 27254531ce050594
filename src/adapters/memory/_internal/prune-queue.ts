import type { PrunableTable } from "./mvcc-table.js";

/**
 * Keys that received a new version (or a deletion), in commit order, waiting until no snapshot can
 * read their older versions. Draining it keeps version chains short: with no concurrent transactions,
 * every chain is pruned back to one version right after each commit.
 */
export class PruneQueue {
  private seqs: number[] = [];
  private tables: PrunableTable[] = [];
  private keys: string[] = [];
  private start = 0;

  /** How many keys wait. */
  get length(): number {
    return this.seqs.length - this.start;
  }

  /** Queues `key` of `table`, written by the commit `seq` (commits are queued in increasing order). */
  push(seq: number, table: PrunableTable, key: string): void {
    this.seqs.push(seq);
    this.tables.push(table);
    this.keys.push(key);
  }

  /** Prunes every queued key written at or before `horizon`. */
  drain(horizon: number): void {
    while (this.start < this.seqs.length && (this.seqs[this.start] as number) <= horizon) {
      (this.tables[this.start] as PrunableTable).prune(this.keys[this.start] as string, horizon);
      this.start += 1;
    }
    if (this.start === this.seqs.length) {
      this.seqs = [];
      this.tables = [];
      this.keys = [];
      this.start = 0;
    } else if (this.start > 1024 && this.start * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.start);
      this.tables = this.tables.slice(this.start);
      this.keys = this.keys.slice(this.start);
      this.start = 0;
    }
  }
}
