import { err, ok } from "neverthrow";
import { invitationSchema, type Invitation } from "../../model/invitation.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { InvitationRepository } from "../../ports/invitation-repository.js";
import { decodeRow } from "./_internal/corrupt-record.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import { encodeRecord } from "./_internal/record-json.js";
import { assertNewVersion, guardedInsert, versionedWrite } from "./_internal/versioned-write.js";
import type { InvitationsTable } from "./tables.js";

type InvitationRow = Pick<InvitationsTable, "organization_id" | "id" | "version"> & { record: unknown };

/**
 * The invitations of one PostgreSQL unit of work. `user_id` and `created_at` are derived from the
 * record on every write, for `listForUser` (newest first: `created_at`, then id, both descending).
 */
export function createPostgresInvitationRepository<UA extends object, OA extends object>(
  context: PostgresContext<UA, OA>,
): InvitationRepository {
  const { db, writes } = context;
  const decode = (row: InvitationRow): Invitation =>
    decodeRow(invitationSchema, "invitation", { table: "invitations", organizationId: row.organization_id, id: row.id }, row.record, {
      organizationId: row.organization_id,
      id: row.id,
      version: row.version,
    });
  const invitations = (organizationId: string) =>
    db.selectFrom("invitations").select(["organization_id", "id", "version", "record"]).where("organization_id", "=", organizationId);
  const duplicateId = (invitation: Invitation) => () => TenureErrors.duplicate("invitation", "id", invitation.id);

  return {
    async get(organizationId, id) {
      const row = await invitations(organizationId).where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : decode(row);
    },
    async listForUser(organizationId, userId) {
      const rows = await invitations(organizationId).where("user_id", "=", userId).orderBy("created_at", "desc").orderBy("id", "desc").execute();
      return rows.map(decode);
    },
    async insert(invitation) {
      assertNewVersion(invitation.version, "invitation", invitation.id);
      return guardedInsert(
        writes,
        invitation,
        "invitation",
        invitation.id,
        () =>
          db
            .insertInto("invitations")
            .values({
              organization_id: invitation.organizationId,
              id: invitation.id,
              version: 0,
              user_id: invitation.userId,
              created_at: invitation.createdAt,
              record: recordOf(invitation),
            })
            .execute(),
        duplicateId(invitation),
      );
    },
    async update(invitation) {
      const next: Invitation = { ...structuredClone(invitation), version: invitation.version + 1 };
      const written = await versionedWrite(
        writes,
        "invitation",
        invitation.id,
        invitation.version,
        async () => {
          const result = await db
            .updateTable("invitations")
            .set({ version: next.version, user_id: next.userId, created_at: next.createdAt, record: recordOf(next) })
            .where("organization_id", "=", invitation.organizationId)
            .where("id", "=", invitation.id)
            .where("version", "=", invitation.version)
            .executeTakeFirst();
          return Number(result.numUpdatedRows);
        },
        async () =>
          (
            await db
              .selectFrom("invitations")
              .select("version")
              .where("organization_id", "=", invitation.organizationId)
              .where("id", "=", invitation.id)
              .executeTakeFirst()
          )?.version ?? null,
        duplicateId(invitation),
      );
      return written.isErr() ? err(written.error) : ok(next);
    },
  };
}

/** The record column of an invitation: everything but the key columns. */
function recordOf(invitation: Invitation): string {
  const { organizationId: _organizationId, id: _id, version: _version, ...rest } = invitation;
  return encodeRecord(rest);
}
