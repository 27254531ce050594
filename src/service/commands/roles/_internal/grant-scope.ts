import { err, ok, type Result } from "neverthrow";
import { PLATFORM_TARGET, type AccessTarget } from "../../../../access/access-target.js";
import type { Catalog } from "../../../../access/catalog.js";
import { scopeProblem } from "../../../../access/guards/grant-placement.js";
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
 * organization itself, by the placement guard's `scopeProblem` (a scope kind of the catalog, an
 * organization scope of this organization, the platform scope's id). A `ValidationError` names the
 * offending field (`scope.kind` or `scope.id`).
 */
export function placeGrantScope(
  catalog: Pick<Catalog, "isScopeKind">,
  c: Pick<CommandScope<string, object, object, unknown>, "target" | "organization">,
  scope: ScopeRef | undefined,
): Result<PlacedScope, ValidationError> {
  const placed = scope ?? organizationScope(c.organization.id);
  const problem = scopeProblem(catalog, c.organization.id, placed);
  if (problem !== null) return err(TenureErrors.validation([{ severity: "error", field: `scope.${problem.field}`, code: problem.code, message: problem.message }]));
  return ok({ scope: { kind: placed.kind, id: placed.id }, target: targetOfScope(c, placed) });
}
