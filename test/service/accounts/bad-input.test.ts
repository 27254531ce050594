import { describe, expect, it } from "vitest";
import { setupAccountsWorld } from "./_world.js";

describe("bad input to the account commands is a typed error, and nothing changes", () => {
  it("wrong types are a validation error naming every field", async () => {
    const world = await setupAccountsWorld();
    const admin = world.as(world.partnerAdmin);
    const error = await world.expectRefused(
      () => world.accounts.block(admin, { organizationId: world.partner.id, userId: "bad id!", expectedVersion: -1, until: "tomorrow" } as never),
      { code: "validation" },
    );
    expect(error).toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ field: "userId" }),
        expect.objectContaining({ field: "expectedVersion" }),
        expect.objectContaining({ field: "until" }),
      ]),
    });
    await world.expectRefused(
      () => world.accounts.remove(admin, { organizationId: world.partner.id, userId: world.partnerAdmin.id, expectedVersion: 0, data: { mode: "archive" } } as never),
      { code: "validation", issues: expect.arrayContaining([expect.objectContaining({ field: "data.mode" }), expect.objectContaining({ field: "keepProfile" })]) },
    );
    await world.expectRefused(
      () => world.accounts.setWorkflowAccess(admin, { organizationId: world.partner.id, userId: world.partnerAdmin.id, expectedVersion: 0, granted: "yes" } as never),
      { code: "validation", field: "granted" },
    );
    await world.expectRefused(() => world.accounts.unblock(admin, null as never), { code: "validation" });
  });

  it("an over-long or blank block reason is refused", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const block = (reason: string) =>
      world.accounts.block(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, until: null, reason });
    await world.expectRefused(() => block("x".repeat(501)), { code: "validation", field: "reason" });
    await world.expectRefused(() => block("   "), { code: "validation", field: "reason" });
    await world.expectRefused(() => block("line\u0007bell"), { code: "validation", field: "reason" });
    expect((await block("x".repeat(500))).isOk()).toBe(true);
  });

  it("unknown ids and another organization's ids are not found", async () => {
    const world = await setupAccountsWorld();
    const carl = await world.seedUser(world.customer.id, "carl");
    const admin = world.as(world.partnerAdmin);
    await world.expectRefused(
      () => world.accounts.deactivate(admin, { organizationId: world.partner.id, userId: "usr_nobody", expectedVersion: 0 }),
      { code: "not_found", entity: "user", id: "usr_nobody" },
    );
    await world.expectRefused(
      () => world.accounts.deactivate(admin, { organizationId: "org_nowhere", userId: carl.id, expectedVersion: 0 }),
      { code: "not_found", entity: "organization", id: "org_nowhere" },
    );
    // Carl's id under the partner: not found there (and the partner admin may not act in the customer company at all).
    await world.expectRefused(
      () => world.accounts.deactivate(admin, { organizationId: world.partner.id, userId: carl.id, expectedVersion: carl.version }),
      { code: "not_found", entity: "user", id: carl.id },
    );
    await world.expectRefused(
      () => world.accounts.deactivate(admin, { organizationId: world.customer.id, userId: carl.id, expectedVersion: carl.version }),
      { code: "forbidden", rule: "no_standing" },
    );
    await world.expectRefused(
      () => world.accounts.requireTwoFactor({ type: "user", organizationId: world.partner.id, userId: "usr_ghost" } as never, {
        organizationId: world.partner.id, userId: world.partnerAdmin.id, expectedVersion: world.partnerAdmin.version,
      }),
      { code: "not_found", entity: "user", id: "usr_ghost" },
    );
  });
});
