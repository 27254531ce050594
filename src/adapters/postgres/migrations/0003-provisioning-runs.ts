import { sql, type RawBuilder } from "kysely";

/**
 * The records of provisioning runs and their per-record outcomes. Runs key on `(organization_id, id)`
 * and are listed newest first, of the organization or of one source; outcomes key on
 * `(organization_id, run_id, sequence)`, which is also their list order and the rule that a
 * sequence is appended once. No foreign key to the run: outcomes are written in the units of work of
 * their run, and the key already scopes them to the organization.
 */
export function provisioningRuns(schema: string): RawBuilder<unknown>[] {
  const s = sql.id(schema);
  return [
    sql`CREATE TABLE ${s}.provisioning_runs (
      organization_id text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      version integer NOT NULL CHECK (version >= 0),
      source text COLLATE "C" NOT NULL,
      started_at timestamptz NOT NULL,
      record jsonb NOT NULL,
      CONSTRAINT provisioning_runs_pkey PRIMARY KEY (organization_id, id)
    )`,
    sql`CREATE INDEX provisioning_runs_by_time ON ${s}.provisioning_runs (organization_id, started_at DESC, id DESC)`,
    sql`CREATE INDEX provisioning_runs_by_source ON ${s}.provisioning_runs (organization_id, source, started_at DESC, id DESC)`,

    sql`CREATE TABLE ${s}.provisioning_outcomes (
      organization_id text COLLATE "C" NOT NULL,
      run_id text COLLATE "C" NOT NULL,
      sequence integer NOT NULL CHECK (sequence >= 0),
      status text NOT NULL,
      record jsonb NOT NULL,
      CONSTRAINT provisioning_outcomes_pkey PRIMARY KEY (organization_id, run_id, sequence)
    )`,
  ];
}
