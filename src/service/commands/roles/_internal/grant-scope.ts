import { err, ok, type Result } from "neverthrow";
import { PLATFORM_TARGET, type AccessTarget } from "../../../../access/access-target.js";
import type { Catalog } from "../../../../access/catalog.js";
import { organizationScope, PLATFORM_SCOPE, type ScopeRef } from "../../../../model/scope.js";
import { TenureErrors, type ValidationError } from "../../../../model/tenure-error.js";
import type { CommandScope } from "../../../_internal/run-command.js";

/** A scope an assignment of the command's organization is held in, and the target its checks are made at. */
export interface PlacedScope {
  readonly scope: ScopeRef;
  readonly target: AccessTarget;
}

/**
 * Where an assignment stored in the command's organization applies, for the guards: the platform scope
 * is the platform target, the organization's own scope its target, and any other scope (a zone, a
 * service) lies below the organization.
 */
export function targetOfScope(c: Pick<CommandScope<string, object, object, unknown>, "target">, scope: ScopeRef): AccessTarget {
  return scope.kind === PLATFORM_SCOPE.kind ? PLATFORM_TARGET : c.target(scope);
}

/**
 * Checks the scope a command names for a grant in the command's organization, `undefined` meaning the
 * organization itself: its kind must be one of the catalog's, an organization scope must be this
 * organization's (delegated roles are held in the partner's own scope too), and the platform scope has
 * the id `platform`. A `ValidationError` names the offending field (`scope.kind` or `scope.id`).
 */
export function placeGrantScope(
  catalog: Pick<Catalog, "isScopeKind">,
  c: Pick<CommandScope<string, object, object, unknown>, "target" | "organization">,
  scope: ScopeRef | undefined,
): Result<PlacedScope, ValidationError> {
  const placed = scope ?? organizationScope(c.organization.id);
  const invalid = (path: string, code: string, message: string) =>
    err(TenureErrors.validation([{ severity: "error", field: `scope.${path}`, code, message }]));
  if (!catalog.isScopeKind(placed.kind)) return invalid("kind", "unknown_scope_kind", `"${placed.kind}" is not a scope kind of the catalog.`);
  if (placed.kind === "organization" && placed.id !== c.organization.id) {
    return invalid("id", "scope_outside_organization", "An organization scope must be the organization the command is about.");
  }
  if (placed.kind === PLATFORM_SCOPE.kind && placed.id !== PLATFORM_SCOPE.id) {
    return invalid("id", "unknown_platform_scope", `The platform scope's id is "${PLATFORM_SCOPE.id}".`);
  }
  return ok({ scope: { kind: placed.kind, id: placed.id }, target: targetOfScope(c, placed) });
}
