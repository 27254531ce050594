import { describe, expect, it } from "vitest";
import { person, SETUP, setupPortalWorld } from "../_portal-world.js";

type PortalWorld = Awaited<ReturnType<typeof setupPortalWorld>>;

/** The store's assignments, for "nothing was written". */
const assignmentsOf = (world: PortalWorld) => world.snapshot().assignments.map((assignment) => assignment.id).sort();

describe('partner portal: "Customer manager: This permission is only available for partners"', () => {
  it("a partner's admin makes a user customer manager in the partner", async () => {
    const world = await setupPortalWorld();
    const admin = await world.seedUser(world.partner.id, "padmin", [{ role: "company_admin" }]);
    const carl = await world.seedUser(world.partner.id, "carl");
    const granted = await world.tenure.roles.grant(world.as(admin), { organizationId: world.partner.id, principal: { type: "user", id: carl.id }, role: "customer_manager" });
    expect(granted.isOk()).toBe(true);
  });

  it("is refused in a customer company, whoever grants it and however, naming the rule", async () => {
    const world = await setupPortalWorld();
    const operator = await world.operator();
    const cleo = await world.seedUser(world.customer.id, "cleo");
    const group = (await world.tenure.groups.create(SETUP, { organizationId: world.customer.id, name: "Managers", colour: "#336699" }))._unsafeUnwrap();
    const before = assignmentsOf(world);
    const attempts = [
      world.tenure.roles.grant(world.as(operator), { organizationId: world.customer.id, principal: { type: "user", id: cleo.id }, role: "customer_manager" }),
      world.tenure.roles.grant(SETUP, { organizationId: world.customer.id, principal: { type: "group", id: group.id }, role: "customer_manager" }),
      world.tenure.roles.grantToUsers(SETUP, { organizationId: world.customer.id, role: "customer_manager", scope: { kind: "organization", id: world.customer.id }, filter: {} }),
      world.tenure.onboarding.invite(SETUP, { organizationId: world.customer.id, user: person("dora"), roles: [{ role: "customer_manager" }] }),
    ];
    for (const attempt of await Promise.all(attempts)) {
      expect(attempt._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "role_organization_kind", id: "customer_manager" });
    }
    expect(assignmentsOf(world)).toEqual(before);
    expect(world.snapshot().users.some((user) => user.username === "dora")).toBe(false);
  });
});

describe('partner portal: "it is also possible for a user-level permission to require another user-level permission"', () => {
  it("granting environment admin to a user who does not manage instances is refused, naming the missing requirement", async () => {
    const world = await setupPortalWorld();
    const erin = await world.seedUser(world.customer.id, "erin");
    const before = assignmentsOf(world);
    const refused = await world.tenure.roles.grant(SETUP, { organizationId: world.customer.id, principal: { type: "user", id: erin.id }, role: "environment_admin" });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "requirement_missing", id: "instances.manage" });
    expect(refused._unsafeUnwrapErr().message).toContain('"environments.administer", which requires "instances.manage"');
    expect(assignmentsOf(world)).toEqual(before);
  });

  it("is granted once the user holds the requirement, directly or through a group", async () => {
    const world = await setupPortalWorld();
    const erin = await world.seedUser(world.customer.id, "erin", [{ role: "data_estate_admin" }]);
    const grant = (userId: typeof erin.id) =>
      world.tenure.roles.grant(SETUP, { organizationId: world.customer.id, principal: { type: "user", id: userId }, role: "environment_admin" });
    expect((await grant(erin.id)).isOk()).toBe(true);

    const finn = await world.seedUser(world.customer.id, "finn");
    const estate = (await world.tenure.groups.create(SETUP, { organizationId: world.customer.id, name: "Data estate", colour: "#336699" }))._unsafeUnwrap();
    await world.tenure.roles.grant(SETUP, { organizationId: world.customer.id, principal: { type: "group", id: estate.id }, role: "data_estate_admin" });
    (await world.tenure.groups.addMembers(SETUP, { organizationId: world.customer.id, groupId: estate.id, expectedVersion: estate.version, userIds: [finn.id] }))._unsafeUnwrap();
    expect((await grant(finn.id)).isOk()).toBe(true);
  });

  it("a group's role must meet its requirements with the group's own roles, whatever its members hold", async () => {
    const world = await setupPortalWorld();
    const erin = await world.seedUser(world.customer.id, "erin", [{ role: "data_estate_admin" }]);
    const admins = (await world.tenure.groups.create(SETUP, { organizationId: world.customer.id, name: "Environments", colour: "#336699" }))._unsafeUnwrap();
    (await world.tenure.groups.addMembers(SETUP, { organizationId: world.customer.id, groupId: admins.id, expectedVersion: admins.version, userIds: [erin.id] }))._unsafeUnwrap();
    const toGroup = (role: "environment_admin" | "data_estate_admin") =>
      world.tenure.roles.grant(SETUP, { organizationId: world.customer.id, principal: { type: "group", id: admins.id }, role });
    expect((await toGroup("environment_admin"))._unsafeUnwrapErr()).toMatchObject({ rule: "requirement_missing", id: "instances.manage" });
    expect((await toGroup("data_estate_admin")).isOk()).toBe(true);
    expect((await toGroup("environment_admin")).isOk()).toBe(true);
  });

  it("an invitation's roles may meet their own requirements as a set", async () => {
    const world = await setupPortalWorld();
    await world.seedUser(world.customer.id, "cadmin", [{ role: "company_admin" }]);
    const alone = await world.tenure.onboarding.invite(SETUP, { organizationId: world.customer.id, user: person("gail"), roles: [{ role: "environment_admin" }] });
    expect(alone._unsafeUnwrapErr()).toMatchObject({ rule: "requirement_missing", id: "instances.manage" });
    expect(world.snapshot().users.some((user) => user.username === "gail")).toBe(false);
    const together = await world.tenure.onboarding.invite(SETUP, {
      organizationId: world.customer.id,
      user: person("gail"),
      roles: [{ role: "environment_admin" }, { role: "data_estate_admin" }],
    });
    expect(world.rolesOf(together._unsafeUnwrap().user)).toEqual(["data_estate_admin@organization", "environment_admin@organization"]);
  });

  it("granting to a filtered list is refused as a whole when a listed user would lack the requirement", async () => {
    const world = await setupPortalWorld();
    await world.seedUser(world.customer.id, "erin", [{ role: "data_estate_admin" }]);
    const finn = await world.seedUser(world.customer.id, "finn");
    const before = assignmentsOf(world);
    const input = { organizationId: world.customer.id, role: "environment_admin" as const, scope: { kind: "organization", id: world.customer.id }, filter: {} };
    const refused = await world.tenure.roles.grantToUsers(SETUP, input);
    expect(refused._unsafeUnwrapErr()).toMatchObject({ rule: "requirement_missing", id: "instances.manage" });
    expect(refused._unsafeUnwrapErr().message).toContain(finn.id);
    expect(assignmentsOf(world)).toEqual(before);
    const granted = await world.tenure.roles.grantToUsers(SETUP, { ...input, filter: { roles: ["data_estate_admin"] } });
    expect(granted._unsafeUnwrap()).toBe(1);
  });
});

describe('marketplace: "Server Admin (Superuser)": explain says so', () => {
  it("explain for a superuser says in its message that the user is a superuser", async () => {
    const world = await setupPortalWorld();
    const operator = await world.operator();
    const explained = (
      await world.tenure.access.explain({ organizationId: operator.organizationId, userId: operator.id }, "company.users.manage", { organizationId: world.customer.id })
    )._unsafeUnwrap();
    expect(explained).toMatchObject({ allowed: true });
    expect(explained.message).toContain('a superuser: "portal_operator" carries every permission of the catalog');
  });
});
