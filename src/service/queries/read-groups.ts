import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { compareCodePoints } from "../../model/sort-key.js";
import { standsAtLeast, type Standing } from "../../access/guards/standing.js";
import { SHOWN_TO_MEMBERS, visibleGroups } from "../../access/visibility.js";
import { effectiveStatus } from "../../model/account-state.js";
import type { Group } from "../../model/group.js";
import { groupIdSchema, organizationIdSchema, type GroupId, type OrganizationId, type UserId } from "../../model/ids.js";
import { TenureErrors, type TenureError } from "../../model/tenure-error.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";
import type { Actor } from "../actor.js";
import type { ActingParty } from "../_internal/acting-party.js";
import { runQuery } from "../_internal/run-query.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** What listing an organization's groups takes. */
export const listGroupsInputSchema = z.object({ organizationId: organizationIdSchema });
/** See {@link listGroupsInputSchema}. */
export type ListGroupsInput = z.input<typeof listGroupsInputSchema>;

/** What reading one group takes. */
export const getGroupInputSchema = z.object({ organizationId: organizationIdSchema, groupId: groupIdSchema });
/** See {@link getGroupInputSchema}. */
export type GetGroupInput = z.input<typeof getGroupInputSchema>;

/**
 * The groups of an organization as the actor may see them, by name, with their members (the document
 * workspace): administrators, super admins and internal users see every group, external users only the
 * groups they are in, guests none. Members other than administrators do not see de-activated or removed
 * users among a group's members (the zoned workspace shows those on admin lists only).
 */
export function listGroups<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ListGroupsInput,
): ResultAsync<readonly Group[], TenureError> {
  return runQuery(context, {
    actor,
    schema: listGroupsInputSchema,
    input,
    rule: () => ({ needs: "member" }),
    read: async (scope, { organizationId }) => {
      const groups = await scope.tx.groups.list(organizationId);
      const shown = await asSeen(scope, organizationId, groups);
      return ok([...shown].sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.id, b.id)));
    },
  });
}

/**
 * One group with its members and its `version` (the `expectedVersion` of the group commands), if the
 * actor may see it as {@link listGroups} says; a group the actor may not see is `not_found`.
 */
export function getGroup<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: GetGroupInput,
): ResultAsync<Group, TenureError> {
  return runQuery(context, {
    actor,
    schema: getGroupInputSchema,
    input,
    rule: () => ({ needs: "member" }),
    read: async (scope, { organizationId, groupId }) => {
      const group = await scope.tx.groups.get(organizationId, groupId as GroupId);
      const [shown] = group === null ? [] : await asSeen(scope, organizationId, [group]);
      return shown === undefined ? err(TenureErrors.notFound("group", groupId)) : ok(shown);
    },
  });
}

/** The groups the actor may see, each with the members the actor may see listed. */
async function asSeen<UA extends object, OA extends object, Native>(
  scope: { readonly tx: StoreTransaction<UA, OA, Native>; readonly now: Date; readonly actor: ActingParty<UA>; readonly standing: Standing },
  organizationId: OrganizationId,
  groups: readonly Group[],
): Promise<readonly Group[]> {
  const { tx, now, actor, standing } = scope;
  if (standsAtLeast(standing, "administrator") || actor.type !== "user") return groups;
  const seen = visibleGroups({ user: actor.user, isAdmin: false }, groups);
  const memberIds = [...new Set(seen.flatMap((group) => group.memberIds))];
  const hidden = new Set<UserId>(
    (await tx.users.getMany(organizationId, memberIds))
      .filter((user) => user.id !== actor.user.id && !SHOWN_TO_MEMBERS.includes(effectiveStatus(user.account, now)))
      .map((user) => user.id),
  );
  return seen.map((group) => ({ ...group, memberIds: group.memberIds.filter((id) => !hidden.has(id)) }));
}
