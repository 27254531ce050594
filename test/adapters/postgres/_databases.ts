import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { TenureModel } from "tenure";
import { createPostgresStore, migrate, type PostgresStore } from "tenure/postgres";

/** A PostgreSQL database the tests make stores in: PGlite in the process, or the server CI starts. */
export interface TestDatabase {
  readonly name: "pglite" | "server";
  /** Whether transactions run side by side (server) or one at a time (PGlite). */
  readonly transactions: "concurrent" | "serialized";
  readonly db: Kysely<any>;
  /**
   * A fresh, empty, migrated store in a schema of its own (so tests and files never share rows);
   * closing the store drops the schema. `schema` names it, for tests that edit rows by hand.
   */
  makeStore<UA extends object = Record<never, never>, OA extends object = Record<never, never>>(
    model?: TenureModel<UA, OA>,
  ): Promise<PostgresStore<UA, OA> & { readonly schema: string }>;
  /** Closes the connection (PGlite instance or pool). */
  close(): Promise<void>;
}

/** The server tests' connection string; when unset the server tests are skipped. */
export const SERVER_URL = process.env["TENURE_TEST_DATABASE_URL"];

let schemaCounter = 0;

function withStores(name: TestDatabase["name"], db: Kysely<any>, transactions: TestDatabase["transactions"]): TestDatabase {
  return {
    name,
    transactions,
    db,
    async makeStore(model) {
      schemaCounter += 1;
      const schema = `t_${process.pid}_${schemaCounter}`;
      (await migrate(db, { schema }))._unsafeUnwrap();
      const store = createPostgresStore({ db, schema, ...(model === undefined ? {} : { model }) });
      let dropped = false;
      return {
        ...store,
        schema,
        async close() {
          await store.close();
          if (dropped) return;
          dropped = true;
          await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db);
        },
      };
    },
    async close() {
      await db.destroy();
    },
  };
}

/** An in-process PGlite database; start one per test file (a start takes a few seconds). */
export async function openPgliteDatabase(): Promise<TestDatabase> {
  const pglite = await PGlite.create();
  return withStores("pglite", new Kysely<any>({ dialect: new PGliteDialect(pglite) }), "serialized");
}

/** A pool on the PostgreSQL server named by `TENURE_TEST_DATABASE_URL`. */
export function openServerDatabase(url: string): TestDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  return withStores("server", new Kysely<any>({ dialect: new PostgresDialect({ pool }) }), "concurrent");
}
