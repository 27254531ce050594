import type { Result } from "neverthrow";
import type { AccessTarget } from "../../access/access-target.js";
import type { Catalog } from "../../access/catalog.js";
import { placeScope, targetOfScope as targetIn, type PlacedScope, type RolePlacementContext } from "../../access/guards/role-admission.js";
import type { ScopeRef } from "../../model/scope.js";
import type { ValidationError } from "../../model/tenure-error.js";
import type { CommandScope } from "./run-command.js";

export type { PlacedScope } from "../../access/guards/role-admission.js";

/**
 * The plain inputs of the role-placement guard (`access/guards/role-admission.ts`) for the command's
 * organization: the catalog, the organization, where its scopes apply, the actor's permissions.
 */
export function rolePlacementContext(
  catalog: Catalog<string, string, string>,
  c: Pick<CommandScope<string, object, object, unknown>, "target" | "organization" | "actorPermissionsAt">,
): RolePlacementContext {
  return { catalog, organization: c.organization, targetIn: (scope) => c.target(scope), actorPermissionsAt: (target) => c.actorPermissionsAt(target) };
}

/** Where an assignment stored in the command's organization applies, for the guards (the guard's `targetOfScope`). */
export function targetOfScope(c: Pick<CommandScope<string, object, object, unknown>, "target">, scope: ScopeRef): AccessTarget {
  return targetIn((at) => c.target(at), scope);
}

/**
 * Checks the scope a command names for a grant in the command's organization, `undefined` meaning the
 * organization itself, by the guard's `placeScope`. A `ValidationError` names the offending field
 * (`scope.kind` or `scope.id`).
 */
export function placeGrantScope(
  catalog: Pick<Catalog, "isScopeKind">,
  c: Pick<CommandScope<string, object, object, unknown>, "target" | "organization">,
  scope: ScopeRef | undefined,
): Result<PlacedScope, ValidationError> {
  return placeScope({ catalog, organization: c.organization, targetIn: (at) => c.target(at) }, scope);
}
