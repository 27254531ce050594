import { TenureErrors, type ConflictError } from "../../../model/tenure-error.js";
import { CommitLog } from "./commit-log.js";
import type { MvccTable } from "./mvcc-table.js";
import { PruneQueue } from "./prune-queue.js";
import { TableView, type CommittableView } from "./table-view.js";

/** Counters describing the engine's state, for tests and diagnostics. */
export interface MvccEngineStats {
  readonly lastCommitted: number;
  readonly openTransactions: number;
  /** Keys waiting for their old versions to be pruned. */
  readonly pendingPrunes: number;
}

/**
 * Snapshot-isolation transactions over a set of {@link MvccTable}s: each transaction reads the state
 * as of its start, writes privately, and commits atomically unless another transaction committed a
 * write to one of the same keys after its snapshot (first committer wins).
 */
export class MvccEngine {
  private readonly log = new CommitLog();
  private readonly pruneQueue = new PruneQueue();
  private transactionCount = 0;

  /** Starts a transaction at the current snapshot. */
  begin(): MvccTransaction {
    this.transactionCount += 1;
    return new MvccTransaction(this.transactionCount, this.log.openSnapshot(), this);
  }

  /** The sequence number of the last commit: reading at it sees everything committed. */
  get lastCommitted(): number {
    return this.log.lastCommitted;
  }

  /** See {@link MvccEngineStats}. */
  stats(): MvccEngineStats {
    return { lastCommitted: this.log.lastCommitted, openTransactions: this.log.openCount, pendingPrunes: this.pruneQueue.length };
  }

  /** @internal Commits the views of a transaction; a conflict if one of its keys changed since its snapshot. */
  commitViews(views: readonly CommittableView[]): ConflictError | null {
    for (const view of views) {
      const subject = view.firstConflict();
      if (subject !== null) return TenureErrors.conflict(view.entity, subject);
    }
    const written = views.filter((view) => view.hasWrites());
    if (written.length === 0) return null;
    const seq = this.log.nextCommit();
    for (const view of written) view.install(seq, this.pruneQueue);
    return null;
  }

  /** @internal Ends a transaction's snapshot and prunes what no snapshot needs any more. */
  release(snapshot: number): void {
    this.log.releaseSnapshot(snapshot);
    this.pruneQueue.drain(this.log.horizon());
  }
}

/** One open transaction of an {@link MvccEngine}: its snapshot and its per-table views. */
export class MvccTransaction {
  private readonly views = new Map<object, CommittableView>();
  private state: "open" | "committed" | "rolled_back" = "open";
  private readonly assertOpen = (): void => {
    if (this.state !== "open") {
      throw new Error(`Transaction ${this.id} is ${this.state.replace("_", " ")}; it can no longer be used.`);
    }
  };

  constructor(
    /** A number identifying the transaction within its store. */
    readonly id: number,
    /** The commit sequence number this transaction reads at. */
    readonly snapshot: number,
    private readonly engine: MvccEngine,
  ) {}

  /** This transaction's view of `table`. */
  view<V, D>(table: MvccTable<V, D>): TableView<V, D> {
    this.assertOpen();
    const existing = this.views.get(table);
    if (existing !== undefined) return existing as TableView<V, D>;
    const view = new TableView(table, this.snapshot, this.assertOpen);
    this.views.set(table, view);
    return view;
  }

  /** Commits every write at once, or nothing and a conflict. Either way the transaction ends. */
  commit(): ConflictError | null {
    this.assertOpen();
    try {
      const conflict = this.engine.commitViews([...this.views.values()]);
      this.state = conflict === null ? "committed" : "rolled_back";
      return conflict;
    } finally {
      if (this.state === "open") this.state = "rolled_back";
      this.engine.release(this.snapshot);
    }
  }

  /** Discards every write and ends the transaction; does nothing if it already ended. */
  rollback(): void {
    if (this.state !== "open") return;
    this.state = "rolled_back";
    this.engine.release(this.snapshot);
  }
}
