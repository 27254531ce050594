import { err, ok, type Result } from "neverthrow";
import type { TenureModel } from "../../model/define-model.js";
import type { ConflictError } from "../../model/tenure-error.js";
import type { ErrOf, OkOf, StoreTransaction, TenureStore } from "../../ports/tenure-store.js";
import type { MemoryNative } from "./memory-native.js";
import { takeSnapshot, type MemoryStoreSnapshot } from "./memory-store-snapshot.js";
import { createMemoryStoreTransaction } from "./memory-store-transaction.js";
import { createMemoryTables, type MemoryTables } from "./memory-tables.js";

export type { MemoryNative } from "./memory-native.js";
export type { MemoryStoreSnapshot } from "./memory-store-snapshot.js";

/** The options of {@link createMemoryStore}. */
export interface MemoryStoreOptions<UA extends object, OA extends object> {
  /**
   * The host's model. It gives the store its user and organization attribute types; records are not
   * re-parsed, since they never leave memory in serialized form and are copied on the way in and out.
   */
  readonly model?: TenureModel<UA, OA>;
}

/** Counters of a memory store's internals, for tests and diagnostics. */
export interface MemoryStoreStats {
  /** Transactions that committed at least one write. */
  readonly commits: number;
  readonly openTransactions: number;
  /** Versions held across all tables (one per live record, plus old ones open snapshots may still read). */
  readonly retainedVersions: number;
  /** Keys whose old versions wait for open snapshots to end. */
  readonly pendingPrunes: number;
}

/**
 * The embedded storage adapter: a {@link TenureStore} held in memory, plus test helpers. Its
 * `transaction` infers the result from whatever `Result` the work returns, so a work returning
 * `err(validation)` on one path and `tx.users.insert(…)` on another needs no annotation.
 */
export interface MemoryStore<UA extends object = Record<never, never>, OA extends object = Record<never, never>>
  extends TenureStore<UA, OA, MemoryNative> {
  /** Runs `work` as one all-or-nothing unit of work; see {@link TenureStore.transaction}. */
  transaction<R extends Result<unknown, unknown>>(
    work: (tx: StoreTransaction<UA, OA, MemoryNative>) => Promise<R>,
  ): Promise<Result<OkOf<R>, ErrOf<R> | ConflictError>>;
  /** A deep, sorted copy of everything committed; compare two to check that nothing changed. */
  snapshot(): MemoryStoreSnapshot<UA, OA>;
  /** See {@link MemoryStoreStats}. */
  stats(): MemoryStoreStats;
}

/**
 * Creates the in-memory store, the embedded default for tests, demos and single-process use. It behaves
 * like a database with snapshot isolation: a transaction reads the state as of its start and sees its
 * own writes; commit is atomic; if another transaction committed a change to a record (or claimed a
 * username) this one also wrote, nothing is committed and the result is a `conflict` error. Records
 * are copied in and out, so mutating a returned object never changes the store.
 *
 * @example
 * ```ts
 * const store = createMemoryStore({ model });
 * const renamed = await store.transaction(async (tx) => {
 *   const user = await tx.users.get(organizationId, userId);
 *   if (user === null) return err(TenureErrors.notFound("user", userId));
 *   return tx.users.update({ ...user, fullName: "Ann Lee-Smith" });
 * });
 * // renamed: Ok(user at version + 1), or Err(not_found | conflict | duplicate)
 * ```
 */
export function createMemoryStore<UA extends object = Record<never, never>, OA extends object = Record<never, never>>(
  _options: MemoryStoreOptions<UA, OA> = {},
): MemoryStore<UA, OA> {
  const tables: MemoryTables<UA, OA> = createMemoryTables<UA, OA>();
  let closed = false;
  return {
    async transaction<R extends Result<unknown, unknown>>(
      work: (tx: StoreTransaction<UA, OA, MemoryNative>) => Promise<R>,
    ): Promise<Result<OkOf<R>, ErrOf<R> | ConflictError>> {
      if (closed) throw new Error("The memory store is closed.");
      const transaction = tables.engine.begin();
      let outcome: Result<unknown, unknown>;
      try {
        outcome = await work(createMemoryStoreTransaction(transaction, tables));
      } catch (error) {
        transaction.rollback();
        throw error;
      }
      if (outcome.isErr()) {
        transaction.rollback();
        return err(outcome.error as ErrOf<R>);
      }
      const conflict = transaction.commit();
      return conflict === null ? ok(outcome.value as OkOf<R>) : err(conflict);
    },
    async close() {
      closed = true;
    },
    snapshot() {
      return takeSnapshot(tables);
    },
    stats() {
      const engine = tables.engine.stats();
      return {
        commits: engine.lastCommitted,
        openTransactions: engine.openTransactions,
        retainedVersions: countVersions(tables),
        pendingPrunes: engine.pendingPrunes,
      };
    },
  };
}

function countVersions<UA extends object, OA extends object>(tables: MemoryTables<UA, OA>): number {
  const all = [
    tables.organizations,
    tables.users.users,
    tables.users.usernames,
    tables.users.sourceRecords,
    tables.users.emailClaims,
    tables.groups,
    tables.assignments,
    tables.assignmentKeys,
    tables.invitations,
    tables.tokens,
    tables.credentials,
    tables.auditEvents,
    tables.outbox,
  ];
  return all.reduce((sum, table) => sum + table.versionCount(), 0);
}
