import { ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import { checkToken, hashTokenSecret, issueToken, type TokenId, type TokenPurpose, type User } from "tenure";
import { setupCredentialsWorld, type CredentialsWorld } from "./_world.js";

/** Puts a token of a purpose straight into the store (set-up only) and returns its secret. */
async function storeToken(world: CredentialsWorld, user: User, purpose: TokenPurpose, secret: string): Promise<string> {
  const token = issueToken({
    id: `tok_seed_${purpose}` as TokenId,
    organizationId: user.organizationId,
    userId: user.id,
    purpose,
    secret,
    now: world.clock.now(),
    settings: { tokens: { invitationMinutes: 60, activationMinutes: 60, passwordResetMinutes: 60 } },
  });
  (await world.store.transaction((tx) => tx.tokens.insert(token)))._unsafeUnwrap();
  return secret;
}

describe("resetting a password with the mailed link", () => {
  it("a reset token cannot be used as an invitation token and vice versa", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const invitation = await storeToken(world, ann, "invitation", "invitation-secret-0123456789abcdefghijklmnopq");
    const activation = await storeToken(world, ann, "activation", "activation-secret-0123456789abcdefghijklmnopq");
    const reset = await storeToken(world, ann, "password_reset", "reset-secret-0123456789abcdefghijklmnopqrstuv");

    for (const secret of [invitation, activation]) {
      await world.expectRefused(() => world.credentials.resetPassword({ secret, password: "a brand new phrase" }), {
        code: "invalid_token",
        reason: "wrong_purpose",
      });
    }
    // The invitation side checks its tokens with the same rule: a reset secret is no invitation.
    const asInvitation = await world.store.transaction(async (tx) => ok(checkToken(await tx.tokens.findByHash(hashTokenSecret(reset)), reset, "invitation", world.clock.now())));
    expect(asInvitation._unsafeUnwrap()._unsafeUnwrapErr()).toMatchObject({ code: "invalid_token", reason: "wrong_purpose" });
    expect((await world.credentials.resetPassword({ secret: reset, password: "a brand new phrase" })).isOk()).toBe(true);
  });

  it("an unknown link is the same invalid_token error, with the same message, and changes nothing", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    (await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "ann" }))._unsafeUnwrap();
    const unknown = await world.expectRefused(() => world.credentials.resetPassword({ secret: "made-up", password: "a brand new phrase" }), {
      code: "invalid_token",
      reason: "unknown",
    });
    const used = await storeToken(world, ann, "password_reset", "used-secret-0123456789abcdefghijklmnopqrstuv");
    (await world.credentials.resetPassword({ secret: used, password: "a brand new phrase" }))._unsafeUnwrap();
    const again = await world.expectRefused(() => world.credentials.resetPassword({ secret: used, password: "a brand new phrase" }), { code: "invalid_token" });
    expect(again.message).toBe(unknown.message);
  });

  it("the new password must be at least 10 characters and not the username or e-mail; the link stays usable", async () => {
    const world = await setupCredentialsWorld();
    await world.seedUser(world.partner.id, "annabelle.lee");
    (await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "annabelle.lee" }))._unsafeUnwrap();
    const secret = world.lastSecret();
    const refused = async (password: string, code: string) => {
      const error = await world.expectRefused(() => world.credentials.resetPassword({ secret, password }), { code: "validation", field: "password" });
      expect(error).toMatchObject({ issues: [expect.objectContaining({ field: "password", code })] });
    };
    await refused("too-short", "password_too_short");
    await refused("x".repeat(1025), "password_too_long");
    await refused("AnnaBelle.Lee", "password_is_username");
    await refused("ANNABELLE.LEE@example.com", "password_is_email");
    expect((await world.credentials.resetPassword({ secret, password: "x".repeat(1024) })).isOk()).toBe(true);
  });

  it("a reset clears the lockout and a pending password change", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    (await world.credentials.setInitialPassword(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id, password: "initial phrase 1" }))._unsafeUnwrap();
    for (let attempt = 0; attempt < 5; attempt += 1) await world.credentials.signIn({ organizationId: world.partner.id, login: "ann", password: "wrong guess" });
    expect(world.credentialOf(ann)).toMatchObject({ mustChangePassword: true, lockedUntil: expect.any(Date) });
    (await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "ann" }))._unsafeUnwrap();
    (await world.credentials.resetPassword({ secret: world.lastSecret(), password: "a brand new phrase" }))._unsafeUnwrap();
    expect(world.credentialOf(ann)).toMatchObject({ mustChangePassword: false, failedAttempts: 0, lockedUntil: null });
    expect((await world.credentials.signIn({ organizationId: world.partner.id, login: "ann", password: "a brand new phrase" }))._unsafeUnwrap()).toEqual({
      status: "signed_in",
      organizationId: world.partner.id,
      userId: ann.id,
    });
  });

  it("two resets with the same link at once: exactly one succeeds", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    (await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "ann" }))._unsafeUnwrap();
    const secret = world.lastSecret();
    const results = await Promise.all([
      world.credentials.resetPassword({ secret, password: "first new phrase" }),
      world.credentials.resetPassword({ secret, password: "second new phrase" }),
    ]);
    expect(results.filter((result) => result.isOk())).toHaveLength(1);
    expect(results.find((result) => result.isErr())?._unsafeUnwrapErr()).toMatchObject({ code: "invalid_token" });
    expect((await world.audit(world.partner.id)).filter((event) => event.action === "user.password_reset" && event.target.id === ann.id)).toHaveLength(1);
  });

  it("a reset link of an invited user who was never sent an invitation sets no password (invalid_state) and stays usable", async () => {
    const world = await setupCredentialsWorld();
    const ivy = await world.seedUser(world.partner.id, "ivy", [], { account: { status: "invited" } });
    (await world.store.transaction((tx) => tx.credentials.update({ ...world.credentialOf(ivy)!, passwordHash: null })))._unsafeUnwrap();
    const secret = await storeToken(world, ivy, "password_reset", "reset-secret-0123456789abcdefghijklmnopqrstuv");
    await world.expectRefused(() => world.credentials.resetPassword({ secret, password: "a brand new phrase" }), {
      code: "invalid_state",
      entity: "user",
      id: ivy.id,
      state: "invited",
    });
    expect(world.credentialOf(ivy)?.passwordHash).toBeNull();
  });

  it("bad input is a validation error naming the field", async () => {
    const world = await setupCredentialsWorld();
    await world.expectRefused(() => world.credentials.resetPassword({ secret: "", password: "a brand new phrase" }), { code: "validation", field: "secret" });
    await world.expectRefused(() => world.credentials.resetPassword({ secret: "abc", password: 42 } as never), { code: "validation", field: "password" });
  });
});
