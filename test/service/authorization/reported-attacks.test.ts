/**
 * The attacks reported against the authorization of the service, one example each: what the property
 * test (`../authorization.property.test.ts`) covers in general, spelled out as the reports told them.
 */
import type { Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import type { TenureError, User } from "tenure";
import { setupWorld, type World } from "../_harness.js";
import { CUSTOM_INVITATION } from "./_commands.js";
import { buildWorld, userIdOf } from "./_world.js";

const thirdPartyOn = { thirdParty: { enabled: true, maxAccessDays: 90 }, timeZone: "Europe/Berlin" } as const;

/** The user as stored now. */
const stored = (world: Pick<World, "store">, user: Pick<User, "id">): User => world.store.snapshot().users.find((row) => row.id === user.id) as User;

/** Expects a refusal (`forbidden`, or `not_found`) of the given shape. */
function expectRefusal(result: Result<unknown, TenureError>, expected: Record<string, unknown> = {}): void {
  expect(result.isErr(), `expected a refusal, got ${result.isOk() ? "Ok" : result.error.code}`).toBe(true);
  const error = result._unsafeUnwrapErr();
  expect(["forbidden", "not_found"]).toContain(error.code);
  expect(error).toMatchObject(expected);
}

/** `refused` for `forbidden` / `not_found`; otherwise what came back, e.g. `Ok (11 users)`. */
function answerOf(result: Result<{ readonly items: readonly unknown[] }, TenureError>): string {
  if (result.isOk()) return `Ok (${result.value.items.length} users)`;
  return result.error.code === "forbidden" || result.error.code === "not_found" ? "refused" : result.error.code;
}

describe("reported attacks on the authorization of the service", () => {
  it("an organization admin cannot change the e-mail of the super admin, who is a member of that organization", async () => {
    const world = await setupWorld();
    const before = world.store.snapshot();
    const result = await world.tenure.users.update(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: world.operator.id, expectedVersion: world.operator.version, changes: { email: "attacker@example.com" },
    });
    expectRefusal(result, { code: "forbidden" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("an organization admin cannot make the super admin a third-party user and then clear the date (which de-activates him)", async () => {
    const world = await setupWorld({ settings: thirdPartyOn });
    const before = world.store.snapshot();
    const admin = world.as(world.partnerAdmin);
    const make = await world.tenure.thirdParty.setAccess(admin, {
      organizationId: world.partner.id, userId: world.operator.id, expectedVersion: world.operator.version, change: { type: "make" },
    });
    expectRefusal(make, { code: "forbidden" });
    const clear = await world.tenure.thirdParty.setAccess(admin, {
      organizationId: world.partner.id, userId: world.operator.id, expectedVersion: stored(world, world.operator).version, change: { type: "clear" },
    });
    expectRefusal(clear, { code: "forbidden" });
    expect(stored(world, world.operator)).toMatchObject({ thirdParty: false, account: { status: "active" } });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("users of one organization cannot list another organization's users: not its admin, not an internal user, not a blocked one", async () => {
    const world = await buildWorld();
    const answers: Record<string, string> = {};
    for (const username of ["padmin", "pmember", "pblocked"]) {
      answers[username] = answerOf(await world.tenure.users.list(world.actorOf({ kind: "user", label: username, username }), { organizationId: world.other.id }));
    }
    expect(answers).toEqual({ padmin: "refused", pmember: "refused", pblocked: "refused" });
  });

  it("an inactive user cannot list the users of their own organization", async () => {
    const world = await buildWorld();
    const inactive = ["pblocked", "pdeact", "ppending", "pinvited", "premoved"];
    const answers: Record<string, string> = {};
    for (const username of inactive) {
      answers[username] = answerOf(await world.tenure.users.list(world.actorOf({ kind: "user", label: username, username }), { organizationId: world.partner.id }));
    }
    expect(answers).toEqual(Object.fromEntries(inactive.map((username) => [username, "refused"])));
  });

  it("an external user filtering by a group she is not in sees none of its members", async () => {
    const world = await buildWorld();
    const external = world.actorOf({ kind: "user", label: "cexternal", username: "cexternal" });
    const listed = await world.tenure.users.list(external, { organizationId: world.customer.id, filter: { groupIds: ["grp_cother"] } });
    expect(listed._unsafeUnwrap().items).toEqual([]);
    const own = await world.tenure.users.list(external, { organizationId: world.customer.id, filter: { groupIds: ["grp_cteam"] }, sort: { field: "username" } });
    // Her own group shows her and its active member, not its de-activated one.
    expect(own._unsafeUnwrap().items.map((user) => user.username)).toEqual(["cexternal", "cmember"]);
  });

  it("a blocked user cannot edit their own profile", async () => {
    const world = await buildWorld();
    const blocked = stored(world, { id: userIdOf("pblocked") });
    const before = world.store.snapshot();
    const result = await world.tenure.users.update(world.actorOf({ kind: "user", label: "pblocked", username: "pblocked" }), {
      organizationId: world.partner.id, userId: blocked.id, expectedVersion: blocked.version, changes: { fullName: "Still Here" },
    });
    expectRefusal(result);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("an admin cannot de-activate their own account by making themselves third party and clearing the date", async () => {
    const world = await setupWorld({ settings: thirdPartyOn });
    const admin = world.as(world.partnerAdmin);
    const make = await world.tenure.thirdParty.setAccess(admin, {
      organizationId: world.partner.id, userId: world.partnerAdmin.id, expectedVersion: world.partnerAdmin.version, change: { type: "make" },
    });
    const afterMake = world.store.snapshot();
    const clear = await world.tenure.thirdParty.setAccess(admin, {
      organizationId: world.partner.id, userId: world.partnerAdmin.id, expectedVersion: stored(world, world.partnerAdmin).version, change: { type: "clear" },
    });
    expect(clear.isErr()).toBe(true);
    const error = clear._unsafeUnwrapErr();
    // Made third party, he must not clear his own date; refused already, there is no date to clear.
    if (make.isOk()) expect(error).toMatchObject({ code: "forbidden" });
    else expect(["forbidden", "invalid_state"]).toContain(error.code);
    expect(world.store.snapshot()).toEqual(afterMake);
    expect(stored(world, world.partnerAdmin).account).toEqual({ status: "active" });
  });

  it("making an organization's only admin third party with a last day of today is refused (last_admin): after the sweep it would have no admin", async () => {
    const world = await setupWorld({ settings: thirdPartyOn });
    // The customer's only admin is cadmin: the partner has no customer manager who would administer it by delegation.
    const before = world.store.snapshot();
    const change = { organizationId: world.customer.id, userId: world.customerAdmin.id, expectedVersion: world.customerAdmin.version, change: { type: "make", lastDay: "2026-03-02" } } as const;
    const result = await world.tenure.thirdParty.setAccess(world.as(world.operator), change);
    expectRefusal(result, { code: "forbidden", rule: "last_admin", id: world.customer.id });
    expect(world.store.snapshot()).toEqual(before);
    // With a customer manager at the partner, a lasting admin of the customer by delegation, the change is accepted.
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    expect((await world.tenure.thirdParty.setAccess(world.as(manager), change)).isOk()).toBe(true);
  });

  it("a partner admin cannot create a customer organization with its own mail templates (settings are for super admins)", async () => {
    const world = await setupWorld();
    const before = world.store.snapshot();
    const result = await world.tenure.organizations.create(world.as(world.partnerAdmin), {
      name: "Phishing Co", kind: "customer", partnerId: world.partner.id, settings: { mailTemplates: { invitation: CUSTOM_INVITATION } },
    });
    expectRefusal(result, { code: "forbidden" });
    expect(world.store.snapshot()).toEqual(before);
    // Without settings the partner admin may create the customer.
    expect((await world.tenure.organizations.create(world.as(world.partnerAdmin), { name: "Fine Co", kind: "customer", partnerId: world.partner.id })).isOk()).toBe(true);
  });

  it('under userDataEditors "super_admins" a plain admin cannot change third-party status or dates (edit_user_data); a super admin can', async () => {
    const world = await setupWorld({ settings: { ...thirdPartyOn, userDataEditors: "super_admins" } });
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const tess = await world.seedUser(world.partner.id, "tess", [{ role: "member" }], { thirdParty: true, accessExpiresAt: new Date("2026-03-20T23:00:00Z") });
    const before = world.store.snapshot();
    const admin = world.as(world.partnerAdmin);
    const make = await world.tenure.thirdParty.setAccess(admin, { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, change: { type: "make" } });
    expectRefusal(make, { code: "forbidden", rule: "edit_user_data" });
    const move = await world.tenure.thirdParty.setAccess(admin, {
      organizationId: world.partner.id, userId: tess.id, expectedVersion: tess.version, change: { type: "move", lastDay: "2026-04-15" },
    });
    expectRefusal(move, { code: "forbidden", rule: "edit_user_data" });
    const extend = await world.tenure.thirdParty.extend(admin, { organizationId: world.partner.id, userIds: [tess.id], lastDay: "2026-04-15" });
    expectRefusal(extend, { code: "forbidden", rule: "edit_user_data" });
    expect(world.store.snapshot()).toEqual(before);
    const bySuperAdmin = await world.tenure.thirdParty.extend(world.as(world.operator), { organizationId: world.partner.id, userIds: [tess.id], lastDay: "2026-04-15" });
    expect(bySuperAdmin.isOk()).toBe(true);
  });

  it("a third-party user whose date has passed (before the sweep de-activates him) cannot be sent a welcome message", async () => {
    const world = await setupWorld({ settings: thirdPartyOn });
    const past = await world.seedUser(world.partner.id, "past", [{ role: "member" }], { thirdParty: true, accessExpiresAt: new Date("2026-03-01T23:00:00Z") });
    const before = world.store.snapshot();
    const result = await world.tenure.thirdParty.sendWelcome(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: past.id });
    expect(result.isErr()).toBe(true);
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: "invalid_state" });
    expect(world.store.snapshot()).toEqual(before);
  });
});
