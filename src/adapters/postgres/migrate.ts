import { err, ok, type Result } from "neverthrow";
import { sql, type Kysely } from "kysely";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";

/** The options of {@link migrate}. */
export interface MigrateOptions {
  /** The PostgreSQL schema (namespace) holding `tenure`'s tables; created if missing. Default `tenure`. */
  readonly schema?: string;
}

/** What {@link migrate} did. */
export interface MigrationReport {
  /** Versions applied by this call, in order (empty when the schema was already current). */
  readonly applied: readonly number[];
  /** The schema version now in the database. */
  readonly version: number;
}

/** The database holds a schema version this version of `tenure` does not know: upgrade `tenure`. */
export interface SchemaTooNewError {
  readonly code: "schema_too_new";
  readonly message: string;
  readonly databaseVersion: number;
  readonly supportedVersion: number;
}

/**
 * Brings `tenure`'s tables up to {@link SCHEMA_VERSION}. Idempotent, and safe to run from several
 * processes at once (e.g. every application instance at start-up): all steps run in one transaction
 * holding a transaction-level advisory lock, so one process migrates and the others then find nothing
 * to do. A failing step rolls back everything this call did.
 *
 * @example
 * ```ts
 * const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString }) }) });
 * (await migrate(db)).match(
 *   (report) => console.log(`schema at version ${report.version}`),
 *   (error) => { throw new Error(error.message); },
 * );
 * ```
 */
export async function migrate(db: Kysely<any>, options: MigrateOptions = {}): Promise<Result<MigrationReport, SchemaTooNewError>> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const s = sql.id(schema);
  // READ COMMITTED: a caller that waited for the lock must see the versions the holder committed.
  return db.transaction().setIsolationLevel("read committed").execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`tenure migrate ${schema}`}))`.execute(trx);
    await sql`CREATE SCHEMA IF NOT EXISTS ${s}`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()
    )`.execute(trx);
    const current = await currentVersion(trx, schema);
    if (current > SCHEMA_VERSION) {
      return err({
        code: "schema_too_new",
        message: `The database schema "${schema}" is at version ${current}, newer than the version ${SCHEMA_VERSION} this tenure supports. Upgrade tenure.`,
        databaseVersion: current,
        supportedVersion: SCHEMA_VERSION,
      } as const);
    }
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      for (const statement of migration.statements(schema)) await statement.execute(trx);
      await sql`INSERT INTO ${s}.schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`.execute(trx);
      applied.push(migration.version);
    }
    return ok({ applied, version: Math.max(current, SCHEMA_VERSION) });
  });
}

/** The schema version in the database (0 when `tenure` was never migrated there). */
export async function schemaVersion(db: Kysely<any>, options: MigrateOptions = {}): Promise<number> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const exists = await sql<{ present: boolean }>`SELECT to_regclass(${`${quoteIdent(schema)}.schema_migrations`}) IS NOT NULL AS present`.execute(db);
  if (exists.rows[0]?.present !== true) return 0;
  return currentVersion(db, schema);
}

/** The default PostgreSQL schema of `tenure`'s tables. */
export const DEFAULT_SCHEMA = "tenure";

async function currentVersion(db: Kysely<any>, schema: string): Promise<number> {
  const result = await sql<{ version: number | null }>`SELECT max(version) AS version FROM ${sql.id(schema)}.schema_migrations`.execute(db);
  return result.rows[0]?.version ?? 0;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
