import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import type { Group } from "../../../model/group.js";
import { groupIdSchema, organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { checkConferral } from "../../_internal/role-guards.js";
import { groupAsRead } from "./_internal/group-as-read.js";

/** What adding members to a group takes: the group as read (its version) and the users to add. */
export const addGroupMembersInputSchema = z.object({
  organizationId: organizationIdSchema,
  groupId: groupIdSchema,
  /** The version read; a stale one is a `conflict`, never a lost update. */
  expectedVersion: z.number().int().nonnegative(),
  /** Users of the organization; those already members are left as they are. */
  userIds: z.array(userIdSchema).min(1).max(1000),
});
/** See {@link addGroupMembersInputSchema}. */
export type AddGroupMembersInput = z.input<typeof addGroupMembersInputSchema>;

/**
 * Adds users to a group; they hold the group's roles at once ("if another user is added, it is
 * sufficient to add the user to the group and all necessary authorisations are directly available").
 * Managing groups needs the user-management permission in the organization, and since membership
 * confers the group's roles, the actor must hold every permission they carry (no escalation). Every
 * user must be a user of the organization (`not_found` otherwise).
 *
 * @example
 * ```ts
 * await addGroupMembers(context, actor, { organizationId: acme.id, groupId: sales.id, expectedVersion: sales.version, userIds: [annId] });
 * ```
 */
export function addGroupMembers<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: AddGroupMembersInput,
): ResultAsync<Group, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: addGroupMembersInputSchema,
    input,
    rule: ({ userIds }) => ({ needs: "administrator", targets: userIds }),
    work: async (c, { organizationId, groupId, expectedVersion, userIds }) => {
      const group = await groupAsRead(c.tx, organizationId, groupId, expectedVersion);
      if (group.isErr()) return err(group.error);
      const found = new Set((await c.tx.users.getMany(organizationId, userIds)).map((user) => user.id));
      const missing = userIds.find((userId) => !found.has(userId));
      if (missing !== undefined) return err(TenureErrors.notFound("user", missing));
      const added = [...new Set(userIds)].filter((userId) => !group.value.memberIds.includes(userId));
      if (added.length > 0) {
        const roles = await c.tx.assignments.listForPrincipals(organizationId, [{ type: "group", id: groupId }]);
        const allowed = checkConferral(context.catalog, c, roles, group.value.name);
        if (allowed.isErr()) return err(allowed.error);
      }
      const updated = await c.tx.groups.update({ ...group.value, memberIds: [...group.value.memberIds, ...added], updatedAt: c.now });
      if (updated.isErr()) return err(updated.error);
      return ok({
        value: updated.value,
        audit: {
          action: "group.members_added",
          target: { entity: "group", id: groupId },
          before: { memberIds: group.value.memberIds },
          after: { memberIds: updated.value.memberIds },
          details: { added },
        },
        invalidate: { users: added },
      });
    },
  });
}
