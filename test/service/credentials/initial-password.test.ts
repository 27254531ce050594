import { describe, expect, it } from "vitest";
import { setupCredentialsWorld } from "./_world.js";

describe("an admin-set initial password (the manual's fallback, shared via a secure channel)", () => {
  it("an admin-set initial password is never mailed and must be changed at first sign-in: signIn says password_change_required, changePassword then signIn succeeds", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const outbox = world.outbox().length;
    const links = world.links.length;
    const set = await world.credentials.setInitialPassword(world.as(world.partnerAdmin), {
      organizationId: world.partner.id,
      userId: ann.id,
      password: "Bitwarden-Send-42",
    });
    expect(set._unsafeUnwrap()).toEqual({ organizationId: world.partner.id, userId: ann.id });
    expect(world.outbox()).toHaveLength(outbox); // never mailed
    expect(world.links).toHaveLength(links);
    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({
      action: "user.initial_password_set",
      actor: { type: "user", id: world.partnerAdmin.id },
      target: { entity: "user", id: ann.id },
      before: { mustChangePassword: false },
      after: { mustChangePassword: true },
      details: { passwordSet: true, mailed: false },
    });
    expect(JSON.stringify(event)).not.toMatch(/Bitwarden|scrypt/);

    const here = { organizationId: world.partner.id, login: "ann" };
    expect((await world.credentials.signIn({ ...here, password: "Bitwarden-Send-42" }))._unsafeUnwrapErr()).toMatchObject({
      code: "authentication",
      reason: "password_change_required",
    });
    expect((await world.credentials.signIn({ ...here, password: "ann-password" }))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" });

    // Refusals of the change: a wrong current password (counted, see sign-in), the same password again, a policy breach.
    const wrong = await world.credentials.changePassword({ ...here, currentPassword: "not it at all", newPassword: "my own phrase 7" });
    expect(wrong._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" });
    expect(world.credentialOf(ann)).toMatchObject({ failedAttempts: 2 });
    await world.expectRefused(() => world.credentials.changePassword({ ...here, currentPassword: "Bitwarden-Send-42", newPassword: "Bitwarden-Send-42" }), {
      code: "validation",
      field: "newPassword",
      issues: [expect.objectContaining({ code: "password_unchanged" })],
    });
    await world.expectRefused(() => world.credentials.changePassword({ ...here, currentPassword: "Bitwarden-Send-42", newPassword: "ANN@example.com" }), {
      code: "validation",
      field: "newPassword",
      issues: [expect.objectContaining({ code: "password_is_email" })],
    });

    const changed = await world.credentials.changePassword({ ...here, currentPassword: "Bitwarden-Send-42", newPassword: "my own phrase 7" });
    expect(changed._unsafeUnwrap()).toEqual({ organizationId: world.partner.id, userId: ann.id });
    expect(world.credentialOf(ann)).toMatchObject({ mustChangePassword: false, failedAttempts: 0, lockedUntil: null });
    expect((await world.credentials.signIn({ ...here, password: "my own phrase 7" }))._unsafeUnwrap()).toEqual({ status: "signed_in", organizationId: world.partner.id, userId: ann.id });
    expect((await world.credentials.signIn({ ...here, password: "Bitwarden-Send-42" }))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" });
    const actions = (await world.audit(world.partner.id)).map((entry) => entry.action);
    expect(actions.slice(0, 3)).toEqual(["user.signed_in", "user.password_changed", "user.initial_password_set"]);
  });

  it("a customer manager sets one for a customer's user, not for his own company's; a super admin's password only a super admin sets", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const carl = await world.seedUser(world.customer.id, "carl");
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    const password = "initial phrase 1";
    expect((await world.credentials.setInitialPassword(world.as(manager), { organizationId: world.customer.id, userId: carl.id, password })).isOk()).toBe(true);
    await world.expectRefused(() => world.credentials.setInitialPassword(world.as(manager), { organizationId: world.partner.id, userId: ann.id, password }), {
      code: "forbidden",
      rule: "manage_users",
    });
    await world.expectRefused(
      () => world.credentials.setInitialPassword(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: world.operator.id, password }),
      { code: "forbidden", rule: "super_admin_target" },
    );
    expect((await world.credentials.setInitialPassword(world.as(world.operator), { organizationId: world.partner.id, userId: ann.id, password })).isOk()).toBe(true);
  });

  it("the policy applies, a removed account gets none, and bad input is a validation error naming the field", async () => {
    const world = await setupCredentialsWorld();
    const admin = world.as(world.partnerAdmin);
    const ann = await world.seedUser(world.partner.id, "ann");
    const rita = await world.seedUser(world.partner.id, "rita", [], { account: { status: "removed", at: world.clock.now() } });
    await world.expectRefused(() => world.credentials.setInitialPassword(admin, { organizationId: world.partner.id, userId: ann.id, password: "short" }), {
      code: "validation",
      field: "password",
      issues: [expect.objectContaining({ code: "password_too_short" })],
    });
    await world.expectRefused(() => world.credentials.setInitialPassword(admin, { organizationId: world.partner.id, userId: rita.id, password: "initial phrase 1" }), {
      code: "invalid_state",
    });
    await world.expectRefused(() => world.credentials.setInitialPassword(admin, { organizationId: world.partner.id, userId: ann.id } as never), {
      code: "validation",
      field: "password",
    });
  });

  it("a user without any credential yet gets one", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    // Forget the seeded credential: put a user in whose credential never existed.
    const noCredential = { ...ann, id: "usr_nocred" as typeof ann.id, username: "nocred", email: "nocred@example.com" };
    (await world.store.transaction((tx) => tx.users.insert(noCredential)))._unsafeUnwrap();
    (await world.credentials.setInitialPassword(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: noCredential.id, password: "initial phrase 1" }))._unsafeUnwrap();
    expect(world.credentialOf(noCredential)).toMatchObject({ version: 0, mustChangePassword: true, passwordHash: expect.stringMatching(/^scrypt\$/) });
  });
});
