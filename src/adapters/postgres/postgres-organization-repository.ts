import { err, ok } from "neverthrow";
import type { Organization } from "../../model/organization.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { decodeRow } from "./_internal/corrupt-record.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import { encodeRecord } from "./_internal/record-json.js";
import { assertNewVersion, guardedInsert, versionedWrite } from "./_internal/versioned-write.js";
import type { OrganizationsTable } from "./tables.js";

type OrganizationRow = Pick<OrganizationsTable, "id" | "version"> & { record: unknown };

/** The organizations of one PostgreSQL unit of work. */
export function createPostgresOrganizationRepository<UA extends object, OA extends object>(
  context: PostgresContext<UA, OA>,
): OrganizationRepository<OA> {
  const { db, writes, model } = context;
  const decode = (row: OrganizationRow): Organization<OA> =>
    decodeRow(model.organizationSchema, "organization", { table: "organizations", id: row.id }, row.record, {
      id: row.id,
      version: row.version,
    });
  const columns = ["id", "version", "record"] as const;
  const duplicateId = (organization: Organization<OA>) => () => TenureErrors.duplicate("organization", "id", organization.id);

  return {
    async get(id) {
      const row = await db.selectFrom("organizations").select(columns).where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : decode(row);
    },
    async listCustomers(partnerId) {
      const rows = await db.selectFrom("organizations").select(columns).where("partner_id", "=", partnerId).orderBy("id").execute();
      return rows.map(decode);
    },
    async list(options = {}) {
      if (options.limit !== undefined && options.limit < 1) return [];
      let query = db.selectFrom("organizations").select(columns).orderBy("id");
      if (options.after !== undefined) query = query.where("id", ">", options.after);
      if (options.limit !== undefined) query = query.limit(options.limit);
      return (await query.execute()).map(decode);
    },
    async insert(organization) {
      assertNewVersion(organization.version, "organization", organization.id);
      return guardedInsert(
        writes,
        organization,
        "organization",
        organization.id,
        () =>
          db
            .insertInto("organizations")
            .values({ id: organization.id, partner_id: organization.partnerId, version: 0, record: recordOf(organization) })
            .execute(),
        duplicateId(organization),
      );
    },
    async update(organization) {
      const next = { ...organization, version: organization.version + 1 };
      const written = await versionedWrite(
        writes,
        "organization",
        organization.id,
        organization.version,
        async () => {
          const result = await db
            .updateTable("organizations")
            .set({ partner_id: next.partnerId, version: next.version, record: recordOf(next) })
            .where("id", "=", organization.id)
            .where("version", "=", organization.version)
            .executeTakeFirst();
          return Number(result.numUpdatedRows);
        },
        async () =>
          (await db.selectFrom("organizations").select("version").where("id", "=", organization.id).executeTakeFirst())?.version ?? null,
        duplicateId(organization),
      );
      return written.isErr() ? err(written.error) : ok(next);
    },
  };
}

/** The record column of an organization: everything but the key columns. */
function recordOf<OA extends object>(organization: Organization<OA>): string {
  const { id: _id, version: _version, ...rest } = organization;
  return encodeRecord(rest);
}
