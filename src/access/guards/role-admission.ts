import { err, ok, type Result } from "neverthrow";
import { PLATFORM_TARGET, type AccessTarget } from "../access-target.js";
import type { Catalog } from "../catalog.js";
import type { EffectivePermissions } from "../effective-permissions.js";
import { decideFirstMember } from "../first-member.js";
import { checkGrant } from "./grant-guards.js";
import { checkGrantPlacement, mayGrantInOrganization, scopeProblem, type PlacementOrganization } from "./grant-placement.js";
import { organizationScope, PLATFORM_SCOPE, sameScope, scopeKey, type ScopeRef } from "../../model/scope.js";
import { TenureErrors, type Diagnostic, type TenureError, type ValidationError } from "../../model/tenure-error.js";

/** A scope a role is held in, and the target its checks are made at. */
export interface PlacedScope {
  readonly scope: ScopeRef;
  readonly target: AccessTarget;
}

/** A role to grant, with its scope decided and the target its checks are made at. */
export interface PlacedRole extends PlacedScope {
  readonly role: string;
}

/**
 * What the role rules of one organization see, as plain inputs (no unit of work): the catalog, the
 * organization, where a scope of it applies, and the actor's permissions at a target. Both the grant
 * commands and every admission path (invitation, sign-up, the provisioning sources) build one.
 */
export interface RolePlacementContext {
  readonly catalog: Catalog<string, string, string>;
  readonly organization: PlacementOrganization;
  /** The access target of a scope of the organization (its entitlements capped along the partner chain). */
  readonly targetIn: (scope: ScopeRef) => AccessTarget;
  /** The actor's effective permissions at a target (for the no-escalation rule). */
  readonly actorPermissionsAt: (target: AccessTarget) => EffectivePermissions<string>;
}

/**
 * Where an assignment of the organization applies, for the guards: the platform scope is the platform
 * target; any other scope (the organization's own, a zone, a service) lies in the organization.
 */
export function targetOfScope(targetIn: (scope: ScopeRef) => AccessTarget, scope: ScopeRef): AccessTarget {
  return scope.kind === PLATFORM_SCOPE.kind ? PLATFORM_TARGET : targetIn(scope);
}

/**
 * Places the scope one grant names, `undefined` meaning the organization itself, by {@link scopeProblem}
 * (a scope kind of the catalog, an organization scope of this organization, the platform scope's id).
 * The `ValidationError` names `<at>.scope.kind` or `<at>.scope.id` (`scope.…` when `at` is empty).
 */
export function placeScope(
  context: { readonly catalog: Pick<Catalog, "isScopeKind">; readonly organization: Pick<PlacementOrganization, "id">; readonly targetIn: RolePlacementContext["targetIn"] },
  scope: ScopeRef | undefined,
  at = "",
): Result<PlacedScope, ValidationError> {
  const placed = scope ?? organizationScope(context.organization.id);
  const problem = scopeProblem(context.catalog, context.organization.id, placed);
  if (problem !== null) return err(TenureErrors.validation([scopeFinding(problem, at)]));
  return ok({ scope: { kind: placed.kind, id: placed.id }, target: targetOfScope(context.targetIn, placed) });
}

function scopeFinding(problem: NonNullable<ReturnType<typeof scopeProblem>>, at: string): Diagnostic {
  return { severity: "error", field: `${at === "" ? "" : `${at}.`}scope.${problem.field}`, code: problem.code, message: problem.message };
}

/**
 * Checks the roles an admin gives a new user, all of them before anything is written: every name must
 * be a role of the catalog and every scope a scope of this organization (or the platform), each pair
 * once (a `validation` error naming `roles.<i>.…` for each problem); then each grant must pass
 * {@link checkGrant} for the actor (grantable in that scope kind, within the organization's
 * entitlements, no escalation), else `forbidden`. The placement rules (organization kinds,
 * requirements) are {@link planAdmissionRoles}'s, which sees the first member's roles too.
 */
export function placeRequestedRoles(
  context: RolePlacementContext,
  requested: readonly { readonly role: string; readonly scope?: ScopeRef | undefined }[],
): Result<PlacedRole[], TenureError> {
  const { catalog, organization } = context;
  const findings: Diagnostic[] = [];
  const placed: PlacedRole[] = [];
  const seen = new Set<string>();
  requested.forEach((request, index) => {
    const at = `roles.${index}`;
    const scope = request.scope ?? organizationScope(organization.id);
    if (!catalog.isRole(request.role)) {
      findings.push({ severity: "error", field: `${at}.role`, code: "unknown_role", message: `"${request.role}" is not a role of the catalog.` });
    }
    const problem = scopeProblem(catalog, organization.id, scope);
    if (problem !== null) findings.push(scopeFinding(problem, at));
    const key = `${request.role}@${scopeKey(scope)}`;
    if (seen.has(key)) {
      findings.push({ severity: "error", field: at, code: "duplicate_role", message: `The role "${request.role}" is given twice in the same scope.` });
    }
    seen.add(key);
    placed.push({ role: request.role, scope: { kind: scope.kind, id: scope.id }, target: targetOfScope(context.targetIn, scope) });
  });
  if (findings.length > 0) return err(TenureErrors.validation(findings));
  for (const grant of placed) {
    const allowed = checkGrant({ catalog, actorHere: context.actorPermissionsAt(grant.target), role: grant.role, target: grant.target });
    if (allowed.isErr()) return err(allowed.error);
  }
  return ok(placed);
}

/**
 * The catalog's default roles, as every new member gets them when no roles are named: each in the
 * organization's scope, or at the platform for a default role grantable only there (the marketplace's
 * platform-wide "Buyer (default)"); a default role grantable in neither, or whose `organizationKinds`
 * exclude this organization, is not given. They are the catalog author's rule, not the actor's grant,
 * so no escalation check applies; the organization's entitlements still cap what they confer.
 */
export function placeDefaultRoles(context: Pick<RolePlacementContext, "catalog" | "organization" | "targetIn">): PlacedRole[] {
  const { catalog, organization } = context;
  return catalog.defaultRoles.flatMap((role): PlacedRole[] => {
    if (catalog.isGrantableIn(role, "organization")) {
      const scope = organizationScope(organization.id);
      return mayGrantInOrganization(catalog, role, organization, scope) ? [{ role, scope, target: context.targetIn(scope) }] : [];
    }
    if (catalog.isGrantableIn(role, PLATFORM_SCOPE.kind)) return [{ role, scope: PLATFORM_SCOPE, target: PLATFORM_TARGET }];
    return [];
  });
}

/** The roles a new member receives, and whether they are the organization's first member. */
export interface AdmissionRoles {
  /** Every role to grant: the admission's own (requested or default), then the first member's. */
  readonly roles: readonly PlacedRole[];
  /** The organization had no member before: the caller writes the organization record, so a concurrent first admission conflicts. */
  readonly first: boolean;
  /** The first member's roles among `roles` (not already asked for). */
  readonly firstMemberRoles: readonly PlacedRole[];
}

/**
 * The roles of every admission path (invitation, sign-up, the provisioning sources): the requested
 * roles checked like grants ({@link placeRequestedRoles}), or the default roles when none are named
 * ({@link placeDefaultRoles}); plus, for the organization's first member, the catalog's first-member
 * roles ({@link decideFirstMember}, from the members the caller counted in its unit of work). The
 * requested roles then pass the one placement guard {@link checkGrantPlacement} as a whole, together
 * with the first member's roles (organization kinds; the requested set, with what the new user
 * receives beside it, meets its own requirements). Pure.
 */
export function planAdmissionRoles(
  context: RolePlacementContext,
  input: {
    readonly requested: readonly { readonly role: string; readonly scope?: ScopeRef | undefined }[] | undefined;
    readonly membersBefore: number;
  },
): Result<AdmissionRoles, TenureError> {
  const { catalog, organization } = context;
  const own = input.requested === undefined ? ok(placeDefaultRoles(context)) : placeRequestedRoles(context, input.requested);
  if (own.isErr()) return err(own.error);
  const decision = decideFirstMember(catalog, { organization, membersBefore: input.membersBefore });
  const scope = organizationScope(organization.id);
  const firstMemberRoles = decision.roles
    .filter((role) => !own.value.some((placed) => placed.role === role && sameScope(placed.scope, scope)))
    .map((role): PlacedRole => ({ role, scope, target: targetOfScope(context.targetIn, scope) }));
  if (input.requested !== undefined) {
    const placement = checkGrantPlacement(catalog, { organization, granted: own.value, held: firstMemberRoles, holder: "the new user" });
    if (placement.isErr()) return err(placement.error);
  }
  return ok({ roles: [...own.value, ...firstMemberRoles], first: decision.first, firstMemberRoles });
}
