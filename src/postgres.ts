// Public entry point of `tenure/postgres`: the PostgreSQL storage adapter (Kysely; PGlite or a server).

export { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from "./adapters/postgres/postgres-store.js";
export type { PostgresNative } from "./adapters/postgres/postgres-native.js";
export {
  migrate,
  schemaVersion,
  DEFAULT_SCHEMA,
  type MigrateOptions,
  type MigrationReport,
  type SchemaTooNewError,
} from "./adapters/postgres/migrate.js";
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from "./adapters/postgres/migrations.js";
export type * from "./adapters/postgres/tables.js";
