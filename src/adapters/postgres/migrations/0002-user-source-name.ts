import { sql, type RawBuilder } from "kysely";

/**
 * Named provisioning sources: a provisioned user's row records the configured source's name beside
 * the source's record id, and `(organization, source name, record id)` becomes unique, so two users can
 * never be linked to one directory entry, sheet row or SCIM resource. Rows written before name their
 * source after its kind (`directory`), which is also the default name of a configured source. A
 * database holding two directory users with one external id cannot take this step: it stops with the
 * constraint's error and changes nothing, and the duplicate has to be resolved by hand first.
 */
export function userSourceName(schema: string): RawBuilder<unknown>[] {
  const s = sql.id(schema);
  return [
    sql`ALTER TABLE ${s}.users ADD COLUMN source_name text COLLATE "C"`,
    sql`UPDATE ${s}.users SET source_name = source WHERE source <> 'local'`,
    sql`DROP INDEX ${s}.users_external_id`,
    sql`ALTER TABLE ${s}.users ADD CONSTRAINT users_source_record_unique UNIQUE (organization_id, source_name, external_id)`,
  ];
}
