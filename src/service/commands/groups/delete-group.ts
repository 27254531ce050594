import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { groupIdSchema, organizationIdSchema } from "../../../model/ids.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { pickJson } from "../../_internal/audit-values.js";
import { adminsBefore, ensureAdminRemains } from "../../_internal/ensure-admin-remains.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { assignmentJson } from "../../_internal/assignment-effects.js";
import { checkRevokeAssignment, ensureActorKeepsAdmin } from "../../_internal/role-guards.js";
import { groupAsRead } from "./_internal/group-as-read.js";

/** What deleting a group takes: the group as read (its version). */
export const deleteGroupInputSchema = z.object({
  organizationId: organizationIdSchema,
  groupId: groupIdSchema,
  /** The version read; a stale one is a `conflict`, never a lost update. */
  expectedVersion: z.number().int().nonnegative(),
});
/** See {@link deleteGroupInputSchema}. */
export type DeleteGroupInput = z.input<typeof deleteGroupInputSchema>;

/**
 * Deletes a group and revokes every role it holds, so its members lose what they held through it.
 * Managing groups needs the user-management permission in the organization, and revoking the group's
 * roles the permissions they carry (no escalation). Refused when it would take the actor's own admin
 * permission away, or leave the organization without an active admin (`last_admin`).
 *
 * @example
 * ```ts
 * await deleteGroup(context, actor, { organizationId: acme.id, groupId: sales.id, expectedVersion: sales.version });
 * ```
 */
export function deleteGroup<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: DeleteGroupInput,
): ResultAsync<void, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: deleteGroupInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    work: async (c, { organizationId, groupId, expectedVersion }) => {
      const group = await groupAsRead(c.tx, organizationId, groupId, expectedVersion);
      if (group.isErr()) return err(group.error);
      const assignments = await c.tx.assignments.listForPrincipals(organizationId, [{ type: "group", id: groupId }]);
      const admins = await adminsBefore(context, c);
      for (const assignment of assignments) {
        const revocable = checkRevokeAssignment(context.catalog, c, assignment);
        if (revocable.isErr()) return err(revocable.error);
        const revoked = await c.tx.assignments.delete(organizationId, assignment.id);
        if (revoked.isErr()) return err(revoked.error);
      }
      const deleted = await c.tx.groups.delete(organizationId, groupId, expectedVersion);
      if (deleted.isErr()) return err(deleted.error);
      const keepsAdmin = await ensureActorKeepsAdmin(context, c);
      if (keepsAdmin.isErr()) return err(keepsAdmin.error);
      const remains = await ensureAdminRemains(context, c, admins);
      if (remains.isErr()) return err(remains.error);
      return ok({
        value: undefined,
        audit: {
          action: "group.deleted",
          target: { entity: "group", id: groupId },
          before: { ...pickJson(group.value, ["name", "colour", "memberIds"]), assignments: assignments.map(assignmentJson) },
          after: null,
        },
        invalidate: { users: group.value.memberIds },
      });
    },
  });
}
