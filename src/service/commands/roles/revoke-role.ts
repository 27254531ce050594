import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, roleAssignmentIdSchema } from "../../../model/ids.js";
import type { RoleAssignment } from "../../../model/role-assignment.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { adminsBefore, ensureAdminRemains } from "../../_internal/ensure-admin-remains.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { assignmentJson, usersReachedBy } from "../../_internal/assignment-effects.js";
import { checkRevokeAssignment, ensureActorKeepsAdmin } from "../../_internal/role-guards.js";

/** What revoking a role takes: the assignment to revoke. */
export const revokeRoleInputSchema = z.object({
  organizationId: organizationIdSchema,
  assignmentId: roleAssignmentIdSchema,
});
/** See {@link revokeRoleInputSchema}. */
export type RevokeRoleInput = z.input<typeof revokeRoleInputSchema>;

/**
 * Revokes a role assignment ("remove a role from a user"; from a group, from all its members). The
 * actor must manage the organization's users and hold every permission the role carries (no
 * escalation); nobody removes their own admin role, directly or through a group; and the organization
 * never loses its last active admin. Returns the revoked assignment.
 *
 * @example
 * ```ts
 * await revokeRole(context, userActor(acme.id, adminId), { organizationId: acme.id, assignmentId });
 * ```
 */
export function revokeRole<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RevokeRoleInput,
): ResultAsync<RoleAssignment, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: revokeRoleInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    work: async (c, { organizationId, assignmentId }) => {
      const assignment = await c.tx.assignments.get(organizationId, assignmentId);
      if (assignment === null) return err(TenureErrors.notFound("role_assignment", assignmentId));
      const allowed = checkRevokeAssignment(context.catalog, c, assignment);
      if (allowed.isErr()) return err(allowed.error);
      const reached = await usersReachedBy(c.tx, organizationId, assignment.principal);
      const admins = await adminsBefore(context, c);
      const deleted = await c.tx.assignments.delete(organizationId, assignmentId);
      if (deleted.isErr()) return err(deleted.error);
      const keepsAdmin = await ensureActorKeepsAdmin(context, c);
      if (keepsAdmin.isErr()) return err(keepsAdmin.error);
      const remains = await ensureAdminRemains(context, c, admins);
      if (remains.isErr()) return err(remains.error);
      return ok({
        value: assignment,
        audit: { action: "role.revoked", target: { entity: "role_assignment", id: assignment.id }, before: assignmentJson(assignment), after: null },
        invalidate: { users: reached },
      });
    },
  });
}
