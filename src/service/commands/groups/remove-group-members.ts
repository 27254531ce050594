import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import type { Group } from "../../../model/group.js";
import { groupIdSchema, organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { adminsBefore, ensureAdminRemains } from "../../_internal/ensure-admin-remains.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { checkRevokeAssignment, ensureActorKeepsAdmin } from "../../_internal/role-guards.js";
import { groupAsRead } from "./_internal/group-as-read.js";

/** What removing members from a group takes: the group as read (its version) and the users to remove. */
export const removeGroupMembersInputSchema = z.object({
  organizationId: organizationIdSchema,
  groupId: groupIdSchema,
  /** The version read; a stale one is a `conflict`, never a lost update. */
  expectedVersion: z.number().int().nonnegative(),
  /** Users to remove; ids that are not members are ignored. */
  userIds: z.array(userIdSchema).min(1).max(1000),
});
/** See {@link removeGroupMembersInputSchema}. */
export type RemoveGroupMembersInput = z.input<typeof removeGroupMembersInputSchema>;

/**
 * Removes users from a group; they lose the group's roles at once. Managing groups needs the
 * user-management permission in the organization, and taking the group's roles away the permissions
 * they carry (no escalation). Refused when it would take the actor's own admin permission away, or
 * leave the organization without an active admin (`last_admin`).
 *
 * @example
 * ```ts
 * await removeGroupMembers(context, actor, { organizationId: acme.id, groupId: sales.id, expectedVersion: sales.version, userIds: [annId] });
 * ```
 */
export function removeGroupMembers<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RemoveGroupMembersInput,
): ResultAsync<Group, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: removeGroupMembersInputSchema,
    input,
    rule: ({ userIds }) => ({ needs: "administrator", targets: userIds }),
    work: async (c, { organizationId, groupId, expectedVersion, userIds }) => {
      const group = await groupAsRead(c.tx, organizationId, groupId, expectedVersion);
      if (group.isErr()) return err(group.error);
      const leaving = new Set(userIds);
      const removed = group.value.memberIds.filter((memberId) => leaving.has(memberId));
      if (removed.length > 0) {
        for (const assignment of await c.tx.assignments.listForPrincipals(organizationId, [{ type: "group", id: groupId }])) {
          const revocable = checkRevokeAssignment(context.catalog, c, assignment);
          if (revocable.isErr()) return err(revocable.error);
        }
      }
      const memberIds = group.value.memberIds.filter((memberId) => !leaving.has(memberId));
      const admins = await adminsBefore(context, c);
      const updated = await c.tx.groups.update({ ...group.value, memberIds, updatedAt: c.now });
      if (updated.isErr()) return err(updated.error);
      const keepsAdmin = await ensureActorKeepsAdmin(context, c);
      if (keepsAdmin.isErr()) return err(keepsAdmin.error);
      const remains = await ensureAdminRemains(context, c, admins);
      if (remains.isErr()) return err(remains.error);
      return ok({
        value: updated.value,
        audit: {
          action: "group.members_removed",
          target: { entity: "group", id: groupId },
          before: { memberIds: group.value.memberIds },
          after: { memberIds: updated.value.memberIds },
          details: { removed },
        },
        invalidate: { users: removed },
      });
    },
  });
}
