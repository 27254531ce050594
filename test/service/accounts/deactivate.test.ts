import { describe, expect, it } from "vitest";
import { setupAccountsWorld } from "./_world.js";

describe("de-activating users (zoned workspace: settings kept for possible re-activation)", () => {
  it("a de-activated user keeps memberships and assignments and gets them back on re-activation", async () => {
    const world = await setupAccountsWorld();
    const zone = { kind: "zone", id: "zone_north" };
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "zone_member", scope: zone }]);
    const editors = await world.seedGroup(world.partner.id, "editors", [ann.id], [{ role: "editor" }]);
    const annRef = { organizationId: world.partner.id, userId: ann.id };
    const here = { organizationId: world.partner.id };
    const inZone = { organizationId: world.partner.id, scope: zone };
    expect(await world.access.can(annRef, "documents.edit", here)).toBe(true);
    expect(await world.access.can(annRef, "zone.access", inZone)).toBe(true);

    const deactivated = (await world.accounts.deactivate(world.as(world.partnerAdmin), { ...annRef, expectedVersion: ann.version }))._unsafeUnwrap();
    expect(deactivated.account).toEqual({ status: "deactivated", reason: "admin" });
    expect(await world.access.can(annRef, "documents.edit", here)).toBe(false);
    expect(await world.access.can(annRef, "zone.access", inZone)).toBe(false);
    const kept = world.store.snapshot();
    expect(kept.groups.find((group) => group.id === editors.id)?.memberIds).toEqual([ann.id]);
    expect(kept.assignments.filter((assignment) => assignment.principal.id === ann.id)).toHaveLength(1);

    const reactivated = (await world.accounts.reactivate(world.as(world.partnerAdmin), { ...annRef, expectedVersion: deactivated.version }))._unsafeUnwrap();
    expect(reactivated.account).toEqual({ status: "active" });
    expect(await world.access.can(annRef, "documents.edit", here)).toBe(true);
    expect(await world.access.can(annRef, "zone.access", inZone)).toBe(true);
    const actions = (await world.audit(world.partner.id)).map((event) => event.action);
    expect(actions.filter((action) => action.startsWith("user."))).toEqual(expect.arrayContaining(["user.deactivated", "user.reactivated"]));
    expect(actions.filter((action) => action.startsWith("user."))).toHaveLength(2);
  });

  it("invited and blocked accounts can be de-activated too; only a de-activated account can be re-activated", async () => {
    const world = await setupAccountsWorld();
    const ivy = await world.seedUser(world.partner.id, "ivy", [], { account: { status: "invited" } });
    const bea = await world.seedUser(world.partner.id, "bea", [], { account: { status: "blocked", until: null, reason: null } });
    const ann = await world.seedUser(world.partner.id, "ann");
    const admin = world.as(world.partnerAdmin);
    for (const user of [ivy, bea]) {
      const deactivated = await world.accounts.deactivate(admin, { organizationId: world.partner.id, userId: user.id, expectedVersion: user.version });
      expect(deactivated._unsafeUnwrap().account.status).toBe("deactivated");
    }
    await world.expectRefused(() => world.accounts.reactivate(admin, { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version }), {
      code: "invalid_state",
      entity: "user",
      id: ann.id,
      state: "active",
    });
  });

  it("nobody de-activates themselves, members de-activate nobody, and a stale version is a conflict", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const bob = await world.seedUser(world.partner.id, "bob", [{ role: "company_admin" }]);
    const input = (user: typeof ann) => ({ organizationId: world.partner.id, userId: user.id, expectedVersion: user.version });
    await world.expectRefused(() => world.accounts.deactivate(world.as(bob), input(bob)), { code: "forbidden", rule: "own_account" });
    await world.expectRefused(() => world.accounts.deactivate(world.as(ann), input(bob)), { code: "forbidden", rule: "manage_users" });
    await world.expectRefused(() => world.accounts.deactivate(world.as(bob), { ...input(ann), expectedVersion: ann.version + 3 }), { code: "conflict" });
  });
});
