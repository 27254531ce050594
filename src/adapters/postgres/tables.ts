import type { ColumnType } from "kysely";

/**
 * A JSON document as stored in a `record jsonb` column: the entity's fields other than its key
 * columns, dates tagged (see `encodeRecord`). Written as a string, read back parsed.
 */
export type RecordColumn = ColumnType<unknown, string, string>;
/** A `timestamptz` column: read as a `Date`, written as a `Date` (or an ISO string). */
export type TimestampColumn = ColumnType<Date, Date | string, Date | string>;

/** `organizations`: one row per organization. */
export interface OrganizationsTable {
  id: string;
  partner_id: string | null;
  version: number;
  record: RecordColumn;
}

/**
 * `users`: the record plus the columns the queries filter, sort and look up by, all derived from the
 * record on every write. Sort keys are `COLLATE "C"` so the database orders them by code point, as
 * `compareCodePoints` does.
 */
export interface UsersTable {
  organization_id: string;
  id: string;
  version: number;
  username_key: string;
  full_name_key: string;
  email_key: string;
  full_name_match: string;
  email_normalized: string;
  /** `email_normalized` while the user claims it (`UserWriteOptions.uniqueEmail`), else null; unique per organization. */
  email_claim: string | null;
  /** The provisioned user's source record id, unique per `(organization_id, source_name)`; null for local users. */
  external_id: string | null;
  /** The configured source's name of a provisioned user; null for local users. */
  source_name: string | null;
  location: string | null;
  company: string | null;
  status: string;
  blocked_until: TimestampColumn | null;
  audience: string;
  third_party: boolean;
  source: string;
  access_expires_at: TimestampColumn | null;
  record: RecordColumn;
}

/** `groups`: one row per group; members live in {@link GroupMembersTable}. */
export interface GroupsTable {
  organization_id: string;
  id: string;
  version: number;
  name_key: string;
  record: RecordColumn;
}

/** `group_members`: who is in which group, derived from the group's `memberIds` on every write. */
export interface GroupMembersTable {
  organization_id: string;
  group_id: string;
  user_id: string;
  /** Position in the group's `memberIds`, so the list reads back in its stored order. */
  position: number;
}

/** `role_assignments`: one row per (principal, role, scope). */
export interface RoleAssignmentsTable {
  organization_id: string;
  id: string;
  principal_type: string;
  principal_id: string;
  role: string;
  scope_kind: string;
  scope_id: string;
  record: RecordColumn;
}

/** `invitations`. */
export interface InvitationsTable {
  organization_id: string;
  id: string;
  version: number;
  user_id: string;
  created_at: TimestampColumn;
  record: RecordColumn;
}

/** `tokens`: looked up by the hash of their secret, consumed exactly once. */
export interface TokensTable {
  organization_id: string;
  id: string;
  user_id: string;
  purpose: string;
  hash: string;
  used_at: TimestampColumn | null;
  record: RecordColumn;
}

/** `credentials`: one per user. */
export interface CredentialsTable {
  organization_id: string;
  user_id: string;
  version: number;
  record: RecordColumn;
}

/** `audit_events`: append-only. */
export interface AuditEventsTable {
  organization_id: string;
  id: string;
  at: TimestampColumn;
  actor_id: string | null;
  target_id: string;
  action: string;
  record: RecordColumn;
}

/** `outbox`: mails waiting for delivery; the delivery state lives in columns, the message in `record`. */
export interface OutboxTable {
  id: string;
  organization_id: string;
  status: string;
  attempts: number;
  next_attempt_at: TimestampColumn;
  last_error: string | null;
  sent_at: TimestampColumn | null;
  created_at: TimestampColumn;
  record: RecordColumn;
}

/**
 * `provisioning_runs`: one row per sync or import; `source` and `started_at` are derived from the
 * record on every write, for the newest-first list (optionally of one source).
 */
export interface ProvisioningRunsTable {
  organization_id: string;
  id: string;
  version: number;
  source: string;
  started_at: TimestampColumn;
  record: RecordColumn;
}

/** `provisioning_outcomes`: append-only, one row per record of a run, unique by `(organization_id, run_id, sequence)`. */
export interface ProvisioningOutcomesTable {
  organization_id: string;
  run_id: string;
  sequence: number;
  status: string;
  record: RecordColumn;
}

/** `schema_migrations`: the versions applied by `migrate`. */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: TimestampColumn;
}

/** The tables of `tenure`'s PostgreSQL schema, for Kysely. */
export interface TenureTables {
  organizations: OrganizationsTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  role_assignments: RoleAssignmentsTable;
  invitations: InvitationsTable;
  tokens: TokensTable;
  credentials: CredentialsTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  provisioning_runs: ProvisioningRunsTable;
  provisioning_outcomes: ProvisioningOutcomesTable;
  schema_migrations: SchemaMigrationsTable;
}
