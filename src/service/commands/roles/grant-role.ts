import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { checkGrant } from "../../../access/guards/grant-guards.js";
import { checkGrantPlacement } from "../../../access/guards/grant-placement.js";
import { organizationIdSchema, type RoleAssignmentId } from "../../../model/ids.js";
import { principalSchema, type RoleAssignment } from "../../../model/role-assignment.js";
import { scopeRefSchema } from "../../../model/scope.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { assignmentJson, usersReachedBy } from "../../_internal/assignment-effects.js";
import { placeGrantScope } from "../../_internal/grant-scope.js";
import { heldGrants } from "../../_internal/held-grants.js";
import { checkKnownRole } from "../../_internal/role-guards.js";

/** What granting a role takes: who receives it (a user or a group), the role, and where. */
export const grantRoleInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** A user or a group of the organization. */
  principal: principalSchema,
  /** A role of the catalog; an unknown name is a validation error on `role`. */
  role: z.string().min(1).max(200),
  /**
   * Where the role is held: the organization itself when absent, a scope below it such as
   * `{ kind: "zone", id }`, or the platform (for platform roles, granted by super admins).
   */
  scope: scopeRefSchema.optional(),
});
/** See {@link grantRoleInputSchema}; `role` is typed by the catalog's role names. */
export type GrantRoleInput<R extends string = string> = Omit<z.input<typeof grantRoleInputSchema>, "role"> & { readonly role: R };

/**
 * Grants a role to a user or a group ("add a role for a user"; "add a role to a group", whose members
 * all receive it). The actor must manage the organization's users (a customer manager does in the
 * partner's customers, not in his own company); the role must be grantable in the scope's kind and in
 * the organization's kind (`organizationKinds`; a customer manager only in a partner), lie within the
 * organization's entitlements (the error names the missing one), carry nothing the actor does not
 * hold there (no escalation), and the holder must hold, after the grant, every requirement of the
 * permissions it carries (`requirement_missing`): a user counting all their grants, direct and through
 * groups; a group counting its own roles only, since its members change without a check and each must
 * receive the role whole. Holding the same role in the same scope twice is a `duplicate`.
 *
 * @example
 * ```ts
 * const granted = await grantRole(context, userActor(acme.id, adminId), {
 *   organizationId: acme.id,
 *   principal: { type: "user", id: annId },
 *   role: "zone_member",
 *   scope: { kind: "zone", id: "berlin" },
 * });
 * ```
 */
export function grantRole<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: GrantRoleInput<R>,
): ResultAsync<RoleAssignment, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: grantRoleInputSchema,
    input,
    rule: ({ principal }) => ({ needs: "administrator", targets: principal.type === "user" ? [principal.id] : [] }),
    work: async (c, { organizationId, principal, role: roleName, scope }) => {
      const known = checkKnownRole(context.catalog, roleName);
      if (known.isErr()) return err(known.error);
      const role = known.value;
      const placed = placeGrantScope(context.catalog, c, scope);
      if (placed.isErr()) return err(placed.error);
      const allowed = checkGrant({ catalog: context.catalog, actorHere: c.actorPermissionsAt(placed.value.target), role, target: placed.value.target });
      if (allowed.isErr()) return err(allowed.error);
      const held = await heldGrants(c.tx, organizationId, principal);
      if (held === null) return err(TenureErrors.notFound(principal.type, principal.id));
      const placement = checkGrantPlacement(context.catalog, {
        organization: c.organization,
        granted: [{ role, scope: placed.value.scope, target: placed.value.target }],
        held,
        holder: principal.type === "user" ? "the user" : "the group",
      });
      if (placement.isErr()) return err(placement.error);
      const inserted = await c.tx.assignments.insert({
        id: c.newId("assignment") as RoleAssignmentId,
        organizationId,
        principal,
        role,
        scope: placed.value.scope,
        grantedBy: c.actor.type === "user" ? c.actor.user.id : null,
        grantedAt: c.now,
      });
      if (inserted.isErr()) return err(inserted.error);
      return ok({
        value: inserted.value,
        audit: { action: "role.granted", target: { entity: "role_assignment", id: inserted.value.id }, before: null, after: assignmentJson(inserted.value) },
        invalidate: { users: await usersReachedBy(c.tx, organizationId, principal) },
      });
    },
  });
}
