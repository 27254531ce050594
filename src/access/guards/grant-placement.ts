import { err, ok, type Result } from "neverthrow";
import type { OrganizationId } from "../../model/ids.js";
import type { Organization } from "../../model/organization.js";
import { PLATFORM_SCOPE, organizationScope, type ScopeRef } from "../../model/scope.js";
import { TenureErrors, type ForbiddenError } from "../../model/tenure-error.js";
import { andInto, hasBit, type BitSet } from "../bit-set.js";
import { bitsOfNames, grantedBits, reduceToRequirements } from "../_internal/resolve-bits.js";
import type { AccessTarget } from "../access-target.js";
import type { Catalog } from "../catalog.js";
import type { Grant } from "../grant.js";

/** The organization a role is granted in, as the placement rules see it. */
export type PlacementOrganization = Pick<Organization, "id" | "kind" | "partnerId" | "entitlements">;

/** A role about to be granted: in which scope, and the target where it is checked (the scope and its ancestors). */
export interface PlannedGrant {
  readonly role: string;
  readonly scope: ScopeRef;
  readonly target: AccessTarget;
}

/** What {@link checkGrantPlacement} judges: the grants to one holder, the holder's grants before them, and the organization. */
export interface GrantPlacement {
  readonly organization: PlacementOrganization;
  /** The roles granted now, all to one holder (a user, a group, a new member). */
  readonly granted: readonly PlannedGrant[];
  /** Every grant the holder already has that may reach the scopes (direct, through groups, at the platform). */
  readonly held: readonly Pick<Grant, "role" | "scope">[];
  /** How the messages name the holder: "the user", "the group", "the new user". */
  readonly holder: string;
}

/** Why a scope named for a grant in an organization cannot be used: the field below `scope`, a code and a message. */
export interface ScopeProblem {
  readonly field: "kind" | "id";
  readonly code: "unknown_scope_kind" | "scope_outside_organization" | "unknown_platform_scope";
  readonly message: string;
}

/**
 * Where a role may be held, for every grant path (one home, so a grant and an admission cannot
 * disagree): the scope's kind is one of the catalog's, an organization scope is the organization's
 * own (delegated roles are held in the partner's own scope too), and the platform scope has the id
 * `platform`. `null` when the scope may be used.
 */
export function scopeProblem(catalog: Pick<Catalog, "isScopeKind">, organizationId: OrganizationId, scope: ScopeRef): ScopeProblem | null {
  if (!catalog.isScopeKind(scope.kind)) return { field: "kind", code: "unknown_scope_kind", message: `"${scope.kind}" is not a scope kind of the catalog.` };
  if (scope.kind === "organization" && scope.id !== organizationId) {
    return { field: "id", code: "scope_outside_organization", message: "An organization scope must be the organization the command is about." };
  }
  if (scope.kind === PLATFORM_SCOPE.kind && scope.id !== PLATFORM_SCOPE.id) {
    return { field: "id", code: "unknown_platform_scope", message: `The platform scope's id is "${PLATFORM_SCOPE.id}".` };
  }
  return null;
}

/**
 * Whether the catalog lets `role` be granted in this organization (the partner portal: "Customer
 * manager: this permission is only available for partners"): its kind must be one of the role's
 * `organizationKinds` when it declares them, and a role delegated to customers is never granted in an
 * organization that is itself a customer. A role held only at the platform is outside every
 * organization and passes.
 */
export function mayGrantInOrganization(catalog: Pick<Catalog, "spec">, role: string, organization: Pick<Organization, "kind" | "partnerId">, scope: ScopeRef): boolean {
  if (scope.kind === PLATFORM_SCOPE.kind) return true;
  const spec = catalog.spec.roles[role];
  if (spec === undefined) return false;
  if (spec.organizationKinds !== undefined && !spec.organizationKinds.includes(organization.kind)) return false;
  return !(spec.delegation === "customers" && organization.partnerId !== null);
}

/**
 * The organization-kind rule for grants in one organization ({@link mayGrantInOrganization}): refused
 * with the rule `role_organization_kind`, naming the role and the kinds it is for.
 */
export function checkOrganizationKinds(
  catalog: Pick<Catalog, "spec">,
  organization: Pick<Organization, "kind" | "partnerId">,
  granted: readonly Pick<PlannedGrant, "role" | "scope">[],
): Result<void, ForbiddenError> {
  for (const grant of granted) {
    if (!mayGrantInOrganization(catalog, grant.role, organization, grant.scope)) {
      const kinds = catalog.spec.roles[grant.role]?.organizationKinds;
      const why =
        kinds !== undefined && !kinds.includes(organization.kind)
          ? `it may be granted only in organizations of kind ${kinds.map((kind) => `"${kind}"`).join(", ")}, and this one is "${organization.kind}"`
          : "it is delegated to the customers of a partner, and this organization is itself a customer";
      return err(TenureErrors.forbidden("role_organization_kind", `The role "${grant.role}" cannot be granted here: ${why}.`, grant.role));
    }
  }
  return ok(undefined);
}

/**
 * The one placement guard of every grant path (`roles.grant`, `roles.grantToUsers`, the roles an
 * invitation or a sign-up gives, the first member's roles), checked before anything is written:
 *
 * - organization kinds ({@link mayGrantInOrganization}), rule `role_organization_kind`;
 * - requirements ("a user-level permission may require another"): after the grants, the holder must
 *   hold every requirement of every permission the granted roles carry, where each role applies (a
 *   role delegated to customers: in a customer of the organization), counting the holder's grants
 *   before and the granted ones together (so a set granted at once may meet its own requirements),
 *   within the organization's entitlements; else rule `requirement_missing`, naming the requirement.
 *   Account status does not count: an invited user's roles are judged as if active.
 *
 * Scope kinds, entitlements and escalation are `checkGrant`'s.
 *
 * @example
 * ```ts
 * checkGrantPlacement(catalog, { organization, granted: [{ role: "environment_admin", scope, target }], held: [], holder: "the user" });
 * // Err: forbidden, rule "requirement_missing": "environments.administer" requires "instances.manage"
 * ```
 */
export function checkGrantPlacement(catalog: Catalog<string, string, string>, placement: GrantPlacement): Result<void, ForbiddenError> {
  const kinds = checkOrganizationKinds(catalog, placement.organization, placement.granted);
  if (kinds.isErr()) return kinds;
  const { organization, granted, held, holder } = placement;
  const compiled = catalog.compiled;
  const all = [...held, ...granted];
  for (const grant of granted) {
    const target = whereItApplies(catalog, grant, organization);
    const bits = grantedBits(compiled, all, target);
    const entitlements = target.organization?.entitlements ?? null;
    if (entitlements !== null) andInto(bits, bitsOfNames(compiled, entitlements));
    const kept = reduceToRequirements(compiled, bits.slice());
    for (const permission of catalog.permissionsOf(grant.role)) {
      const index = compiled.permissionIndex.get(permission) as number;
      if (!hasBit(bits, index) || hasBit(kept, index)) continue;
      const requirement = missingRequirement(catalog, permission, kept) ?? permission;
      return err(
        TenureErrors.forbidden(
          "requirement_missing",
          `The role "${grant.role}" carries "${permission}", which requires "${requirement}", and ${holder} would not hold "${requirement}" there.`,
          requirement,
        ),
      );
    }
  }
  return ok(undefined);
}

/**
 * Whether {@link checkGrantPlacement}'s verdict on `role` depends on what the holder already holds:
 * only when the role carries a permission with requirements. A bulk grant loads each holder's
 * grants only then.
 */
export function placementDependsOnHolder(catalog: Catalog<string, string, string>, role: string): boolean {
  return catalog.permissionsOf(role).some((permission) => catalog.requirementsOf(permission).length > 0);
}

/** The target where a grant confers its permissions: its own, or for a delegated role a customer of the organization (capped by nothing of its own). */
function whereItApplies(catalog: Pick<Catalog, "compiled">, grant: PlannedGrant, organization: PlacementOrganization): AccessTarget {
  const index = catalog.compiled.roleIndex.get(grant.role);
  if (index === undefined || catalog.compiled.delegated[index] !== true) return grant.target;
  const customer = `${organization.id}#customer` as OrganizationId;
  return { path: [organizationScope(customer), PLATFORM_SCOPE], organization: { id: customer, partnerId: organization.id, entitlements: null } };
}

/** The first direct requirement of `permission` the kept set lacks (held and kept, or never held). */
function missingRequirement(catalog: Catalog<string, string, string>, permission: string, kept: BitSet): string | null {
  return catalog.requirementsOf(permission).find((name) => !hasBit(kept, catalog.compiled.permissionIndex.get(name) as number)) ?? null;
}
