import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import type { GroupId } from "../../../model/ids.js";
import { organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import type { RoleAssignment } from "../../../model/role-assignment.js";
import { compareCodePoints } from "../../../model/sort-key.js";
import { PLATFORM_SCOPE, scopeRefSchema, type ScopeRef } from "../../../model/scope.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { assignmentJson } from "../../_internal/assignment-effects.js";

/** What removing a user from every zone takes: the user, and the scope kind that counts as a zone. */
export const removeFromAllZonesInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  /** The kind of scope to leave; `zone` unless the catalog names its zones otherwise. Never `organization` or `platform`. */
  scopeKind: scopeRefSchema.shape.kind.default("zone"),
});
/** See {@link removeFromAllZonesInputSchema}. */
export type RemoveFromAllZonesInput = z.input<typeof removeFromAllZonesInputSchema>;

/** A zone the user still has access to through groups, and the groups that give it. */
export interface ZoneReachedThroughGroups {
  readonly scope: ScopeRef;
  readonly groupIds: readonly GroupId[];
}

/** What "Remove from all zones" did: the access it took away, and the access the user keeps through groups. */
export interface ZoneAccessRemoval {
  /** The user's own access assignments it revoked (ordered by zone id). */
  readonly removed: readonly RoleAssignment[];
  /**
   * The zones the user still reaches through a group holding an access role there (ordered by zone
   * id, the groups by id): that access is the group's, and goes when the user leaves the group or the
   * group loses it.
   */
  readonly throughGroups: readonly ZoneReachedThroughGroups[];
}

/**
 * The zoned workspace's "Remove from all zones": takes the user's zone access away in every zone,
 * and makes "no change to proposal access or permissions". Zone access is what the catalog's access
 * roles (`access: true`, e.g. `zone_member`) express: the command revokes every access role the user
 * holds directly in a scope of that kind, and nothing else (other roles held in the zones, the
 * organization's and the platform's roles, and everything held through groups, stay). Its answer lists
 * the zones the user still reaches through groups. Super admins only (they hold every permission, so
 * no escalation check per role is needed). One audit event (`role.removed_from_all_zones`, the revoked
 * assignments as `before`). A scope kind that is not below the organization, or for which the catalog
 * declares no access role, is a `validation` error on `scopeKind`.
 *
 * @example
 * ```ts
 * const { removed, throughGroups } = (await removeFromAllZones(context, userActor(acme.id, systemAdminId), { organizationId: acme.id, userId: annId }))._unsafeUnwrap();
 * ```
 */
export function removeFromAllZones<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RemoveFromAllZonesInput,
): ResultAsync<ZoneAccessRemoval, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: removeFromAllZonesInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "super_admin", targets: [userId] }),
    work: async (c, { organizationId, userId, scopeKind }) => {
      const catalog = context.catalog;
      if (!catalog.isScopeKind(scopeKind) || scopeKind === "organization" || scopeKind === PLATFORM_SCOPE.kind) {
        return err(
          TenureErrors.validation([
            { severity: "error", field: "scopeKind", code: "not_a_zone_kind", message: `"${scopeKind}" is not a scope kind below the organization in the catalog.` },
          ]),
        );
      }
      const accessRoles = new Set<string>(catalog.accessRoles.filter((role) => catalog.isGrantableIn(role, scopeKind)));
      if (accessRoles.size === 0) {
        return err(
          TenureErrors.validation([
            { severity: "error", field: "scopeKind", code: "no_access_role", message: `The catalog declares no access role (access: true) for "${scopeKind}" scopes, so there is no zone access to remove.` },
          ]),
        );
      }
      const isAccess = (assignment: RoleAssignment): boolean => assignment.scope.kind === scopeKind && accessRoles.has(assignment.role);
      const user = await c.tx.users.get(organizationId, userId);
      if (user === null) return err(TenureErrors.notFound("user", userId));
      const held = await c.tx.assignments.listForPrincipals(organizationId, [{ type: "user", id: userId }]);
      const removed = held.filter(isAccess).sort(byZone);
      for (const assignment of removed) {
        const deleted = await c.tx.assignments.delete(organizationId, assignment.id);
        if (deleted.isErr()) return err(deleted.error);
      }
      const groups = await c.tx.groups.listForMember(organizationId, userId);
      const throughGroups = new Map<string, { scope: ScopeRef; groupIds: GroupId[] }>();
      const groupHeld = groups.length === 0 ? [] : await c.tx.assignments.listForPrincipals(organizationId, groups.map((group) => ({ type: "group" as const, id: group.id })));
      for (const assignment of groupHeld.filter(isAccess).sort(byZone)) {
        if (assignment.principal.type !== "group") continue;
        const entry = throughGroups.get(assignment.scope.id) ?? { scope: assignment.scope, groupIds: [] };
        if (!entry.groupIds.includes(assignment.principal.id)) entry.groupIds.push(assignment.principal.id);
        throughGroups.set(assignment.scope.id, entry);
      }
      const value: ZoneAccessRemoval = {
        removed,
        throughGroups: [...throughGroups.values()].map((entry) => ({ scope: entry.scope, groupIds: [...entry.groupIds].sort(compareCodePoints) })),
      };
      return ok({
        value,
        audit: {
          action: "role.removed_from_all_zones",
          target: { entity: "user", id: userId },
          before: { assignments: removed.map(assignmentJson) },
          after: { assignments: [] },
          details: {
            scopeKind,
            count: removed.length,
            throughGroups: value.throughGroups.map((entry) => ({ scope: { kind: entry.scope.kind, id: entry.scope.id }, groupIds: [...entry.groupIds] })),
          },
        },
        invalidate: { users: [userId] },
      });
    },
  });
}

/** Orders assignments by the id of their scope, then by their own id (code point order). */
function byZone(a: RoleAssignment, b: RoleAssignment): number {
  return compareCodePoints(a.scope.id, b.scope.id) || compareCodePoints(a.id, b.id);
}
