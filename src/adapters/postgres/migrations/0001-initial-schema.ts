import { sql, type RawBuilder } from "kysely";

/**
 * The first schema. Every id and sort key is `text COLLATE "C"`: the database then orders them by code
 * point, exactly as `compareCodePoints` does, so pages agree with every other adapter. Each table keys
 * on `(organization_id, id)` so that every lookup is tenant-scoped by its index.
 */
export function initialSchema(schema: string): RawBuilder<unknown>[] {
  const s = sql.id(schema);
  return [
    sql`CREATE TABLE ${s}.organizations (
      id text COLLATE "C" PRIMARY KEY,
      partner_id text COLLATE "C",
      version integer NOT NULL CHECK (version >= 0),
      record jsonb NOT NULL
    )`,
    sql`CREATE INDEX organizations_partner ON ${s}.organizations (partner_id, id) WHERE partner_id IS NOT NULL`,

    sql`CREATE TABLE ${s}.users (
      organization_id text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      version integer NOT NULL CHECK (version >= 0),
      username_key text COLLATE "C" NOT NULL,
      full_name_key text COLLATE "C" NOT NULL,
      email_key text COLLATE "C" NOT NULL,
      full_name_match text COLLATE "C" NOT NULL,
      email_normalized text COLLATE "C" NOT NULL,
      email_claim text COLLATE "C",
      external_id text COLLATE "C",
      location text COLLATE "C",
      company text COLLATE "C",
      status text NOT NULL,
      blocked_until timestamptz,
      audience text NOT NULL,
      third_party boolean NOT NULL,
      source text NOT NULL,
      access_expires_at timestamptz,
      record jsonb NOT NULL,
      CONSTRAINT users_pkey PRIMARY KEY (organization_id, id),
      CONSTRAINT users_username_unique UNIQUE (organization_id, username_key),
      CONSTRAINT users_email_claim_unique UNIQUE (organization_id, email_claim)
    )`,
    sql`CREATE INDEX users_by_full_name ON ${s}.users (organization_id, full_name_key, id)`,
    sql`CREATE INDEX users_by_email ON ${s}.users (organization_id, email_key, id)`,
    sql`CREATE INDEX users_by_username ON ${s}.users (organization_id, username_key, id)`,
    sql`CREATE INDEX users_email_lookup ON ${s}.users (organization_id, email_normalized)`,
    sql`CREATE INDEX users_full_name_lookup ON ${s}.users (organization_id, full_name_match)`,
    sql`CREATE INDEX users_external_id ON ${s}.users (organization_id, external_id) WHERE external_id IS NOT NULL`,
    sql`CREATE INDEX users_location ON ${s}.users (organization_id, location, full_name_key, id) WHERE location IS NOT NULL`,
    sql`CREATE INDEX users_company ON ${s}.users (organization_id, company, full_name_key, id) WHERE company IS NOT NULL`,
    sql`CREATE INDEX users_access_expiring ON ${s}.users (organization_id, access_expires_at, id)
      WHERE third_party AND access_expires_at IS NOT NULL`,

    sql`CREATE TABLE ${s}.groups (
      organization_id text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      version integer NOT NULL CHECK (version >= 0),
      name_key text COLLATE "C" NOT NULL,
      record jsonb NOT NULL,
      CONSTRAINT groups_pkey PRIMARY KEY (organization_id, id)
    )`,
    sql`CREATE INDEX groups_by_name ON ${s}.groups (organization_id, name_key, id)`,
    sql`CREATE TABLE ${s}.group_members (
      organization_id text COLLATE "C" NOT NULL,
      group_id text COLLATE "C" NOT NULL,
      user_id text COLLATE "C" NOT NULL,
      position integer NOT NULL,
      CONSTRAINT group_members_pkey PRIMARY KEY (organization_id, group_id, user_id),
      CONSTRAINT group_members_group FOREIGN KEY (organization_id, group_id)
        REFERENCES ${s}.groups (organization_id, id) ON DELETE CASCADE
    )`,
    sql`CREATE INDEX group_members_by_user ON ${s}.group_members (organization_id, user_id, group_id)`,

    sql`CREATE TABLE ${s}.role_assignments (
      organization_id text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      principal_type text NOT NULL,
      principal_id text COLLATE "C" NOT NULL,
      role text COLLATE "C" NOT NULL,
      scope_kind text COLLATE "C" NOT NULL,
      scope_id text COLLATE "C" NOT NULL,
      record jsonb NOT NULL,
      CONSTRAINT role_assignments_pkey PRIMARY KEY (organization_id, id),
      CONSTRAINT role_assignments_unique UNIQUE (organization_id, principal_type, principal_id, role, scope_kind, scope_id)
    )`,
    sql`CREATE INDEX role_assignments_by_role ON ${s}.role_assignments (organization_id, role, principal_type, principal_id)`,
    sql`CREATE INDEX role_assignments_by_scope ON ${s}.role_assignments (organization_id, scope_kind, scope_id, id)`,

    sql`CREATE TABLE ${s}.invitations (
      organization_id text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      version integer NOT NULL CHECK (version >= 0),
      user_id text COLLATE "C" NOT NULL,
      created_at timestamptz NOT NULL,
      record jsonb NOT NULL,
      CONSTRAINT invitations_pkey PRIMARY KEY (organization_id, id)
    )`,
    sql`CREATE INDEX invitations_by_user ON ${s}.invitations (organization_id, user_id, created_at DESC, id DESC)`,

    sql`CREATE TABLE ${s}.tokens (
      organization_id text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      user_id text COLLATE "C" NOT NULL,
      purpose text NOT NULL,
      hash text COLLATE "C" NOT NULL,
      used_at timestamptz,
      record jsonb NOT NULL,
      CONSTRAINT tokens_pkey PRIMARY KEY (organization_id, id),
      CONSTRAINT tokens_hash_unique UNIQUE (hash)
    )`,
    sql`CREATE INDEX tokens_unused_by_user ON ${s}.tokens (organization_id, user_id, purpose) WHERE used_at IS NULL`,

    sql`CREATE TABLE ${s}.credentials (
      organization_id text COLLATE "C" NOT NULL,
      user_id text COLLATE "C" NOT NULL,
      version integer NOT NULL CHECK (version >= 0),
      record jsonb NOT NULL,
      CONSTRAINT credentials_pkey PRIMARY KEY (organization_id, user_id)
    )`,

    sql`CREATE TABLE ${s}.audit_events (
      organization_id text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      at timestamptz NOT NULL,
      actor_id text COLLATE "C",
      target_id text COLLATE "C" NOT NULL,
      action text COLLATE "C" NOT NULL,
      record jsonb NOT NULL,
      CONSTRAINT audit_events_pkey PRIMARY KEY (organization_id, id)
    )`,
    sql`CREATE INDEX audit_events_by_time ON ${s}.audit_events (organization_id, at DESC, id DESC)`,
    sql`CREATE INDEX audit_events_by_target ON ${s}.audit_events (organization_id, target_id, at DESC, id DESC)`,
    sql`CREATE INDEX audit_events_by_actor ON ${s}.audit_events (organization_id, actor_id, at DESC, id DESC) WHERE actor_id IS NOT NULL`,

    sql`CREATE TABLE ${s}.outbox (
      id text COLLATE "C" PRIMARY KEY,
      organization_id text COLLATE "C" NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
      attempts integer NOT NULL CHECK (attempts >= 0),
      next_attempt_at timestamptz NOT NULL,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz NOT NULL,
      record jsonb NOT NULL
    )`,
    // Claims take the oldest pending mails first and skip those not yet due: walk pending mails by age.
    sql`CREATE INDEX outbox_pending ON ${s}.outbox (created_at, id) WHERE status = 'pending'`,
    sql`CREATE INDEX outbox_by_organization ON ${s}.outbox (organization_id, created_at, id)`,
  ];
}
