// The one role-placement guard of the grant commands and every admission: the same checks, the same
// error codes, from plain inputs (no unit of work).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  organizationScope,
  organizationTarget,
  planAdmissionRoles,
  placeScope,
  PLATFORM_SCOPE,
  scopeTarget,
  type EffectivePermissions,
  type OrganizationId,
  type PlacementOrganization,
  type RolePlacementContext,
  type ScopeRef,
} from "tenure";
import { catalog } from "../service/_harness.js";

const acme: PlacementOrganization = { id: "org_acme" as OrganizationId, kind: "customer", partnerId: null, entitlements: null };

/** The guard's inputs for an actor holding `held` everywhere. */
function contextFor(held: readonly string[], organization = acme): RolePlacementContext {
  const permissions = { has: (permission: string) => held.includes(permission) } as unknown as EffectivePermissions<string>;
  return {
    catalog,
    organization,
    targetIn: (scope: ScopeRef) => (scope.kind === "organization" ? organizationTarget(organization) : scopeTarget(scope, organization)),
    actorPermissionsAt: () => permissions,
  };
}
const ADMIN = ["users.manage", "documents.view", "documents.edit", "zone.access"];

describe("the role-admission guard", () => {
  it("no roles named: the catalog's default roles; the first member also gets the first-member roles, later members never", () => {
    fc.assert(
      fc.property(fc.nat({ max: 5 }), (membersBefore) => {
        const planned = planAdmissionRoles(contextFor([]), { requested: undefined, membersBefore })._unsafeUnwrap();
        expect(planned.first).toBe(membersBefore === 0);
        expect(planned.roles.slice(0, catalog.defaultRoles.length).map((placed) => placed.role)).toEqual([...catalog.defaultRoles]);
        if (membersBefore > 0) expect(planned.firstMemberRoles).toEqual([]);
        expect(planned.roles).toHaveLength(catalog.defaultRoles.length + planned.firstMemberRoles.length);
      }),
    );
  });

  it("names every problem of the requested roles by field: unknown role, foreign scope, a pair given twice", () => {
    const refused = planAdmissionRoles(contextFor(ADMIN), {
      requested: [{ role: "nobody" }, { role: "member", scope: organizationScope("org_other" as OrganizationId) }, { role: "editor" }, { role: "editor" }],
      membersBefore: 1,
    });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "validation" });
    const fields = (refused._unsafeUnwrapErr() as unknown as { issues: { field: string; code: string }[] }).issues.map((issue) => `${issue.field} ${issue.code}`);
    expect(fields).toEqual(["roles.0.role unknown_role", "roles.1.scope.id scope_outside_organization", "roles.3 duplicate_role"]);
  });

  it("no escalation: a role carrying a permission the actor lacks is refused, one within the actor's is placed", () => {
    expect(planAdmissionRoles(contextFor(["documents.view"]), { requested: [{ role: "editor" }], membersBefore: 1 })._unsafeUnwrapErr()).toMatchObject({
      code: "forbidden",
      rule: "no_escalation",
    });
    const placed = planAdmissionRoles(contextFor(ADMIN), { requested: [{ role: "editor" }], membersBefore: 1 })._unsafeUnwrap();
    expect(placed.roles.map(({ role, scope }) => ({ role, scope }))).toEqual([{ role: "editor", scope: organizationScope(acme.id) }]);
  });

  it("placeScope: the organization when none is named; a bad platform id named at scope.id", () => {
    expect(placeScope(contextFor([]), undefined)._unsafeUnwrap().scope).toEqual(organizationScope(acme.id));
    const bad = placeScope(contextFor([]), { kind: PLATFORM_SCOPE.kind, id: "elsewhere" }, "roles.2");
    expect((bad._unsafeUnwrapErr() as unknown as { issues: { field: string }[] }).issues[0]?.field).toBe("roles.2.scope.id");
  });
});
