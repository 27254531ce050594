/**
 * The document workspace: admins "activate 2FA" in the user administration (`accounts.requireTwoFactor`).
 * `signIn` tells the host when the account requires a second factor, only after the right password,
 * with the lockout counting as before.
 */
import { describe, expect, it } from "vitest";
import type { User } from "tenure";
import { setupCredentialsWorld, type CredentialsWorld } from "./_world.js";

async function requireTwoFactor(world: CredentialsWorld, user: User) {
  return (await world.tenure.accounts.requireTwoFactor(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: user.id, expectedVersion: user.version }))._unsafeUnwrap();
}

describe("sign-in with a second factor required", () => {
  it("the right password answers second_factor_required with the account; released, it signs in again", async () => {
    const world = await setupCredentialsWorld();
    const ann = await requireTwoFactor(world, await world.seedUser(world.partner.id, "ann"));
    const signIn = (password: string) => world.tenure.credentials.signIn({ organizationId: world.partner.id, login: "ann", password });

    const pending = (await signIn("ann-password"))._unsafeUnwrap();
    expect(pending).toEqual({ status: "second_factor_required", account: { organizationId: world.partner.id, userId: ann.id } });
    expect("userId" in pending).toBe(false); // no session can be started from it by mistake
    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({ action: "user.password_verified", actor: { type: "user", id: ann.id }, details: { secondFactorRequired: true } });

    const released = (await world.tenure.accounts.releaseTwoFactor(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version }))._unsafeUnwrap();
    expect(released.twoFactorRequired).toBe(false);
    expect((await signIn("ann-password"))._unsafeUnwrap()).toEqual({ status: "signed_in", organizationId: world.partner.id, userId: ann.id });
  });

  it("never told before the password is right: a wrong password is invalid_credentials, like an unknown login, and counts towards the lockout", async () => {
    const world = await setupCredentialsWorld();
    const ann = await requireTwoFactor(world, await world.seedUser(world.partner.id, "ann"));
    const signIn = (login: string, password: string) => world.tenure.credentials.signIn({ organizationId: world.partner.id, login, password });
    const wrong = (await signIn("ann", "not the password"))._unsafeUnwrapErr();
    expect(wrong).toEqual((await signIn("nobody", "not the password"))._unsafeUnwrapErr());
    expect(world.credentialOf(ann)?.failedAttempts).toBe(1);
    // The right password clears the count, as any right password does.
    expect((await signIn("ann", "ann-password"))._unsafeUnwrap().status).toBe("second_factor_required");
    expect(world.credentialOf(ann)?.failedAttempts).toBe(0);
    // Five wrong ones lock the account; then even the right password learns only of the lock.
    for (let attempt = 0; attempt < 5; attempt += 1) await signIn("ann", `wrong guess ${attempt}`);
    expect((await signIn("ann", "ann-password"))._unsafeUnwrapErr()).toMatchObject({ reason: "locked" });
  });

  it("the account's standing and a pending password change come before the second factor", async () => {
    const world = await setupCredentialsWorld();
    const ann = await requireTwoFactor(world, await world.seedUser(world.partner.id, "ann"));
    const admin = world.as(world.partnerAdmin);
    (await world.tenure.credentials.setInitialPassword(admin, { organizationId: world.partner.id, userId: ann.id, password: "an initial phrase" }))._unsafeUnwrap();
    const signIn = (password: string) => world.tenure.credentials.signIn({ organizationId: world.partner.id, login: "ann", password });
    expect((await signIn("an initial phrase"))._unsafeUnwrapErr()).toMatchObject({ reason: "password_change_required" });
    (await world.tenure.credentials.changePassword({ organizationId: world.partner.id, login: "ann", currentPassword: "an initial phrase", newPassword: "my own long phrase" }))._unsafeUnwrap();
    expect((await signIn("my own long phrase"))._unsafeUnwrap().status).toBe("second_factor_required");
    const current = world.store.snapshot().users.find((user) => user.id === ann.id)!;
    (await world.tenure.accounts.block(admin, { organizationId: world.partner.id, userId: ann.id, expectedVersion: current.version, until: null }))._unsafeUnwrap();
    expect((await signIn("my own long phrase"))._unsafeUnwrapErr()).toMatchObject({ reason: "blocked" });
  });
});
