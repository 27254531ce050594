/**
 * The two databases of the PostgreSQL benchmark, each a Kysely instance whose queries can be recorded
 * (through Kysely's `log` option, so the benchmark sees the adapter's SQL without touching its
 * internals): PGlite in memory, and the server named by `TENURE_BENCH_DATABASE_URL` or
 * `TENURE_TEST_DATABASE_URL` (else the loopback server of `scripts/postgres-server.sh`).
 */
import { execFileSync } from "node:child_process";
import { PGlite } from "@electric-sql/pglite";
import { CompiledQuery, Kysely, PostgresDialect, sql, type LogEvent } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";

/** One statement the database ran, as Kysely sent it. */
export interface RecordedQuery {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** From sending it to its result, as Kysely measured it (driver and database, not decoding). */
  readonly durationMs: number;
}

/** Records the statements run between `start()` and `stop()`. */
export class QueryRecorder {
  private recorded: RecordedQuery[] | null = null;

  /** The `log` option of the Kysely instance. */
  readonly log = (event: LogEvent): void => {
    if (event.level === "query" && this.recorded !== null) {
      this.recorded.push({ sql: event.query.sql, parameters: event.query.parameters, durationMs: event.queryDurationMillis });
    }
  };

  start(): void {
    this.recorded = [];
  }

  /** The statements recorded so far (empty when not recording). */
  get soFar(): readonly RecordedQuery[] {
    return this.recorded ?? [];
  }

  stop(): RecordedQuery[] {
    const recorded = this.recorded ?? [];
    this.recorded = null;
    return recorded;
  }
}

/** A database the benchmark runs on. */
export interface BenchDatabase {
  readonly name: "PGlite" | "server";
  /** What it is, for the report (version, where). */
  readonly description: string;
  readonly db: Kysely<any>;
  readonly recorder: QueryRecorder;
  close(): Promise<void>;
}

/** `EXPLAIN …` of a recorded statement, with its parameters, as plain text lines. */
export async function explain(db: Kysely<any>, query: RecordedQuery, options = "ANALYZE, BUFFERS"): Promise<string[]> {
  const result = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`EXPLAIN (${options}) ${query.sql}`, [...query.parameters]));
  return result.rows.map((row) => String(Object.values(row)[0]));
}

async function versionOf(db: Kysely<any>): Promise<string> {
  const result = await sql<{ version: string }>`SELECT version() AS version`.execute(db);
  return (result.rows[0]?.version ?? "unknown").split(",")[0] ?? "unknown";
}

/** PGlite in memory (one connection: transactions run one after the other). */
export async function openPglite(): Promise<BenchDatabase> {
  const recorder = new QueryRecorder();
  const pglite = await PGlite.create();
  const db = new Kysely<any>({ dialect: new PGliteDialect(pglite), log: recorder.log });
  return { name: "PGlite", description: `PGlite in memory (${await versionOf(db)})`, db, recorder, close: () => db.destroy() };
}

/** The server's connection string: from the environment, else the loopback server the script starts. */
export function serverUrl(): string {
  const fromEnvironment = process.env["TENURE_BENCH_DATABASE_URL"] ?? process.env["TENURE_TEST_DATABASE_URL"];
  if (fromEnvironment !== undefined && fromEnvironment !== "") return fromEnvironment;
  execFileSync("bash", ["scripts/postgres-server.sh", "start"], { stdio: ["ignore", "ignore", "inherit"] });
  return execFileSync("bash", ["scripts/postgres-server.sh", "url"], { encoding: "utf8" }).trim();
}

/** A `pg` pool on the server. */
export async function openServer(url: string): Promise<BenchDatabase> {
  const recorder = new QueryRecorder();
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }), log: recorder.log });
  const where = url.replace(/\/\/[^@/]*@/u, "//");
  return { name: "server", description: `${await versionOf(db)} at ${where} (pg pool)`, db, recorder, close: () => db.destroy() };
}
