import { err, ok, type Result } from "neverthrow";
import type { Catalog } from "../../access/catalog.js";
import { checkRevoke } from "../../access/guards/grant-guards.js";
import type { RoleAssignment } from "../../model/role-assignment.js";
import { TenureErrors, type ForbiddenError, type ValidationError } from "../../model/tenure-error.js";
import { loadSubject } from "./load-access.js";
import type { CommandScope } from "./run-command.js";
import type { ServiceContext } from "./service-context.js";
import { targetOfScope } from "./grant-scope.js";

/** A role name from input must be one of the catalog's: a validation error on `role` otherwise. */
export function checkKnownRole<R extends string>(catalog: Catalog<string, R, string>, role: string): Result<R, ValidationError> {
  return catalog.isRole(role)
    ? ok(role)
    : err(TenureErrors.validation([{ severity: "error", field: "role", code: "unknown_role", message: `"${role}" is not a role of the catalog.` }]));
}

/**
 * {@link checkRevoke} for a stored assignment of the command's organization, judged where it applies:
 * no escalation, and nobody revokes their own admin role. A role the catalog no longer knows confers
 * nothing, so anyone who manages users may clear it away.
 */
export function checkRevokeAssignment<P extends string>(
  catalog: Catalog<P, string, string>,
  c: Pick<CommandScope<P, object, object, unknown>, "actorPermissionsAt" | "target" | "actor">,
  assignment: Pick<RoleAssignment, "role" | "scope" | "principal">,
): Result<void, ForbiddenError> {
  if (!catalog.isRole(assignment.role)) return ok(undefined);
  const target = targetOfScope(c, assignment.scope);
  return checkRevoke({
    catalog,
    actorHere: c.actorPermissionsAt(target),
    role: assignment.role,
    target,
    assignment,
    actorId: c.actor.type === "user" ? c.actor.user.id : "",
  });
}

/**
 * No escalation through groups: making a user a member of a group confers the group's roles on them,
 * so the actor must hold, where each assignment applies, every permission its role carries (the same
 * rule as a direct grant, rule `no_escalation`).
 */
export function checkConferral<P extends string>(
  catalog: Catalog<P, string, string>,
  c: Pick<CommandScope<P, object, object, unknown>, "actorPermissionsAt" | "target">,
  assignments: readonly Pick<RoleAssignment, "role" | "scope">[],
  groupName: string,
): Result<void, ForbiddenError> {
  for (const assignment of assignments) {
    if (!catalog.isRole(assignment.role)) continue;
    const actorHere = c.actorPermissionsAt(targetOfScope(c, assignment.scope));
    const missing = catalog.permissionsOf(assignment.role).filter((permission) => !actorHere.has(permission));
    if (missing.length > 0) {
      return err(
        TenureErrors.forbidden(
          "no_escalation",
          `You cannot add members to the group "${groupName}": its role "${assignment.role}" carries ${missing.map((name) => `"${name}"`).join(", ")}, which you do not hold here.`,
          assignment.role,
        ),
      );
    }
  }
  return ok(undefined);
}

/**
 * Admins cannot take their own admin permission away, whichever way (revoking a role of a group they
 * are in, leaving or deleting such a group): call after the command's writes. Refuses with
 * `own_admin_role` when the acting user held the user-management permission in the organization before
 * and would not hold it after. The system and non-admins pass.
 */
export async function ensureActorKeepsAdmin<P extends string, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<P, string, string, UA, OA, Native>, "catalog" | "access">,
  c: CommandScope<P, UA, OA, Native>,
): Promise<Result<void, ForbiddenError>> {
  const manageUsers = context.catalog.spec.administration.manageUsers;
  if (c.actor.type !== "user" || !c.actorPermissions().has(manageUsers)) return ok(undefined);
  const after = await loadSubject(c.tx, c.actor.user.organizationId, c.actor.user.id);
  if (after !== null && context.access.effective(after.subject, c.target(), c.now).has(manageUsers)) return ok(undefined);
  return err(TenureErrors.forbidden("own_admin_role", "Admins cannot remove their own admin role; another admin must do it.", c.actor.user.id));
}
