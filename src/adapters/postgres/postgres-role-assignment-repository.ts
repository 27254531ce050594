import { err, ok } from "neverthrow";
import { roleAssignmentSchema, type RoleAssignment } from "../../model/role-assignment.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { RoleAssignmentRepository } from "../../ports/role-assignment-repository.js";
import { decodeRow } from "./_internal/corrupt-record.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import { encodeRecord } from "./_internal/record-json.js";
import { guardedInsert } from "./_internal/versioned-write.js";
import type { RoleAssignmentsTable } from "./tables.js";

type RoleAssignmentRow = Pick<RoleAssignmentsTable, "organization_id" | "id"> & { record: unknown };

/** The constraint that lets a principal hold a role in a scope once. */
const UNIQUE_GRANT = "role_assignments_unique";

/**
 * The role assignments of one PostgreSQL unit of work. The principal, role and scope columns are
 * derived from the record on insert (assignments are never edited); the unique constraint on them
 * makes a second grant of the same role a `duplicate` on `role`, even from a concurrent transaction.
 */
export function createPostgresRoleAssignmentRepository<UA extends object, OA extends object>(
  context: PostgresContext<UA, OA>,
): RoleAssignmentRepository {
  const { db, writes } = context;
  const decode = (row: RoleAssignmentRow): RoleAssignment =>
    decodeRow(
      roleAssignmentSchema,
      "role_assignment",
      { table: "role_assignments", organizationId: row.organization_id, id: row.id },
      row.record,
      { organizationId: row.organization_id, id: row.id },
    );
  const assignments = (organizationId: string) =>
    db.selectFrom("role_assignments").select(["organization_id", "id", "record"]).where("organization_id", "=", organizationId).orderBy("id");

  return {
    async get(organizationId, id) {
      const row = await assignments(organizationId).where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : decode(row);
    },
    async listForPrincipals(organizationId, principals) {
      if (principals.length === 0) return [];
      const rows = await assignments(organizationId)
        .where((eb) =>
          eb.or(principals.map((principal) => eb.and([eb("principal_type", "=", principal.type), eb("principal_id", "=", principal.id)]))),
        )
        .execute();
      return rows.map(decode);
    },
    async listForScope(organizationId, scope) {
      const rows = await assignments(organizationId).where("scope_kind", "=", scope.kind).where("scope_id", "=", scope.id).execute();
      return rows.map(decode);
    },
    async list(organizationId, options = {}) {
      const query = assignments(organizationId);
      return (await (options.role === undefined ? query : query.where("role", "=", options.role)).execute()).map(decode);
    },
    async insert(assignment) {
      return guardedInsert(
        writes,
        assignment,
        "role_assignment",
        assignment.id,
        () =>
          db
            .insertInto("role_assignments")
            .values({
              organization_id: assignment.organizationId,
              id: assignment.id,
              principal_type: assignment.principal.type,
              principal_id: assignment.principal.id,
              role: assignment.role,
              scope_kind: assignment.scope.kind,
              scope_id: assignment.scope.id,
              record: recordOf(assignment),
            })
            .execute(),
        (constraint) =>
          constraint === UNIQUE_GRANT
            ? TenureErrors.duplicate("role_assignment", "role", assignment.role)
            : TenureErrors.duplicate("role_assignment", "id", assignment.id),
      );
    },
    async delete(organizationId, id) {
      // Only a lost race can refuse a delete, and it ends the unit of work: no savepoint.
      const deleted = await writes.inTurn(async () => {
        const result = await db.deleteFrom("role_assignments").where("organization_id", "=", organizationId).where("id", "=", id).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
      return deleted > 0 ? ok(undefined) : err(TenureErrors.notFound("role_assignment", id));
    },
  };
}

/** The record column of an assignment: everything but the key columns. */
function recordOf(assignment: RoleAssignment): string {
  const { organizationId: _organizationId, id: _id, ...rest } = assignment;
  return encodeRecord(rest);
}
