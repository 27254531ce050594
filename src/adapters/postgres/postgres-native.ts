import type { Transaction } from "kysely";

/**
 * The PostgreSQL store's transaction handle, passed to host ports in `tx.native` (e.g.
 * `OwnedResources`): run the host's own queries on `transaction` and they commit or roll back with
 * `tenure`'s writes.
 */
export interface PostgresNative {
  readonly kind: "postgres";
  /** The Kysely transaction of the unit of work (isolation level REPEATABLE READ). */
  readonly transaction: Transaction<any>;
  /** The PostgreSQL schema holding `tenure`'s tables. */
  readonly schema: string;
}
