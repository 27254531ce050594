import { AsyncLocalStorage } from "node:async_hooks";
import { err, ok, type Result } from "neverthrow";
import type { Kysely } from "kysely";
import { DEFAULT_MODEL, type TenureModel } from "../../model/define-model.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { ErrOf, OkOf, StoreError, StoreTransaction, TenureStore } from "../../ports/tenure-store.js";
import { CorruptRecordSignal } from "./_internal/corrupt-record.js";
import { isRaceLost } from "./_internal/database-error.js";
import { GuardedWrites } from "./_internal/guarded-writes.js";
import { TimestampParameters } from "./_internal/timestamp-parameters.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import { DEFAULT_SCHEMA, schemaVersion } from "./migrate.js";
import { SCHEMA_VERSION } from "./migrations.js";
import type { PostgresNative } from "./postgres-native.js";
import { createPostgresRepositories } from "./postgres-repositories.js";
import type { TenureTables } from "./tables.js";

/** The options of {@link createPostgresStore}. */
export interface PostgresStoreOptions<UA extends object, OA extends object> {
  /**
   * A Kysely instance on PGlite (`kysely-pglite-dialect`) or on a PostgreSQL server (`PostgresDialect`
   * over a `pg` pool). The store does not own it unless `ownsDatabase` is set.
   */
  readonly db: Kysely<any>;
  /** The host's model: stored users and organizations are checked against its schemas when read. */
  readonly model?: TenureModel<UA, OA>;
  /** The PostgreSQL schema holding `tenure`'s tables, as given to `migrate`. Default `tenure`. */
  readonly schema?: string;
  /** Whether `close()` also destroys `db` (closing the pool or the PGlite instance). Default `false`. */
  readonly ownsDatabase?: boolean;
}

/** A {@link TenureStore} on PostgreSQL. */
export interface PostgresStore<UA extends object = Record<never, never>, OA extends object = Record<never, never>>
  extends TenureStore<UA, OA, PostgresNative> {
  /** Runs `work` as one all-or-nothing unit of work; see {@link TenureStore.transaction}. */
  transaction<R extends Result<unknown, unknown>>(
    work: (tx: StoreTransaction<UA, OA, PostgresNative>) => Promise<R>,
  ): Promise<Result<OkOf<R>, ErrOf<R> | StoreError>>;
}

/**
 * Creates the PostgreSQL storage adapter. Each unit of work is one `REPEATABLE READ` transaction: it
 * reads one snapshot (taken at its first query), a write to a row another transaction changed since
 * fails with `conflict` instead of overwriting it, and uniqueness rules are unique constraints. The
 * tables must be at {@link SCHEMA_VERSION}: run `migrate(db)` first (the first transaction checks).
 *
 * On PGlite, which has one connection, transactions run one after the other; on a server each takes
 * a connection from the pool and they run side by side. A transaction started inside another one's
 * work would wait for itself, so it throws instead. Inside one unit of work, reads may run together
 * (`Promise.all`), but do not start a read while a write that may be refused is in flight: the
 * refused statement aborts the transaction until it is rolled back to its savepoint, and a read sent
 * in between fails with it.
 *
 * @example
 * ```ts
 * const db = new Kysely<any>({ dialect: new PGliteDialect(new PGlite("./data")) });
 * await migrate(db);
 * const store = createPostgresStore({ db, model, ownsDatabase: true });
 * const tenure = createTenure({ store, catalog, ... });
 * ```
 */
export function createPostgresStore<UA extends object = Record<never, never>, OA extends object = Record<never, never>>(
  options: PostgresStoreOptions<UA, OA>,
): PostgresStore<UA, OA> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const model = (options.model ?? DEFAULT_MODEL) as TenureModel<UA, OA>;
  const insideWork = new AsyncLocalStorage<true>();
  const timestamps = new TimestampParameters();
  let schemaChecked: Promise<void> | null = null;
  let closed = false;

  const checkSchema = async (): Promise<void> => {
    const version = await schemaVersion(options.db, { schema });
    if (version !== SCHEMA_VERSION) {
      schemaChecked = null;
      throw new Error(
        version === 0
          ? `tenure's tables are missing from schema "${schema}": run migrate(db${schema === DEFAULT_SCHEMA ? "" : `, { schema: "${schema}" }`}) first.`
          : `tenure's schema "${schema}" is at version ${version}; this tenure needs version ${SCHEMA_VERSION}. Run migrate(db) or upgrade tenure.`,
      );
    }
  };

  return {
    async transaction<R extends Result<unknown, unknown>>(
      work: (tx: StoreTransaction<UA, OA, PostgresNative>) => Promise<R>,
    ): Promise<Result<OkOf<R>, ErrOf<R> | StoreError>> {
      if (closed) throw new Error("The PostgreSQL store is closed.");
      if (insideWork.getStore() === true) {
        throw new Error("A tenure transaction was started inside another one's work; finish the outer one first.");
      }
      schemaChecked ??= checkSchema();
      await schemaChecked;
      try {
        const value = await options.db
          .transaction()
          .setIsolationLevel("repeatable read")
          .execute(async (trx) => {
            const context: PostgresContext<UA, OA> = {
              db: trx.withSchema(schema).withPlugin(timestamps) as unknown as Kysely<TenureTables>,
              writes: new GuardedWrites(trx),
              model,
            };
            const native: PostgresNative = { kind: "postgres", transaction: trx, schema };
            const outcome = await insideWork.run(true, () => work({ ...createPostgresRepositories(context), native }));
            if (outcome.isErr()) throw new Rollback(outcome.error);
            return outcome.value;
          });
        return ok(value as OkOf<R>);
      } catch (error) {
        if (error instanceof Rollback) return err(error.error as ErrOf<R>);
        if (error instanceof CorruptRecordSignal) return err(error.error);
        // A race lost outside a guarded write (at commit, or while claiming rows): nothing was committed.
        if (isRaceLost(error)) return err(TenureErrors.transactionConflict());
        throw error;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (options.ownsDatabase === true) await options.db.destroy();
    },
  };
}

/** Carries a work's `Err` out of Kysely's transaction callback, which rolls back on any throw. */
class Rollback {
  constructor(readonly error: unknown) {}
}
