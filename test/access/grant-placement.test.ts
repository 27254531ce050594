import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkGrantPlacement,
  createAccessResolver,
  defineCatalog,
  mayGrantInOrganization,
  organizationScope,
  organizationTarget,
  PLATFORM_SCOPE,
  PLATFORM_TARGET,
  scopeProblem,
  scopeTarget,
  type AccessTarget,
  type Catalog,
  type GrantPlacement,
  type OrganizationId,
  type PlacementOrganization,
  type PlannedGrant,
  type RoleAssignmentId,
  type ScopeRef,
  type UserId,
} from "tenure";
import { catalogSpecArbitrary } from "tenure/testing";
import { catalog } from "./_world.js";

const partner: PlacementOrganization = { id: "org_partner" as OrganizationId, kind: "partner", partnerId: null, entitlements: null };
const customer: PlacementOrganization = { id: "org_customer" as OrganizationId, kind: "customer", partnerId: partner.id, entitlements: null };

const at = (organization: PlacementOrganization, role: string, scope: ScopeRef = organizationScope(organization.id)): PlannedGrant => ({
  role,
  scope,
  target: scope.kind === "platform" ? PLATFORM_TARGET : scope.kind === "organization" ? organizationTarget(organization) : scopeTarget(scope, organization),
});
const place = (placement: Omit<GrantPlacement, "holder">) => checkGrantPlacement(catalog, { ...placement, holder: "the user" });

describe("the placement guard: a user-level permission may require another (partner portal)", () => {
  it("refuses a role whose permission requires one the holder would not hold, naming the requirement", () => {
    // publisher carries docs.publish, which requires docs.edit.
    const refused = place({ organization: partner, granted: [at(partner, "publisher")], held: [] });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "requirement_missing", id: "docs.edit" });
    expect(refused._unsafeUnwrapErr().message).toBe(
      'The role "publisher" carries "docs.publish", which requires "docs.edit", and the user would not hold "docs.edit" there.',
    );
  });

  it("counts what the holder already holds, and a set granted at once may meet its own requirements", () => {
    const writer = { role: "writer", scope: organizationScope(partner.id) };
    expect(place({ organization: partner, granted: [at(partner, "publisher")], held: [writer] }).isOk()).toBe(true);
    expect(place({ organization: partner, granted: [at(partner, "publisher"), at(partner, "writer")], held: [] }).isOk()).toBe(true);
  });

  it("counts only what reaches the scope: a writer in a zone does not meet an organization role's requirement", () => {
    const inZone = { role: "writer", scope: { kind: "zone", id: "berlin" } };
    expect(place({ organization: partner, granted: [at(partner, "publisher")], held: [inZone] })._unsafeUnwrapErr().rule).toBe("requirement_missing");
  });

  it("names the requirement a held permission lacks in turn (docs.edit is held but needs docs.view)", () => {
    const editOnly = defineCatalog({
      scopes: { organization: {} },
      permissions: { "users.manage": {}, "system.admin": {}, "docs.view": {}, "docs.edit": { requires: ["docs.view"] }, "docs.publish": { requires: ["docs.edit"] } },
      roles: {
        viewer: { permissions: ["docs.view"], scopes: ["organization"] },
        editor: { permissions: ["docs.edit"], scopes: ["organization"] },
        publisher: { permissions: ["docs.publish"], scopes: ["organization"] },
      },
      administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
    })._unsafeUnwrap();
    const refused = checkGrantPlacement(editOnly, {
      organization: partner,
      granted: [at(partner, "publisher")],
      held: [{ role: "editor", scope: organizationScope(partner.id) }],
      holder: "the user",
    });
    // docs.edit is dropped for want of docs.view, so publishing would be dropped: the missing one is docs.edit.
    expect(refused._unsafeUnwrapErr()).toMatchObject({ rule: "requirement_missing", id: "docs.edit" });
  });

  it("judges a delegated role where it applies: in a customer of the partner", () => {
    // customer_manager includes admin → writer → reader: it meets its own requirements.
    expect(place({ organization: partner, granted: [at(partner, "customer_manager")], held: [] }).isOk()).toBe(true);
  });
});

describe("the placement guard: organization kinds (partner portal: customer manager only for partners)", () => {
  const kinds = defineCatalog({
    scopes: { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } },
    permissions: { "users.manage": {}, "system.admin": {}, "customers.manage": {} },
    roles: {
      admin: { permissions: ["users.manage"], scopes: ["organization"] },
      customer_manager: { includes: ["admin"], permissions: ["customers.manage"], scopes: ["organization"], delegation: "customers", organizationKinds: ["partner"] },
      site_lead: { permissions: ["customers.manage"], scopes: ["zone"], organizationKinds: ["partner", "site"] },
      delegated_anywhere: { includes: ["admin"], scopes: ["organization"], delegation: "customers" },
      root: { superuser: true, scopes: ["platform"] },
    },
    administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
  })._unsafeUnwrap();
  const check = (organization: PlacementOrganization, grant: PlannedGrant) => checkGrantPlacement(kinds, { organization, granted: [grant], held: [], holder: "the user" });

  it("grants a role in an organization of a kind it names, and refuses it elsewhere naming the rule and the kinds", () => {
    expect(check(partner, at(partner, "customer_manager")).isOk()).toBe(true);
    const refused = check(customer, at(customer, "customer_manager"))._unsafeUnwrapErr();
    expect(refused).toMatchObject({ code: "forbidden", rule: "role_organization_kind", id: "customer_manager" });
    expect(refused.message).toBe('The role "customer_manager" cannot be granted here: it may be granted only in organizations of kind "partner", and this one is "customer".');
  });

  it("applies to the scopes below the organization too", () => {
    const zone = { kind: "zone", id: "berlin" };
    expect(check(partner, at(partner, "site_lead", zone)).isOk()).toBe(true);
    expect(check(customer, at(customer, "site_lead", zone))._unsafeUnwrapErr().rule).toBe("role_organization_kind");
  });

  it("never grants a role delegated to customers in an organization that is itself a customer, kinds declared or not", () => {
    expect(check(partner, at(partner, "delegated_anywhere")).isOk()).toBe(true);
    const refused = check(customer, at(customer, "delegated_anywhere"))._unsafeUnwrapErr();
    expect(refused.rule).toBe("role_organization_kind");
    expect(refused.message).toContain("itself a customer");
    expect(check({ ...customer, kind: "partner" }, at(customer, "customer_manager"))._unsafeUnwrapErr().rule).toBe("role_organization_kind");
  });

  it("leaves platform grants alone: no organization kind applies above every organization", () => {
    expect(mayGrantInOrganization(kinds, "root", customer, PLATFORM_SCOPE)).toBe(true);
  });
});

describe("the placement guard: where a role may be held", () => {
  it("names the field of a scope that cannot be used", () => {
    expect(scopeProblem(catalog, partner.id, { kind: "galaxy", id: "x" })).toMatchObject({ field: "kind", code: "unknown_scope_kind" });
    expect(scopeProblem(catalog, partner.id, organizationScope(customer.id))).toMatchObject({ field: "id", code: "scope_outside_organization" });
    expect(scopeProblem(catalog, partner.id, { kind: "platform", id: "elsewhere" })).toMatchObject({ field: "id", code: "unknown_platform_scope" });
    expect(scopeProblem(catalog, partner.id, { kind: "zone", id: "berlin" })).toBeNull();
  });
});

/** Random valid catalogs in which some organization roles are restricted to some organization kinds. */
const KINDS = ["partner", "customer", "site"] as const;
const catalogWithKinds: fc.Arbitrary<Catalog> = catalogSpecArbitrary()
  .chain((spec) =>
    fc.tuple(fc.constant(spec), fc.array(fc.subarray([...KINDS], { minLength: 1 }), { minLength: Object.keys(spec.roles).length, maxLength: Object.keys(spec.roles).length }), fc.array(fc.boolean(), { minLength: Object.keys(spec.roles).length, maxLength: Object.keys(spec.roles).length })),
  )
  .map(([spec, kindPicks, restrict]) => {
    const roles = Object.fromEntries(
      Object.entries(spec.roles).map(([name, role], index) =>
        restrict[index] === true && role.scopes.includes("organization") ? [name, { ...role, organizationKinds: kindPicks[index] ?? ["partner"] }] : [name, role],
      ),
    );
    return defineCatalog({ ...spec, roles } as Parameters<typeof defineCatalog>[0])._unsafeUnwrap() as unknown as Catalog;
  });

/** A grant attempt: a role and a scope kind of the catalog, in one of three organizations. */
const attempts = fc.array(fc.record({ role: fc.nat(), scope: fc.nat(), organization: fc.nat(2) }, { noNullPrototype: true }), { maxLength: 12 });

const ORGANIZATIONS = [
  { id: "org_p" as OrganizationId, kind: "partner", partnerId: null, entitlements: null },
  { id: "org_c" as OrganizationId, kind: "customer", partnerId: "org_p" as OrganizationId, entitlements: null },
  { id: "org_s" as OrganizationId, kind: "site", partnerId: null, entitlements: null },
] as const;

function targetOf(organization: (typeof ORGANIZATIONS)[number], scope: ScopeRef): AccessTarget {
  if (scope.kind === "platform") return PLATFORM_TARGET;
  if (scope.kind === "organization") return organizationTarget(organization);
  return scopeTarget(scope, organization);
}

describe("the placement guard, for any catalog", () => {
  it("any sequence of grants it accepts leaves every holder holding every permission of every role granted, and never places a role outside its organization kinds", () => {
    fc.assert(
      fc.property(catalogWithKinds, attempts, (generated, tries) => {
        const access = createAccessResolver(generated);
        const held: { role: string; scope: ScopeRef; organization: (typeof ORGANIZATIONS)[number] }[] = [];
        for (const attempt of tries) {
          const role = generated.roleNames[attempt.role % generated.roleNames.length] as string;
          const kinds = generated.spec.roles[role]?.scopes ?? [];
          if (kinds.length === 0) continue;
          const organization = ORGANIZATIONS[attempt.organization] as (typeof ORGANIZATIONS)[number];
          const kind = kinds[attempt.scope % kinds.length] as string;
          const scope = kind === "organization" ? organizationScope(organization.id) : kind === "platform" ? PLATFORM_SCOPE : { kind, id: `${kind}_1` };
          const accepted = checkGrantPlacement(generated, {
            organization,
            granted: [{ role, scope, target: targetOf(organization, scope) }],
            held: held.map(({ role: r, scope: s }) => ({ role: r, scope: s })),
            holder: "the user",
          });
          if (accepted.isOk()) held.push({ role, scope, organization });
        }
        const subject = {
          userId: "usr_1" as UserId,
          account: { status: "active" as const },
          thirdParty: false,
          accessExpiresAt: null,
          grants: held.map(({ role, scope }, index) => ({ assignmentId: `asg_${index}` as RoleAssignmentId, role, scope, via: { type: "direct" as const } })),
        };
        for (const grant of held) {
          if (grant.scope.kind !== "platform") expect(mayGrantInOrganization(generated, grant.role, grant.organization, grant.scope)).toBe(true);
          const delegated = generated.spec.roles[grant.role]?.delegation === "customers";
          const where = delegated
            ? organizationTarget({ id: `${grant.organization.id}#customer` as OrganizationId, partnerId: grant.organization.id, entitlements: null })
            : targetOf(grant.organization, grant.scope);
          const effective = access.effective(subject, where, new Date("2026-03-10T12:00:00Z"));
          for (const permission of generated.permissionsOf(grant.role)) expect(effective.has(permission)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a grant for a requirement only when the resolver would indeed drop one of the role's permissions", () => {
    fc.assert(
      fc.property(catalogSpecArbitrary().map((spec) => defineCatalog(spec)._unsafeUnwrap() as unknown as Catalog), fc.nat(), fc.array(fc.nat(), { maxLength: 4 }), (generated, pick, others) => {
        const organization = ORGANIZATIONS[0];
        const organizationRoles = generated.roleNames.filter((role) => generated.isGrantableIn(role, "organization"));
        if (organizationRoles.length === 0) return;
        const role = organizationRoles[pick % organizationRoles.length] as string;
        const scope = organizationScope(organization.id);
        const held = others.map((n) => ({ role: organizationRoles[n % organizationRoles.length] as string, scope }));
        const verdict = checkGrantPlacement(generated, { organization, granted: [{ role, scope, target: organizationTarget(organization) }], held, holder: "the user" });
        const delegated = generated.spec.roles[role]?.delegation === "customers";
        const where = delegated ? organizationTarget({ id: "org_p#customer" as OrganizationId, partnerId: organization.id, entitlements: null }) : organizationTarget(organization);
        const grants = [...held, { role, scope }].map((grant, index) => ({ ...grant, assignmentId: `asg_${index}` as RoleAssignmentId, via: { type: "direct" as const } }));
        const effective = createAccessResolver(generated).effective(
          { userId: "usr_1" as UserId, account: { status: "active" }, thirdParty: false, accessExpiresAt: null, grants },
          where,
          new Date("2026-03-10T12:00:00Z"),
        );
        const whole = generated.permissionsOf(role).every((permission) => effective.has(permission));
        expect(verdict.isOk()).toBe(whole);
      }),
      { numRuns: 300 },
    );
  });
});
