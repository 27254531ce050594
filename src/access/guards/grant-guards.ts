import { err, ok, type Result } from "neverthrow";
import type { RoleAssignment } from "../../model/role-assignment.js";
import type { ScopeRef } from "../../model/scope.js";
import { TenureErrors, type ForbiddenError } from "../../model/tenure-error.js";
import type { AccessTarget } from "../access-target.js";
import type { Catalog } from "../catalog.js";
import type { EffectivePermissions } from "../effective-permissions.js";

/** What a grant or revocation is checked against. */
export interface GrantCheck<P extends string, R extends string> {
  readonly catalog: Catalog<P, R, string>;
  /** The actor's effective permissions in the scope of the assignment. */
  readonly actorHere: EffectivePermissions<P>;
  readonly role: R;
  /** The scope the role is granted in, and the organization it lies in (whose entitlements cap it). */
  readonly target: AccessTarget;
}

/**
 * A role may be granted only where the catalog allows it, only within the organization's entitlements
 * (the error names the missing ones), and only by an actor who holds every permission it carries (no
 * escalation; a superuser holds them all).
 */
export function checkGrant<P extends string, R extends string>(check: GrantCheck<P, R>): Result<void, ForbiddenError> {
  const { catalog, role, target } = check;
  const scope = target.path[0] as ScopeRef;
  if (!catalog.isGrantableIn(role, scope.kind)) {
    return err(TenureErrors.forbidden("role_scope", `The role "${role}" cannot be granted in a "${scope.kind}" scope.`, role));
  }
  const carried = catalog.permissionsOf(role);
  const entitlements = target.organization?.entitlements ?? null;
  if (entitlements !== null) {
    const missing = carried.filter((permission) => !entitlements.includes(permission));
    if (missing.length > 0) {
      return err(
        TenureErrors.forbidden(
          "entitlement_missing",
          `The organization is not entitled to ${quoteList(missing)}, which the role "${role}" carries.`,
          missing[0],
        ),
      );
    }
  }
  return noEscalation(check, "grant");
}

/**
 * A role may be revoked only by an actor who holds every permission it carries; nobody revokes their
 * own admin role (the partner portal: an admin "can't remove the company admin permission from
 * themselves").
 */
export function checkRevoke<P extends string, R extends string>(
  check: GrantCheck<P, R> & { readonly assignment: Pick<RoleAssignment, "principal">; readonly actorId: string },
): Result<void, ForbiddenError> {
  const { catalog, role, assignment, actorId } = check;
  const carriesAdmin = catalog.permissionsOf(role).includes(catalog.spec.administration.manageUsers);
  if (carriesAdmin && assignment.principal.type === "user" && assignment.principal.id === actorId) {
    return err(TenureErrors.forbidden("own_admin_role", "Admins cannot remove their own admin role; another admin must do it.", role));
  }
  return noEscalation(check, "revoke");
}

function noEscalation<P extends string, R extends string>(check: GrantCheck<P, R>, verb: "grant" | "revoke"): Result<void, ForbiddenError> {
  const missing = check.catalog.permissionsOf(check.role).filter((permission) => !check.actorHere.has(permission));
  if (missing.length === 0) return ok(undefined);
  return err(
    TenureErrors.forbidden(
      "no_escalation",
      `You cannot ${verb} the role "${check.role}": it carries ${quoteList(missing)}, which you do not hold here.`,
      check.role,
    ),
  );
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(", ");
}

/**
 * A partner passes on at most what it holds: the company-level permissions a partner's admin gives a
 * new customer must be among the partner's own (when the partner's are capped; `null` asks for no cap,
 * which only an uncapped partner can give). Super admins set any.
 */
export function checkEntitlementsWithin(partnerEntitlements: readonly string[] | null, requested: readonly string[] | null): Result<void, ForbiddenError> {
  if (partnerEntitlements === null) return ok(undefined);
  if (requested === null) {
    return err(TenureErrors.forbidden("entitlement_missing", "The partner's own company-level permissions are capped: its customers' must be capped within them.", partnerEntitlements[0]));
  }
  const missing = requested.filter((permission) => !partnerEntitlements.includes(permission));
  return missing.length === 0
    ? ok(undefined)
    : err(TenureErrors.forbidden("entitlement_missing", `The partner is not entitled to ${quoteList(missing)}, so it cannot pass ${missing.length === 1 ? "it" : "them"} on.`, missing[0]));
}
