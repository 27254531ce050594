/**
 * The PostgreSQL adapter with 1,000,000 users, on a PostgreSQL server (loopback, `pg` pool) and on
 * PGlite in memory (`BENCH_ONLY=postgres npm run bench`). The population (see
 * `bench/postgres/population.ts`) mirrors the memory-store benches: 10 organizations of 100,000 users,
 * 5% third party, 1% of all past their date. On each database, in this order, as medians:
 *
 * 1. the load of the users (generated in SQL, then verified through the store);
 * 2. the first page and a deep keyset page of the user list by full name, unfiltered and filtered by
 *    location + company (~3% of an organization), 30 runs each (target: a filtered page under 20 ms on
 *    the server), and the memory bench's filtered page by e-mail;
 * 3. the expiry sweep (`jobs.expireDue`) with 10,000 users due, and right after with nothing to do,
 *    while only admins and groups hold roles (as in the memory expiry bench);
 * 4. the load of a `member` role for every user (generated, verified), then a permission check with a
 *    cold cache (`access.can`: load the user's groups and assignments, resolve), and `assignments.list`
 *    of one organization, which the sweep's digest reads twice per organization with expiries.
 *
 * Prints `EXPLAIN (ANALYZE, BUFFERS)` of the list pages, of the sweep's `listAccessExpiring` and of the
 * permission check's reads, each with a `PLAN CHECK: OK/FAILED` on the indexes it must use (a failed
 * check sets a failing exit code). Knobs: `BENCH_PG_USERS` (default 1,000,000), `BENCH_PG_TARGETS`
 * (`server,pglite`), `BENCH_PG_SWEEP_RUNS` (3); the server is `TENURE_BENCH_DATABASE_URL`, else
 * `TENURE_TEST_DATABASE_URL`, else the one `scripts/postgres-server.sh` starts. Everything lives in the
 * schema `tenure_bench`, dropped at the end. Takes about 10 minutes on a 2-core machine, mostly loading.
 */
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { createPostgresStore, migrate } from "tenure/postgres";
import { report, type Measurement } from "./harness.js";
import { openPglite, openServer, serverUrl, type BenchDatabase } from "./postgres/databases.js";
import { measureAssignmentList, measureLists, measurePermissionCheck, measureSweep } from "./postgres/measurements.js";
import type { PlanCheck } from "./postgres/plans.js";
import {
  loadAssignments,
  loadUsers,
  populationOf,
  verifyAssignments,
  verifyUsers,
  type LoadTimes,
  type Population,
} from "./postgres/population.js";

const SCHEMA = "tenure_bench";
/** The issue's target for a filtered page on the server. */
const FILTERED_PAGE_TARGET_MS = 20;

interface DatabaseOutcome {
  readonly name: string;
  readonly measurements: Measurement[];
  readonly plans: PlanCheck[];
}

async function runOn(database: BenchDatabase, population: Population, sweepRuns: number): Promise<DatabaseOutcome> {
  const { db } = database;
  const log = (line: string): void => console.log(`  [${database.name}] ${line}`);
  console.log(`\nPostgreSQL adapter on ${database.description}`);
  await sql`DROP SCHEMA IF EXISTS ${sql.id(SCHEMA)} CASCADE`.execute(db);
  const migrated = await migrate(db, { schema: SCHEMA });
  if (migrated.isErr()) throw new Error(migrated.error.message);
  const store = createPostgresStore({ db, schema: SCHEMA });
  const loaded = (name: string, load: LoadTimes, note: string): Measurement => {
    log(
      `${name} in ${(load.totalMs / 1000).toFixed(1)} s: through the store ${(load.throughStoreMs / 1000).toFixed(1)} s, ` +
        `SQL ${(load.generateMs / 1000).toFixed(1)} s, indexes ${(load.indexesMs / 1000).toFixed(1)} s, VACUUM ANALYZE ${(load.analyzeMs / 1000).toFixed(1)} s`,
    );
    return { name, runs: 1, medianMs: load.totalMs, p95Ms: load.totalMs, note };
  };
  try {
    // The users, then the lists and the sweep (only admins and groups hold roles yet, as in the memory expiry bench).
    const users = await loadUsers(db, store, SCHEMA, population, log);
    const size = await sql<{ size: string }>`SELECT pg_size_pretty(pg_total_relation_size(${`${SCHEMA}.users`}::regclass)) AS size`.execute(db);
    const usersLoaded = loaded(`load ${population.users.toLocaleString("en")} users`, users, `users table with indexes: ${size.rows[0]?.size ?? "?"}`);
    log(`VERIFY: OK — ${await verifyUsers(db, store, SCHEMA, population)}`);
    const lists = await measureLists(database, store, SCHEMA);
    const sweep = await measureSweep(database, store, SCHEMA, population, sweepRuns);
    // Then every user's `member` role, for the permission check.
    const assignmentsLoaded = loaded(`load ${population.users.toLocaleString("en")} role assignments`, await loadAssignments(db, SCHEMA, population, log), "");
    log(`VERIFY: OK — ${await verifyAssignments(db, store, SCHEMA, population)}`);
    const permissions = await measurePermissionCheck(database, store, population);
    const assignmentList = await measureAssignmentList(database, store);
    const measurements = [
      usersLoaded,
      assignmentsLoaded,
      ...lists.measurements,
      ...sweep.measurements,
      ...permissions.measurements,
      ...assignmentList.measurements,
    ];
    report(`PostgreSQL adapter, ${database.name}, ${population.users.toLocaleString("en")} users (${database.description})`, measurements);
    return { name: database.name, measurements, plans: [...lists.plans, ...sweep.plans, ...permissions.plans] };
  } finally {
    await store.close();
    await sql`DROP SCHEMA IF EXISTS ${sql.id(SCHEMA)} CASCADE`.execute(db);
  }
}

function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

/** Runs the suite on each database and prints the reports, the ratio server/PGlite, the plan checks and the target. */
export async function runPostgresBench(): Promise<void> {
  const started = performance.now();
  const population = populationOf(Number(process.env["BENCH_PG_USERS"] ?? 1_000_000));
  const targets = (process.env["BENCH_PG_TARGETS"] ?? "server,pglite").split(",").map((target) => target.trim().toLowerCase());
  const sweepRuns = Number(process.env["BENCH_PG_SWEEP_RUNS"] ?? 3);
  const outcomes: DatabaseOutcome[] = [];
  for (const target of targets) {
    const database = target === "server" ? await openServer(serverUrl()) : target === "pglite" ? await openPglite() : null;
    if (database === null) throw new Error(`BENCH_PG_TARGETS: unknown target "${target}" (server, pglite)`);
    try {
      outcomes.push(await runOn(database, population, sweepRuns));
    } finally {
      await database.close();
    }
  }

  const server = outcomes.find((outcome) => outcome.name === "server");
  const pglite = outcomes.find((outcome) => outcome.name === "PGlite");
  if (server !== undefined && pglite !== undefined) {
    console.log("\nPostgreSQL adapter: server against PGlite (ratio of medians; below 1 the server is faster)");
    const width = Math.max(...server.measurements.map((m) => m.name.length));
    for (const m of server.measurements) {
      const other = pglite.measurements.find((candidate) => candidate.name === m.name);
      if (other === undefined) continue;
      console.log(`  ${m.name.padEnd(width)}  server ${formatMs(m.medianMs).padStart(10)}  PGlite ${formatMs(other.medianMs).padStart(10)}  ${(m.medianMs / other.medianMs).toFixed(2)}×`);
    }
  }

  const plans = outcomes.flatMap((outcome) => outcome.plans);
  const failed = plans.filter((plan) => !plan.ok);
  console.log("\nPostgreSQL adapter: query plans");
  for (const plan of plans) console.log(`  ${plan.ok ? "OK    " : "FAILED"}  ${plan.database.padEnd(6)}  ${plan.query}: ${plan.detail}`);
  console.log(failed.length === 0 ? `PLAN CHECK: OK (${plans.length} plans use their indexes)` : `PLAN CHECK: FAILED (${failed.length} of ${plans.length})`);
  if (failed.length > 0) process.exitCode = 1;

  if (server !== undefined) {
    const filtered = server.measurements.filter((m) => m.name.startsWith("filtered (location + company), by full name"));
    const worst = Math.max(...filtered.map((m) => m.medianMs));
    console.log(
      `TARGET filtered page under ${FILTERED_PAGE_TARGET_MS} ms on the server: ${worst < FILTERED_PAGE_TARGET_MS ? "met" : "MISSED"} ` +
        `(${filtered.map((m) => `${m.name.replace("filtered (location + company), by full name, ", "")} ${formatMs(m.medianMs)}`).join(", ")})`,
    );
  }
  console.log(`PostgreSQL suite took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
