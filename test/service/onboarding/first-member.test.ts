import { describe, expect, it } from "vitest";
import { person, SETUP, setupPortalWorld } from "../_portal-world.js";

describe('partner portal: "The first user added to a company will be the contact person for the company and have administrative rights"', () => {
  it("the first user invited into a company becomes its contact person and its company admin, on top of the roles asked for", async () => {
    const world = await setupPortalWorld();
    const first = (await world.tenure.onboarding.invite(SETUP, { organizationId: world.customer.id, user: person("ann"), roles: [{ role: "data_estate_admin" }] }))._unsafeUnwrap();
    expect(world.rolesOf(first.user)).toEqual(["company_admin@organization", "data_estate_admin@organization"]);
    expect(first.invitation.roles.map((granted) => granted.role)).toEqual(["data_estate_admin", "company_admin"]);
    const company = world.snapshot().organizations.find((organization) => organization.id === world.customer.id);
    expect(company?.contactPersonId).toBe(first.user.id);
    const event = (await world.audit(world.customer.id)).find((entry) => entry.action === "user.invited" && entry.target.id === first.user.id);
    expect(event?.details).toMatchObject({ contactPerson: true, firstMember: true, firstMemberRoles: ["company_admin"] });

    const second = (await world.tenure.onboarding.invite(SETUP, { organizationId: world.customer.id, user: person("bob"), roles: [{ role: "data_estate_admin" }] }))._unsafeUnwrap();
    expect(world.rolesOf(second.user)).toEqual(["data_estate_admin@organization"]);
    expect((await world.audit(world.customer.id)).find((entry) => entry.target.id === second.user.id)?.details).toMatchObject({ contactPerson: false, firstMember: false, firstMemberRoles: [] });
  });

  it("the first member asked for company admin already receives it once", async () => {
    const world = await setupPortalWorld();
    const first = (await world.tenure.onboarding.invite(SETUP, { organizationId: world.customer.id, user: person("ann"), roles: [{ role: "company_admin" }] }))._unsafeUnwrap();
    expect(world.rolesOf(first.user)).toEqual(["company_admin@organization"]);
  });

  it("once accepted, the first user administers the company (adds the next user)", async () => {
    const world = await setupPortalWorld();
    const first = (await world.tenure.onboarding.invite(SETUP, { organizationId: world.customer.id, user: person("ann"), activate: true, roles: [] }))._unsafeUnwrap();
    const next = await world.tenure.onboarding.invite(world.as(first.user), { organizationId: world.customer.id, user: person("bob"), roles: [] });
    expect(next.isOk()).toBe(true);
  });

  it("a user who signs up by themselves to an empty company is its first member too", async () => {
    const world = await setupPortalWorld();
    const empty = await world.company("Lone Co", "customer", world.partner.id);
    const first = (await world.tenure.onboarding.signUp({ organizationId: empty.id, user: person("sam"), password: "correct horse battery" }))._unsafeUnwrap();
    expect(world.rolesOf(first)).toEqual(["company_admin@organization"]);
    const later = (await world.tenure.onboarding.signUp({ organizationId: empty.id, user: person("tim"), password: "correct horse battery" }))._unsafeUnwrap();
    expect(world.rolesOf(later)).toEqual([]);
  });

  it("removed users do not count: a company whose only users were removed admits a first member again", async () => {
    const world = await setupPortalWorld();
    await world.seedUser(world.customer.id, "gone", [], { account: { status: "removed", at: world.clock.now() } });
    const first = (await world.tenure.onboarding.invite(SETUP, { organizationId: world.customer.id, user: person("ann"), roles: [] }))._unsafeUnwrap();
    expect(world.rolesOf(first.user)).toEqual(["company_admin@organization"]);
  });

  it("de-activated, blocked and invited users do count: they are members, only not active now", async () => {
    const world = await setupPortalWorld();
    await world.seedUser(world.customer.id, "resting", [], { account: { status: "deactivated", reason: "admin" } });
    const next = (await world.tenure.onboarding.invite(SETUP, { organizationId: world.customer.id, user: person("ann"), roles: [] }))._unsafeUnwrap();
    expect(world.rolesOf(next.user)).toEqual([]);
  });

  it("two first invitations at the same moment: at most one makes a company admin (the other conflicts, and a retry is not first)", async () => {
    const world = await setupPortalWorld();
    const results = await Promise.all(
      ["ann", "bob"].map((username) => world.tenure.onboarding.invite(SETUP, { organizationId: world.customer.id, user: person(username), roles: [] })),
    );
    const admins = world.snapshot().assignments.filter((assignment) => assignment.role === "company_admin" && assignment.organizationId === world.customer.id);
    expect(admins.length).toBe(1);
    expect(results.some((result) => result.isOk())).toBe(true);
    for (const result of results) if (result.isErr()) expect(result.error.code).toBe("conflict");
    const failed = results.findIndex((result) => result.isErr());
    if (failed >= 0) {
      const retried = (await world.tenure.onboarding.invite(SETUP, { organizationId: world.customer.id, user: person(failed === 0 ? "ann" : "bob"), roles: [] }))._unsafeUnwrap();
      expect(world.rolesOf(retried.user)).toEqual([]);
    }
  });

  it("two first sign-ups at the same moment: at most one becomes company admin", async () => {
    const world = await setupPortalWorld();
    const empty = await world.company("Twin Co", "customer", world.partner.id);
    const results = await Promise.all(
      ["sam", "tim"].map((username) => world.tenure.onboarding.signUp({ organizationId: empty.id, user: person(username), password: "correct horse battery" })),
    );
    expect(results.some((result) => result.isOk())).toBe(true);
    for (const result of results) if (result.isErr()) expect(result.error.code).toBe("conflict");
    const admins = world.snapshot().assignments.filter((assignment) => assignment.role === "company_admin" && assignment.organizationId === empty.id);
    expect(admins.length).toBe(1);
  });
});
