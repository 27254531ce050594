/**
 * The walkthrough of `tenure`: the four manuals' highlights, in order, each step a call a host makes on
 * the service (`createTenure`, `organizations.create`, `onboarding.invite`, `acceptInvitation`,
 * `roles.grant`, `groups.*`, `thirdParty.*`, `accounts.*`, `users.list`, `audit.query`, `access.can` /
 * `explain`, `jobs.expireDue` …), authorized by the gate and audited. The parts are in `examples/demo/`.
 *
 * `npm run demo` runs on the embedded in-memory store. `npm run demo -- --db ./data` runs on PostgreSQL
 * in the process (PGlite) with its data in `./data`, kept between runs; `--db postgres://…` runs on a
 * PostgreSQL server.
 */
import type { Kysely } from "kysely";
import { createMemoryStore, type TenureModel, type TenureStore } from "tenure";
import { createPostgresStore, migrate } from "tenure/postgres";
import { runDemo } from "./demo/walkthrough.js";

/** `--db <directory | postgres://…>`: where to keep the data; in memory when absent. */
const databaseArgument = ((): string | undefined => {
  const index = process.argv.indexOf("--db");
  return index === -1 ? undefined : process.argv[index + 1];
})();

/** PGlite in a directory, or a server; brings `tenure`'s tables up to date either way. */
async function openDatabase(where: string): Promise<Kysely<any>> {
  const { Kysely, PostgresDialect } = await import("kysely");
  let db: Kysely<any>;
  if (/^postgres(ql)?:\/\//.test(where)) {
    const { default: pg } = await import("pg");
    db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: where }) }) });
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGliteDialect } = await import("kysely-pglite-dialect");
    db = new Kysely<any>({ dialect: new PGliteDialect(await PGlite.create(where)) });
  }
  const migrated = await migrate(db);
  if (migrated.isErr()) throw new Error(migrated.error.message);
  return db;
}

const database = databaseArgument === undefined ? null : await openDatabase(databaseArgument);
const stores: TenureStore<any, any, any>[] = [];
/** A store for one part of the demo: a fresh memory store, or one more handle on the database. */
const newStore = (model?: TenureModel<any, any>): TenureStore<any, any, any> => {
  const options = model === undefined ? {} : { model };
  const store = database === null ? createMemoryStore(options) : createPostgresStore({ db: database, ...options });
  stores.push(store);
  return store;
};

if (database === null) console.log("tenure demo: user administration on the embedded in-memory store");
else console.log(`tenure demo: user administration on PostgreSQL (${databaseArgument}); each run adds its own organizations`);
await runDemo(newStore);
for (const store of stores) await store.close();
await database?.destroy();
console.log("\nDone. Next: docs/admin-api.md (which call backs which screen), docs/getting-started.md and docs/lifecycle.md");
