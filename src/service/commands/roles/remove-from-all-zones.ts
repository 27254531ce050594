import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import { PLATFORM_SCOPE, scopeRefSchema } from "../../../model/scope.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { assignmentJson } from "./_internal/assignment-effects.js";

/** What removing a user from every zone takes: the user, and the scope kind that counts as a zone. */
export const removeFromAllZonesInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  /** The kind of scope to leave; `zone` unless the catalog names its zones otherwise. Never `organization` or `platform`. */
  scopeKind: scopeRefSchema.shape.kind.default("zone"),
});
/** See {@link removeFromAllZonesInputSchema}. */
export type RemoveFromAllZonesInput = z.input<typeof removeFromAllZonesInputSchema>;

/**
 * The zoned workspace's "Remove from all zones": super admins only (they hold every permission, so no
 * escalation check per role is needed). Revokes every role the user holds
 * directly in a scope of that kind, and nothing else ("no change will be made to proposal access or
 * permissions": organization-level and platform roles, and roles held through groups, stay). One audit
 * event (`role.removed_from_all_zones`, the revoked assignments as `before`); returns how many were revoked.
 *
 * @example
 * ```ts
 * const revoked = await removeFromAllZones(context, userActor(acme.id, systemAdminId), { organizationId: acme.id, userId: annId });
 * ```
 */
export function removeFromAllZones<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RemoveFromAllZonesInput,
): ResultAsync<number, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: removeFromAllZonesInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "super_admin", targets: [userId] }),
    work: async (c, { organizationId, userId, scopeKind }) => {
      if (!context.catalog.isScopeKind(scopeKind) || scopeKind === "organization" || scopeKind === PLATFORM_SCOPE.kind) {
        return err(
          TenureErrors.validation([
            { severity: "error", field: "scopeKind", code: "not_a_zone_kind", message: `"${scopeKind}" is not a scope kind below the organization in the catalog.` },
          ]),
        );
      }
      const user = await c.tx.users.get(organizationId, userId);
      if (user === null) return err(TenureErrors.notFound("user", userId));
      const held = await c.tx.assignments.listForPrincipals(organizationId, [{ type: "user", id: userId }]);
      const zones = held.filter((assignment) => assignment.scope.kind === scopeKind);
      for (const assignment of zones) {
        const deleted = await c.tx.assignments.delete(organizationId, assignment.id);
        if (deleted.isErr()) return err(deleted.error);
      }
      return ok({
        value: zones.length,
        audit: {
          action: "role.removed_from_all_zones",
          target: { entity: "user", id: userId },
          before: { assignments: zones.map(assignmentJson) },
          after: { assignments: [] },
          details: { scopeKind, count: zones.length },
        },
        invalidate: { users: [userId] },
      });
    },
  });
}
