import { describe, expect, it } from "vitest";
import type { GroupId, RoleAssignmentId, User } from "tenure";
import { setupAccountsWorld, type AccountsWorld } from "./_world.js";
import { TEST_STORE } from "../_test-store.js";

const THIRD_PARTY_ON = { thirdParty: { enabled: true, maxAccessDays: 90 }, timeZone: "Europe/Berlin" } as const;

/** The input of an account command on a user as stored now. */
const on = (world: AccountsWorld, user: User) => {
  const current = world.current(user) as User;
  return { organizationId: current.organizationId, userId: current.id, expectedVersion: current.version };
};

/** Whether the partner's customer manager administers the customer now. */
const managesCustomer = (world: AccountsWorld, manager: User) =>
  world.access.can({ organizationId: manager.organizationId, userId: manager.id }, "users.manage", { organizationId: world.customer.id });

describe("an organization never loses its last admin", () => {
  it("the last admin can be neither blocked, de-activated nor removed", async () => {
    const world = await setupAccountsWorld();
    const target = on(world, world.customerAdmin);
    const refusal = { code: "forbidden", rule: "last_admin", id: world.customer.id };
    const operator = world.as(world.operator);
    await world.expectRefused(() => world.accounts.block(operator, { ...target, until: null }), refusal);
    await world.expectRefused(() => world.accounts.block(operator, { ...target, until: new Date(world.clock.now().getTime() + 60_000) }), refusal);
    await world.expectRefused(() => world.accounts.deactivate(operator, target), refusal);
    await world.expectRefused(() => world.accounts.remove(operator, { ...target, data: { mode: "delete" }, keepProfile: true }), refusal);
    await world.expectRefused(() => world.accounts.remove(operator, { ...target, data: { mode: "delete" }, keepProfile: false }), refusal);
    await world.expectRefused(() => world.tenure.roles.revoke(operator, { organizationId: world.customer.id, assignmentId: "asg_seed_cadmin_0" as RoleAssignmentId }), refusal);
    expect(world.port.calls).toEqual([]);

    // With a second admin in place, the first one can go.
    const second = await world.seedUser(world.customer.id, "second", [{ role: "company_admin" }]);
    expect((await world.accounts.deactivate(operator, target)).isOk()).toBe(true);
    expect(await world.isAdmin(second)).toBe(true);
    expect(await world.isAdmin(world.customerAdmin)).toBe(false);
  });

  it("an admin through a group counts, and so does the loss of one", async () => {
    const world = await setupAccountsWorld();
    const gina = await world.seedUser(world.customer.id, "gina");
    await world.seedGroup(world.customer.id, "admins", [gina.id], [{ role: "company_admin" }]);
    const block = (user: User) =>
      world.accounts.block(world.as(world.operator), { organizationId: world.customer.id, userId: user.id, expectedVersion: user.version, until: null });
    expect((await block(world.customerAdmin)).isOk()).toBe(true);
    await world.expectRefused(() => block(gina), { code: "forbidden", rule: "last_admin" });
  });

  it("two concurrent blocks of the only two admins: one commits, the other conflicts (or, one at a time, is refused)", async () => {
    const world = await setupAccountsWorld();
    const ada = await world.seedUser(world.customer.id, "ada", [{ role: "company_admin" }]);
    const cadmin = world.customerAdmin;
    const before = (await world.audit(world.customer.id)).length;
    const [first, second] = await Promise.all([
      world.accounts.block(world.as(cadmin), { organizationId: world.customer.id, userId: ada.id, expectedVersion: ada.version, until: null }),
      world.accounts.block(world.as(ada), { organizationId: world.customer.id, userId: cadmin.id, expectedVersion: cadmin.version, until: null }),
    ]);
    const outcomes = [first, second];
    expect(outcomes.filter((outcome) => outcome.isOk())).toHaveLength(1);
    // Side by side the loser's commit conflicts on the organization; on a store that runs them one after
    // the other (PGlite), the second finds its actor blocked and is refused before it writes anything.
    const loss =
      TEST_STORE === "pglite"
        ? expect.objectContaining({ code: "forbidden", rule: "no_standing" })
        : expect.objectContaining({ code: "conflict", entity: "organization", id: world.customer.id });
    expect(outcomes.filter((outcome) => outcome.isErr()).map((outcome) => outcome._unsafeUnwrapErr())).toEqual([loss]);
    expect((await world.audit(world.customer.id)).length).toBe(before + 1);
    const admins = await Promise.all([world.isAdmin(ada), world.isAdmin(cadmin)]);
    expect(admins.filter(Boolean)).toHaveLength(1);
  });
});

describe("partner portal: a customer manager acts as an admin in all customers' companies", () => {
  it("a customer's last own admin may go while the partner's customer manager remains, who then administers the company", async () => {
    const world = await setupAccountsWorld();
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    expect((await world.accounts.deactivate(world.as(manager), on(world, world.customerAdmin))).isOk()).toBe(true);
    expect(await world.isAdmin(world.customerAdmin)).toBe(false);
    expect(await managesCustomer(world, manager)).toBe(true);

    // The company is still administered: the manager adds a user and blocks a member there.
    const invited = await world.tenure.onboarding.invite(world.as(manager), {
      organizationId: world.customer.id,
      user: { username: "newcomer", fullName: "New Comer", email: "newcomer@example.com" },
      sendInvitation: false,
    });
    expect(invited.isOk()).toBe(true);
    const carl = await world.seedUser(world.customer.id, "carl");
    expect((await world.accounts.block(world.as(manager), { ...on(world, carl), until: null })).isOk()).toBe(true);
  });

  it("the customer manager who is a customer's only admin can be neither blocked, de-activated, removed, stripped of the role nor made third party", async () => {
    const world = await setupAccountsWorld({ settings: THIRD_PARTY_ON });
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    expect((await world.accounts.deactivate(world.as(world.operator), on(world, world.customerAdmin))).isOk()).toBe(true);

    const padmin = world.as(world.partnerAdmin);
    const refusal = { code: "forbidden", rule: "last_admin", id: world.customer.id };
    // The refusal names the company that would be left without an admin.
    await world.expectRefused(() => world.accounts.block(padmin, { ...on(world, manager), until: null }), { ...refusal, message: expect.stringContaining('"Customer Co"') });
    await world.expectRefused(() => world.accounts.deactivate(padmin, on(world, manager)), refusal);
    await world.expectRefused(() => world.accounts.remove(padmin, { ...on(world, manager), data: { mode: "delete" }, keepProfile: false }), refusal);
    await world.expectRefused(() => world.tenure.roles.revoke(padmin, { organizationId: world.partner.id, assignmentId: "asg_seed_manager_0" as RoleAssignmentId }), refusal);
    await world.expectRefused(() => world.tenure.thirdParty.setAccess(padmin, { ...on(world, manager), change: { type: "make" } }), refusal);
    expect(await managesCustomer(world, manager)).toBe(true);

    // A second customer manager in place, the first one can go.
    const second = await world.seedUser(world.partner.id, "second", [{ role: "customer_manager" }]);
    expect((await world.accounts.block(padmin, { ...on(world, manager), until: null })).isOk()).toBe(true);
    expect(await managesCustomer(world, second)).toBe(true);
  });

  it("a customer manager through a partner's group counts: the group can neither lose him nor be deleted while he is a customer's only admin", async () => {
    const world = await setupAccountsWorld();
    const mona = await world.seedUser(world.partner.id, "mona");
    const group = await world.seedGroup(world.partner.id, "managers", [mona.id], [{ role: "customer_manager" }]);
    expect((await world.accounts.remove(world.as(mona), { ...on(world, world.customerAdmin), data: { mode: "delete" }, keepProfile: true })).isOk()).toBe(true);

    const padmin = world.as(world.partnerAdmin);
    const refusal = { code: "forbidden", rule: "last_admin", id: world.customer.id };
    const groupId = group.id as GroupId;
    await world.expectRefused(() => world.tenure.groups.removeMembers(padmin, { organizationId: world.partner.id, groupId, expectedVersion: group.version, userIds: [mona.id] }), refusal);
    await world.expectRefused(() => world.tenure.groups.delete(padmin, { organizationId: world.partner.id, groupId, expectedVersion: group.version }), refusal);
  });

  it("only a lasting customer manager counts: a blocked or third-party one, or one capped by the customer's entitlements, is no admin there", async () => {
    const world = await setupAccountsWorld();
    const refusal = { code: "forbidden", rule: "last_admin", id: world.customer.id };
    await world.seedUser(world.partner.id, "blockedmanager", [{ role: "customer_manager" }], { account: { status: "blocked", until: null, reason: null } });
    await world.seedUser(world.partner.id, "thirdmanager", [{ role: "customer_manager" }], { thirdParty: true, accessExpiresAt: new Date("2026-05-01T00:00:00Z") });
    await world.expectRefused(() => world.accounts.deactivate(world.as(world.operator), on(world, world.customerAdmin)), refusal);

    // A customer not entitled to manage users has no delegated admin either.
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    const capped = await world.store.transaction(async (tx) => {
      const customer = (await tx.organizations.get(world.customer.id))!;
      return tx.organizations.update({ ...customer, entitlements: ["documents.view", "documents.edit", "zone.access"] });
    });
    capped._unsafeUnwrap();
    world.context.cache.clear();
    expect(await managesCustomer(world, manager)).toBe(false);
    // (Its own admin is capped the same way: the company has no admin at all, and a change there is not refused for that.)
    expect((await world.accounts.deactivate(world.as(world.operator), on(world, world.customerAdmin))).isOk()).toBe(true);
  });

  it("a change is never refused merely because the company had no admin before it", async () => {
    const world = await setupAccountsWorld();
    const carl = await world.seedUser(world.customer.id, "carl", [{ role: "editor" }]);
    const operator = world.as(world.operator);
    // The customer's only admin is blocked (by hand): the company has no admin, and no customer manager.
    const blocked = await world.store.transaction(async (tx) => {
      const cadmin = (await tx.users.get(world.customer.id, world.customerAdmin.id))!;
      return tx.users.update({ ...cadmin, account: { status: "blocked", until: null, reason: null } });
    });
    blocked._unsafeUnwrap();
    expect((await world.accounts.block(operator, { ...on(world, carl), until: null })).isOk()).toBe(true);
    expect((await world.accounts.unblock(operator, on(world, carl))).isOk()).toBe(true);
    expect((await world.tenure.roles.revoke(operator, { organizationId: world.customer.id, assignmentId: "asg_seed_carl_0" as RoleAssignmentId })).isOk()).toBe(true);
    expect((await world.accounts.remove(operator, { ...on(world, world.customerAdmin), data: { mode: "delete" }, keepProfile: true })).isOk()).toBe(true);
  });

  it("the customer deactivating its last own admin and the partner blocking its customer manager at once: one commits, the other conflicts (or, one at a time, is refused)", async () => {
    const world = await setupAccountsWorld();
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    const [first, second] = await Promise.all([
      world.accounts.deactivate(world.as(world.operator), on(world, world.customerAdmin)),
      world.accounts.block(world.as(world.partnerAdmin), { ...on(world, manager), until: null }),
    ]);
    const outcomes = [first, second];
    expect(outcomes.filter((outcome) => outcome.isOk())).toHaveLength(1);
    const error = outcomes.find((outcome) => outcome.isErr())!._unsafeUnwrapErr();
    // Side by side the loser conflicts on the partner's record; one after the other, the second is refused by the rule.
    expect(["conflict", "forbidden"]).toContain(error.code);
    if (error.code === "forbidden") expect(error).toMatchObject({ rule: "last_admin", id: world.customer.id });
    if (TEST_STORE === "memory") expect(error).toMatchObject({ code: "conflict", entity: "organization", id: world.partner.id });
    const admins = [await world.isAdmin(world.customerAdmin), await managesCustomer(world, manager)];
    expect(admins.filter(Boolean)).toHaveLength(1);
  });
});
