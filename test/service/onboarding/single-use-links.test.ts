import { describe, expect, it } from "vitest";
import type { Actor } from "tenure";
import { GOOD_PASSWORD, setupOnboardingWorld, type OnboardingWorld } from "./_world.js";

const DAY = 24 * 60 * 60 * 1000;
const ann = { username: "ann", fullName: "Ann Lee", email: "ann@example.org" };

async function invited(world: OnboardingWorld, options: { readonly activate?: boolean; readonly sendInvitation?: boolean } = {}) {
  const result = await world.onboarding.invite(world.as(world.partnerAdmin), { organizationId: world.partner.id, user: ann, roles: [{ role: "editor" }], ...options });
  return result._unsafeUnwrap();
}

function target(world: OnboardingWorld, userId: string): { organizationId: string; userId: string } {
  return { organizationId: world.partner.id, userId };
}

describe("single-use links: invitations and activations", () => {
  it("an invitation link works once: a second accept is invalid_token and changes nothing", async () => {
    const world = await setupOnboardingWorld();
    const { user } = await invited(world);
    const secret = world.lastSecret();
    expect((await world.onboarding.acceptInvitation({ secret, password: GOOD_PASSWORD })).isOk()).toBe(true);
    const error = await world.expectRefused(() => world.onboarding.acceptInvitation({ secret, password: "another password 123" }), { code: "invalid_token" });
    expect(error).toMatchObject({ reason: "used" });
    // The first password still holds; the second did not replace it.
    expect((await world.signIn(user, GOOD_PASSWORD)).isOk()).toBe(true);
  });

  it("of two concurrent accepts exactly one wins", async () => {
    const world = await setupOnboardingWorld();
    const { user } = await invited(world);
    const secret = world.lastSecret();
    const results = await Promise.all([
      world.onboarding.acceptInvitation({ secret, password: GOOD_PASSWORD }),
      world.onboarding.acceptInvitation({ secret, password: "a different passphrase" }),
    ]);
    expect(results.filter((result) => result.isOk())).toHaveLength(1);
    expect(results.filter((result) => result.isErr()).map((result) => result._unsafeUnwrapErr().code)).toEqual(["invalid_token"]);
    expect((await world.audit(world.partner.id)).filter((event) => event.action === "invitation.accepted")).toHaveLength(1);
    const winner = results[0]?.isOk() === true ? GOOD_PASSWORD : "a different passphrase";
    expect((await world.signIn(user, winner)).isOk()).toBe(true);
  });

  it("an expired invitation is invalid_token and changes nothing; resending it gives a new link with a new expiry", async () => {
    const world = await setupOnboardingWorld();
    const { user, invitation } = await invited(world);
    const stale = world.lastSecret();
    world.clock.advance(7 * DAY);
    const error = await world.expectRefused(() => world.onboarding.acceptInvitation({ secret: stale, password: GOOD_PASSWORD }), { code: "invalid_token" });
    expect(error).toMatchObject({ reason: "expired" });
    expect(world.current(user)?.account).toEqual({ status: "invited" });

    const resent = (await world.onboarding.resendInvitation(world.as(world.partnerAdmin), target(world, user.id)))._unsafeUnwrap();
    expect(resent).toMatchObject({ id: invitation.id, sentAt: world.clock.now(), expiresAt: new Date(world.clock.now().getTime() + 7 * DAY) });
    expect(resent.tokenId).not.toBe(invitation.tokenId);
    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({ action: "invitation.resent", details: { wasExpired: true } });
    expect((await world.outbox(world.partner.id)).filter((mail) => mail.template === "invitation")).toHaveLength(2);
    expect((await world.onboarding.acceptInvitation({ secret: world.lastSecret(), password: GOOD_PASSWORD })).isOk()).toBe(true);
  });

  it("resending rotates the link: the old one dies, the new one works", async () => {
    const world = await setupOnboardingWorld();
    const { user } = await invited(world);
    const first = world.lastSecret();
    world.clock.advance(DAY);
    (await world.onboarding.resendInvitation(world.as(world.partnerAdmin), target(world, user.id)))._unsafeUnwrap();
    const second = world.lastSecret();
    expect(second).not.toBe(first);
    const error = await world.expectRefused(() => world.onboarding.acceptInvitation({ secret: first, password: GOOD_PASSWORD }), { code: "invalid_token" });
    expect(error).toMatchObject({ reason: "used" });
    expect((await world.onboarding.acceptInvitation({ secret: second, password: GOOD_PASSWORD }))._unsafeUnwrap().account).toEqual({ status: "active" });
  });

  it("a revoked invitation's link is dead; the user stays invited, and may be invited again", async () => {
    const world = await setupOnboardingWorld();
    const { user, invitation } = await invited(world);
    const secret = world.lastSecret();
    const revoked = (await world.onboarding.revokeInvitation(world.as(world.partnerAdmin), target(world, user.id)))._unsafeUnwrap();
    expect(revoked.state).toEqual({ status: "revoked", at: world.clock.now(), by: world.partnerAdmin.id });
    expect(world.current(user)?.account).toEqual({ status: "invited" });
    expect(world.rolesOf(user)).toEqual([`editor@organization:${world.partner.id}`]);
    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({ action: "invitation.revoked", target: { entity: "user", id: user.id }, details: { invitationId: invitation.id, invalidatedTokens: 1 } });
    await world.expectRefused(() => world.onboarding.acceptInvitation({ secret, password: GOOD_PASSWORD }), { code: "invalid_token" });
    await world.expectRefused(() => world.onboarding.revokeInvitation(world.as(world.partnerAdmin), target(world, user.id)), { code: "invalid_state" });
    await world.expectRefused(() => world.onboarding.resendInvitation(world.as(world.partnerAdmin), target(world, user.id)), { code: "invalid_state" });

    const again = (await world.onboarding.sendInvitation(world.as(world.partnerAdmin), target(world, user.id)))._unsafeUnwrap();
    expect(again.id).not.toBe(invitation.id);
    expect(again).toMatchObject({ roles: [], state: { status: "pending" } });
    expect((await world.onboarding.acceptInvitation({ secret: world.lastSecret(), password: GOOD_PASSWORD })).isOk()).toBe(true);
  });

  it("a link of another purpose is refused: an activation link does not accept an invitation, nor the reverse", async () => {
    const world = await setupOnboardingWorld();
    const { user } = await invited(world, { activate: true });
    const invitationSecret = world.lastSecret();
    (await world.onboarding.sendActivation(world.as(world.partnerAdmin), target(world, user.id)))._unsafeUnwrap();
    const activationSecret = world.lastSecret();
    const wrong = await world.expectRefused(() => world.onboarding.acceptInvitation({ secret: activationSecret, password: GOOD_PASSWORD }), { code: "invalid_token" });
    expect(wrong).toMatchObject({ reason: "wrong_purpose" });
    await world.expectRefused(() => world.onboarding.completeActivation({ secret: invitationSecret, password: GOOD_PASSWORD }), { code: "invalid_token", reason: "wrong_purpose" });
    await world.expectRefused(() => world.onboarding.acceptInvitation({ secret: "no-such-secret", password: GOOD_PASSWORD }), { code: "invalid_token", reason: "unknown" });
    // Each still works for its own purpose.
    expect((await world.onboarding.completeActivation({ secret: activationSecret, password: GOOD_PASSWORD })).isOk()).toBe(true);
  });

  it("a weak password is a validation error on password, and the link stays usable", async () => {
    const world = await setupOnboardingWorld();
    await invited(world);
    const secret = world.lastSecret();
    const refusals = [
      { password: "too-short", code: "password_too_short" },
      { password: "ANN", code: "password_too_short" },
      { password: "ann@example.org", code: "password_is_email" },
    ];
    for (const { password, code } of refusals) {
      const error = await world.expectRefused(() => world.onboarding.acceptInvitation({ secret, password }), { code: "validation", field: "password" });
      expect(error.code === "validation" && error.issues[0]?.code).toBe(code);
    }
    const world2 = await setupOnboardingWorld();
    await world2.onboarding.invite(world2.as(world2.partnerAdmin), { organizationId: world2.partner.id, user: { ...ann, username: "annabelle-lee" } });
    await world2.expectRefused(() => world2.onboarding.acceptInvitation({ secret: world2.lastSecret(), password: "Annabelle-Lee" }), {
      code: "validation",
      field: "password",
      issues: [expect.objectContaining({ code: "password_is_username" })],
    });
    expect((await world.onboarding.acceptInvitation({ secret, password: GOOD_PASSWORD })).isOk()).toBe(true);
  });

  it("activation links rotate, expire, and are refused once the user has a password", async () => {
    const world = await setupOnboardingWorld();
    const { user } = await invited(world, { sendInvitation: false });
    const admin: Actor = world.as(world.partnerAdmin);
    (await world.onboarding.sendActivation(admin, target(world, user.id)))._unsafeUnwrap();
    const first = world.lastSecret();
    (await world.onboarding.sendActivation(admin, target(world, user.id)))._unsafeUnwrap();
    const second = world.lastSecret();
    await world.expectRefused(() => world.onboarding.completeActivation({ secret: first, password: GOOD_PASSWORD }), { code: "invalid_token", reason: "used" });
    world.clock.advance(7 * DAY);
    await world.expectRefused(() => world.onboarding.completeActivation({ secret: second, password: GOOD_PASSWORD }), { code: "invalid_token", reason: "expired" });
    (await world.onboarding.sendActivation(admin, target(world, user.id)))._unsafeUnwrap();
    // The user was only invited: completing the activation activates them.
    expect((await world.onboarding.completeActivation({ secret: world.lastSecret(), password: GOOD_PASSWORD }))._unsafeUnwrap().account).toEqual({ status: "active" });
    expect(await world.permissionsOf(user)).toEqual(["documents.view", "documents.edit"]);
    await world.expectRefused(() => world.onboarding.sendActivation(admin, target(world, user.id)), { code: "invalid_state", state: "password_set" });
    await world.expectRefused(() => world.onboarding.sendInvitation(admin, target(world, user.id)), { code: "invalid_state", state: "password_set" });
  });

  it("a link cannot bring back an account that was blocked or de-activated in the meantime", async () => {
    const world = await setupOnboardingWorld();
    const { user } = await invited(world, { activate: true });
    const secret = world.lastSecret();
    // Blocked behind the service's back (the account commands are another helper's): only the state matters here.
    const stored = world.current(user);
    if (stored === null) throw new Error("missing user");
    (await world.store.transaction(async (tx) => tx.users.update({ ...stored, account: { status: "blocked", until: null, reason: null } })))._unsafeUnwrap();
    await world.expectRefused(() => world.onboarding.acceptInvitation({ secret, password: GOOD_PASSWORD }), { code: "invalid_state", state: "blocked" });
  });
});
