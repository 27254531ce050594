import { describe, expect, it } from "vitest";
import type { User } from "tenure";
import { setupAccountsWorld } from "./_world.js";
import { TEST_STORE } from "../_test-store.js";

describe("an organization never loses its last admin", () => {
  it("the last admin can be neither blocked, de-activated nor removed", async () => {
    const world = await setupAccountsWorld();
    // The customer company has one admin; the partner's customer manager acts there without being one of its admins.
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    const target = { organizationId: world.customer.id, userId: world.customerAdmin.id, expectedVersion: world.customerAdmin.version };
    const refusal = { code: "forbidden", rule: "last_admin", id: world.customer.id };
    await world.expectRefused(() => world.accounts.block(world.as(manager), { ...target, until: null }), refusal);
    await world.expectRefused(() => world.accounts.block(world.as(manager), { ...target, until: new Date(world.clock.now().getTime() + 60_000) }), refusal);
    await world.expectRefused(() => world.accounts.deactivate(world.as(manager), target), refusal);
    await world.expectRefused(() => world.accounts.remove(world.as(manager), { ...target, data: { mode: "delete" }, keepProfile: true }), refusal);
    await world.expectRefused(() => world.accounts.remove(world.as(world.operator), { ...target, data: { mode: "delete" }, keepProfile: false }), refusal);
    expect(world.port.calls).toEqual([]);

    // With a second admin in place, the first one can go.
    const second = await world.seedUser(world.customer.id, "second", [{ role: "company_admin" }]);
    expect((await world.accounts.deactivate(world.as(manager), target)).isOk()).toBe(true);
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
