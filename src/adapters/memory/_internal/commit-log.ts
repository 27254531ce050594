/**
 * The commit sequence and the snapshots in use. Each commit gets the next sequence number; a
 * transaction's snapshot is the sequence number current when it began. The horizon is the oldest
 * snapshot still in use: versions superseded at or before it can be pruned.
 */
export class CommitLog {
  private committed = 0;
  /** Snapshot sequence number → how many open transactions hold it. */
  private readonly active = new Map<number, number>();

  /** The sequence number of the last commit. */
  get lastCommitted(): number {
    return this.committed;
  }

  /** How many transactions are open. */
  get openCount(): number {
    let count = 0;
    for (const holders of this.active.values()) count += holders;
    return count;
  }

  /** Registers a new snapshot at the current sequence number and returns it. */
  openSnapshot(): number {
    const seq = this.committed;
    this.active.set(seq, (this.active.get(seq) ?? 0) + 1);
    return seq;
  }

  /** Releases a snapshot taken by {@link openSnapshot}. */
  releaseSnapshot(seq: number): void {
    const holders = this.active.get(seq);
    if (holders === undefined) throw new Error(`Snapshot ${seq} is not open.`);
    if (holders === 1) this.active.delete(seq);
    else this.active.set(seq, holders - 1);
  }

  /** Allocates the sequence number of a new commit. */
  nextCommit(): number {
    this.committed += 1;
    return this.committed;
  }

  /** The oldest snapshot any open or future transaction can read at. */
  horizon(): number {
    let oldest = this.committed;
    for (const seq of this.active.keys()) if (seq < oldest) oldest = seq;
    return oldest;
  }
}
