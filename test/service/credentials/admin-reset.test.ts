import { describe, expect, it } from "vitest";
import { setupCredentialsWorld } from "./_world.js";

describe("an admin triggers a password reset (partner portal: \"Reset Password\" on the user details page)", () => {
  it("an admin triggers a reset for a user of his company; a customer manager for a customer's user, not for his own company's", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const carl = await world.seedUser(world.customer.id, "carl");
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);

    const byAdmin = await world.credentials.requestReset(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id });
    expect(byAdmin._unsafeUnwrap()).toEqual({ userId: ann.id, expiresAt: new Date(world.clock.now().getTime() + 60 * 60_000) });
    expect(world.links.at(-1)).toMatchObject({ purpose: "password_reset", userId: ann.id });
    expect(world.outbox().at(-1)).toMatchObject({ template: "password_reset", to: { address: "ann@example.com" } });
    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({
      action: "user.password_reset_requested",
      actor: { type: "user", id: world.partnerAdmin.id },
      target: { entity: "user", id: ann.id },
      details: { requestedBy: "admin", invalidatedTokens: 0 },
    });
    expect((await world.credentials.resetPassword({ secret: world.lastSecret(), password: "a brand new phrase" })).isOk()).toBe(true);

    const byManager = await world.credentials.requestReset(world.as(manager), { organizationId: world.customer.id, userId: carl.id });
    expect(byManager._unsafeUnwrap().userId).toBe(carl.id);
    expect(world.outbox().at(-1)).toMatchObject({ organizationId: world.customer.id, to: { address: "carl@example.com" } });
    await world.expectRefused(() => world.credentials.requestReset(world.as(manager), { organizationId: world.partner.id, userId: ann.id }), {
      code: "forbidden",
      rule: "manage_users",
    });
  });

  it("nobody else may: a plain member, another company's admin", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const bob = await world.seedUser(world.partner.id, "bob", [{ role: "member" }]);
    await world.expectRefused(() => world.credentials.requestReset(world.as(bob), { organizationId: world.partner.id, userId: ann.id }), { code: "forbidden" });
    await world.expectRefused(() => world.credentials.requestReset(world.as(world.customerAdmin), { organizationId: world.partner.id, userId: ann.id }), {
      code: "forbidden",
    });
  });

  it("a second reset invalidates the first link; a blocked account may be reset, a removed one not, an unknown one is not found", async () => {
    const world = await setupCredentialsWorld();
    const admin = world.as(world.partnerAdmin);
    const bella = await world.seedUser(world.partner.id, "bella", [], { account: { status: "blocked", until: null, reason: "compromised" } });
    const rita = await world.seedUser(world.partner.id, "rita", [], { account: { status: "removed", at: world.clock.now() } });
    (await world.credentials.requestReset(admin, { organizationId: world.partner.id, userId: bella.id }))._unsafeUnwrap();
    const first = world.lastSecret();
    (await world.credentials.requestReset(admin, { organizationId: world.partner.id, userId: bella.id }))._unsafeUnwrap();
    await world.expectRefused(() => world.credentials.resetPassword({ secret: first, password: "a brand new phrase" }), { code: "invalid_token" });
    expect((await world.credentials.resetPassword({ secret: world.lastSecret(), password: "a brand new phrase" })).isOk()).toBe(true);
    expect((await world.credentials.signIn({ organizationId: world.partner.id, login: "bella", password: "a brand new phrase" }))._unsafeUnwrapErr()).toMatchObject({
      reason: "blocked",
    });

    await world.expectRefused(() => world.credentials.requestReset(admin, { organizationId: world.partner.id, userId: rita.id }), {
      code: "invalid_state",
      state: "removed",
    });
    await world.expectRefused(() => world.credentials.requestReset(admin, { organizationId: world.partner.id, userId: "usr_nobody" }), {
      code: "not_found",
      entity: "user",
    });
    // A user of another organization is not found here.
    await world.expectRefused(() => world.credentials.requestReset(admin, { organizationId: world.partner.id, userId: world.customerAdmin.id }), {
      code: "not_found",
    });
  });

  it("bad input is a validation error naming the field", async () => {
    const world = await setupCredentialsWorld();
    await world.expectRefused(() => world.credentials.requestReset(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: "bad id!" }), {
      code: "validation",
      field: "userId",
    });
  });
});
