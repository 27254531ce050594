import type { RawBuilder } from "kysely";
import { initialSchema } from "./migrations/0001-initial-schema.js";
import { userSourceName } from "./migrations/0002-user-source-name.js";
import { provisioningRuns } from "./migrations/0003-provisioning-runs.js";

/** One step of the schema, applied once and in order by `migrate`. */
export interface Migration {
  /** 1, 2, 3…: the schema version after this step. */
  readonly version: number;
  readonly name: string;
  /** The statements of the step, for the given PostgreSQL schema. */
  readonly statements: (schema: string) => RawBuilder<unknown>[];
}

/** Every migration shipped with this version of `tenure`, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "initial schema", statements: initialSchema },
  { version: 2, name: "user source name", statements: userSourceName },
  { version: 3, name: "provisioning runs", statements: provisioningRuns },
];

/** The schema version this version of `tenure` reads and writes. */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
