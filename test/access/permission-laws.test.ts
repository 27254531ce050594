import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAccessResolver, defineCatalog, organizationTarget, type Catalog, type OrganizationId, type UserId } from "tenure";
// Not yet re-exported from "tenure/testing".
import {
  accessWorldArbitrary,
  catalogArbitrary,
  catalogSpecArbitrary,
  describePermissionLaws,
  permissionLaws,
  referenceEffective,
  referenceIsActive,
  worldSubject,
  worldTarget,
  type AccessWorld,
} from "tenure/testing";
import { documentWorkspace, marketplace, partnerPortal, proposalWorkspace } from "../../examples/catalogs/index.js";
import { assignment, catalog as smallCatalog, now, orgScope, partner, subject } from "./_world.js";

/** Random catalogs per law, and random worlds per catalog. */
const CATALOGS = 40;
const WORLDS = 10;
/** Random worlds per law for each example catalog. */
const EXAMPLE_WORLDS = 60;

describe("catalogSpecArbitrary", () => {
  it("builds specs that defineCatalog accepts, with an organization scope kind", () => {
    fc.assert(
      fc.property(catalogSpecArbitrary(), (spec) => {
        expect(defineCatalog(spec).isOk()).toBe(true);
        expect(Object.keys(spec.scopes)).toContain("organization");
        for (const role of Object.values(spec.roles)) {
          if (role.delegation === "customers") expect(role.scopes).toEqual(["organization"]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("covers the shapes the laws need: platform, delegation, superusers, building blocks, includes, requirement cycles", () => {
    const specs = fc.sample(catalogSpecArbitrary(), { numRuns: 300, seed: 7 });
    const roles = specs.flatMap((spec) => Object.values(spec.roles));
    expect(specs.filter((spec) => "platform" in spec.scopes).length).toBeGreaterThan(200);
    expect(specs.some((spec) => !("platform" in spec.scopes))).toBe(true);
    expect(roles.some((role) => role.delegation === "customers")).toBe(true);
    expect(roles.some((role) => role.superuser === true)).toBe(true);
    expect(roles.some((role) => role.scopes.length === 0)).toBe(true);
    expect(roles.some((role) => (role.includes ?? []).length > 0)).toBe(true);
    const cyclic = specs.some((spec) =>
      Object.entries(spec.permissions).some(([name, permission]) =>
        (permission.requires ?? []).some((required) => required !== name && (spec.permissions[required]?.requires ?? []).includes(name)),
      ),
    );
    expect(cyclic).toBe(true);
  });
});

describe("accessWorldArbitrary", () => {
  const catalog = partnerPortal.catalog;
  const worlds: AccessWorld[] = fc.sample(accessWorldArbitrary(catalog), { numRuns: 400, seed: 11 });

  it("puts every scope below its parents and every organization in the tree", () => {
    for (const world of worlds) {
      for (const place of world.scopes) {
        expect(place.path[0]).toEqual(place.scope);
        const organization = place.path.find((step) => step.kind === "organization");
        expect(place.organizationId).toBe(organization?.id ?? null);
        expect(worldTarget(world, place.scope).organization?.id ?? null).toBe(place.organizationId);
      }
      for (const organization of world.organizations) {
        expect(world.scopes.some((place) => place.scope.kind === "organization" && place.scope.id === organization.id)).toBe(true);
      }
    }
  });

  it("holds every account state, third parties, customers, entitlements and odd assignments", () => {
    const users = worlds.flatMap((world) => world.users.map((user) => ({ user, now: world.now })));
    for (const status of ["active", "invited", "pending_verification", "blocked", "deactivated", "removed"]) {
      expect(users.some(({ user }) => user.account.status === status)).toBe(true);
    }
    expect(users.some(({ user, now: at }) => user.account.status === "blocked" && user.account.until !== null && user.account.until <= at)).toBe(true);
    expect(users.some(({ user, now: at }) => user.account.status === "blocked" && user.account.until !== null && user.account.until > at)).toBe(true);
    expect(users.some(({ user, now: at }) => user.thirdParty && referenceIsActive(user, at))).toBe(true);
    expect(users.some(({ user, now: at }) => user.thirdParty && user.account.status === "active" && !referenceIsActive(user, at))).toBe(true);
    const organizations = worlds.flatMap((world) => world.organizations);
    expect(organizations.some((organization) => organization.partnerId !== null)).toBe(true);
    expect(organizations.some((organization) => organization.entitlements !== null)).toBe(true);
    const assignments = worlds.flatMap((world) => world.assignments);
    expect(assignments.some((held) => !catalog.isRole(held.role))).toBe(true);
    expect(assignments.some((held) => catalog.isRole(held.role) && !catalog.isGrantableIn(held.role, held.scope.kind))).toBe(true);
    expect(assignments.some((held) => held.principal.type === "group")).toBe(true);
  });
});

describe("referenceEffective", () => {
  it("answers the small example by the rules", () => {
    const world: AccessWorld = {
      now,
      organizations: [partner, { id: "org_customer" as OrganizationId, partnerId: partner.id, entitlements: ["docs.view", "users.manage"] }],
      scopes: [
        { scope: { kind: "platform", id: "platform" }, path: [{ kind: "platform", id: "platform" }], organizationId: null },
        { scope: orgScope(partner.id), path: [orgScope(partner.id), { kind: "platform", id: "platform" }], organizationId: partner.id },
        { scope: orgScope("org_customer"), path: [orgScope("org_customer"), { kind: "platform", id: "platform" }], organizationId: "org_customer" as OrganizationId },
      ],
      users: [{ id: "usr_ann" as UserId, organizationId: partner.id, account: { status: "active" }, thirdParty: false, accessExpiresAt: null }],
      groups: [],
      assignments: [
        assignment("publisher", orgScope(partner.id), { user: "usr_ann" }),
        assignment("customer_manager", orgScope(partner.id), { user: "usr_ann" }),
        assignment("system_admin", orgScope(partner.id), { user: "usr_ann" }),
      ],
    };
    const ann = "usr_ann" as UserId;
    // publisher lacks docs.edit; the superuser role is not grantable in an organization; delegation skips the partner.
    expect([...referenceEffective(smallCatalog.spec, world, ann, orgScope(partner.id))]).toEqual([]);
    expect([...referenceEffective(smallCatalog.spec, world, ann, orgScope("org_customer"))].sort()).toEqual(["docs.view", "users.manage"]);
    const access = createAccessResolver(smallCatalog);
    expect(access.effective(worldSubject(world, ann), worldTarget(world, orgScope("org_customer")), now).list()).toEqual(["users.manage", "docs.view"]);
  });
});

describe("the resolver ignores a role held where it may not be granted", () => {
  // Found by "the resolver agrees with the reference implementation": a superuser role grantable only
  // in organizations but held in the platform scope (a stale assignment) conferred every permission.
  it("as the laws require", () => {
    const access = createAccessResolver(smallCatalog);
    const stale = subject([assignment("system_admin", orgScope(partner.id), { user: "usr_ann" }), assignment("zone_member", orgScope(partner.id), { user: "usr_ann" })]);
    expect(access.effective(stale, organizationTarget(partner), now).list()).toEqual([]);
    expect(access.explain(stale, "zone.enter", organizationTarget(partner), now)).toMatchObject({ allowed: false, reason: { code: "no_grant" } });
  });
});

describe("describePermissionLaws", () => {
  it("registers one test per law under one group", () => {
    const groups: string[] = [];
    const tests: string[] = [];
    describePermissionLaws({
      catalog: smallCatalog,
      name: "small",
      test: { describe: (name, body) => (groups.push(name), body()), it: (name) => tests.push(name) },
    });
    expect(groups).toEqual(["permission laws: small"]);
    expect(tests).toEqual(permissionLaws(smallCatalog).map((law) => law.name));
    expect(new Set(tests).size).toBe(tests.length);
  });
});

describe("permission laws over random catalogs", () => {
  const [sample] = fc.sample(catalogArbitrary(), { numRuns: 1, seed: 1 });
  const names = sample === undefined ? [] : permissionLaws(sample).map((law) => law.name);
  names.forEach((name, index) => {
    it(name, () => {
      fc.assert(
        fc.property(catalogArbitrary(), (catalog) => {
          const law = permissionLaws(catalog)[index];
          if (law !== undefined) fc.assert(law.property, { numRuns: WORLDS, includeErrorInReport: true });
        }),
        { numRuns: CATALOGS, includeErrorInReport: true },
      );
    });
  });
});

const examples: readonly (readonly [string, Catalog])[] = [
  ["marketplace", marketplace.catalog],
  ["partner portal", partnerPortal.catalog],
  ["document workspace", documentWorkspace.catalog],
  ["proposal workspace", proposalWorkspace.catalog],
];
for (const [name, catalog] of examples) {
  describePermissionLaws({ catalog, name, test: { describe, it }, numRuns: EXAMPLE_WORLDS });
}
