/**
 * The heir of a removed user's data is named by the command, so the gate judges it like the user
 * removed: a user of the organization, and a super admin's account only for a super admin.
 */
import { describe, expect, it } from "vitest";
import { setupAccountsWorld } from "./_world.js";

describe("removing a user and transferring their data", () => {
  it("an organization admin cannot hand the data to a super admin's account; a super admin can", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const input = { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, data: { mode: "transfer" as const, toUserId: world.operator.id }, keepProfile: false };
    const before = world.store.snapshot();
    const refused = await world.accounts.remove(world.as(world.partnerAdmin), input);
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "super_admin_target", id: world.operator.id });
    expect(world.store.snapshot()).toEqual(before);
    expect(world.port.calls).toEqual([]);
    expect((await world.accounts.remove(world.as(world.operator), input)).isOk()).toBe(true);
  });

  it("an admin may take the data over themselves, and an heir of another organization is not found", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const bob = await world.seedUser(world.partner.id, "bob");
    const admin = world.as(world.partnerAdmin);
    const foreign = await world.accounts.remove(admin, { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, data: { mode: "transfer", toUserId: world.customerAdmin.id }, keepProfile: false });
    expect(foreign._unsafeUnwrapErr()).toMatchObject({ code: "not_found", id: world.customerAdmin.id });
    const toSelf = await world.accounts.remove(admin, { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, data: { mode: "transfer", toUserId: world.partnerAdmin.id }, keepProfile: false });
    expect(toSelf.isOk()).toBe(true);
    const own = await world.accounts.remove(admin, { organizationId: world.partner.id, userId: world.partnerAdmin.id, expectedVersion: world.partnerAdmin.version, data: { mode: "transfer", toUserId: bob.id }, keepProfile: false });
    expect(own._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "own_account" });
  });
});
