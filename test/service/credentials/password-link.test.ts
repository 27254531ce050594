/**
 * One "set your password" page for every link: `credentials.setPasswordWithLink` finds the link's
 * purpose from its token and does what `acceptInvitation`, `completeActivation` or `resetPassword`
 * does; `credentials.inspectLink` renders the page without consuming the link.
 */
import { describe, expect, it } from "vitest";
import type { TokenPurpose } from "tenure";
import { setupCredentialsWorld, type CredentialsWorld } from "./_world.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const PASSWORD = "a long chosen phrase";

/** A link of each purpose, made the way the manuals make it, for a user of the partner company. */
async function linkFor(world: CredentialsWorld, purpose: TokenPurpose): Promise<{ readonly secret: string; readonly userId: string; readonly username: string }> {
  const admin = world.as(world.partnerAdmin);
  const organizationId = world.partner.id;
  if (purpose === "password_reset") {
    const ann = await world.seedUser(organizationId, "ann");
    (await world.tenure.credentials.forgotPassword({ organizationId, login: "ann" }))._unsafeUnwrap();
    return { secret: world.lastSecret(), userId: ann.id, username: "ann" };
  }
  const user = { username: "ivy", fullName: "Ivy Lee", email: "ivy@example.com" };
  if (purpose === "invitation") {
    const invited = (await world.tenure.onboarding.invite(admin, { organizationId, user }))._unsafeUnwrap();
    return { secret: world.lastSecret(), userId: invited.user.id, username: "ivy" };
  }
  // The marketplace's Case 2: invite with instant activation, then "Send Activation".
  const invited = (await world.tenure.onboarding.invite(admin, { organizationId, user, activate: true, sendInvitation: false }))._unsafeUnwrap();
  (await world.tenure.onboarding.sendActivation(admin, { organizationId, userId: invited.user.id }))._unsafeUnwrap();
  return { secret: world.lastSecret(), userId: invited.user.id, username: "ivy" };
}

/** The store with what is random masked: password hashes (salted), link secrets and their hashes. */
function comparable(world: CredentialsWorld) {
  const snapshot = world.store.snapshot();
  const masked = JSON.parse(JSON.stringify(snapshot).replace(/token=[A-Za-z0-9_-]+/g, "token=secret")) as typeof snapshot;
  return {
    ...masked,
    credentials: masked.credentials.map((credential) => ({ ...credential, passwordHash: credential.passwordHash === null ? null : "hash" })),
    tokens: masked.tokens.map((token) => ({ ...token, hash: "hash" })),
  };
}

/** The command a host called before `setPasswordWithLink` existed, for each purpose. */
function dedicated(world: CredentialsWorld, purpose: TokenPurpose, secret: string) {
  const input = { secret, password: PASSWORD };
  if (purpose === "invitation") return world.tenure.onboarding.acceptInvitation(input).map(() => undefined);
  if (purpose === "activation") return world.tenure.onboarding.completeActivation(input).map(() => undefined);
  return world.tenure.credentials.resetPassword(input).map(() => undefined);
}

const PURPOSES: readonly TokenPurpose[] = ["invitation", "activation", "password_reset"];

const EXPECTED: Record<TokenPurpose, { readonly action: string; readonly actor: Record<string, unknown>; readonly invitationAccepted: boolean }> = {
  invitation: { action: "invitation.accepted", actor: { type: "system", name: "invitation" }, invitationAccepted: true },
  activation: { action: "user.activation_completed", actor: { type: "system", name: "activation" }, invitationAccepted: false },
  password_reset: { action: "user.password_reset", actor: { type: "user" }, invitationAccepted: false },
};

describe("one page for every set-password link", () => {
  for (const purpose of PURPOSES) {
    it(`a ${purpose} link: the page shows its purpose and account, and submitting fulfils it, once`, async () => {
      const world = await setupCredentialsWorld();
      const { secret, userId, username } = await linkFor(world, purpose);

      const before = world.store.snapshot();
      const page = (await world.tenure.credentials.inspectLink({ secret }))._unsafeUnwrap();
      expect(page).toMatchObject({
        purpose,
        organizationId: world.partner.id,
        organizationName: "Partner Co",
        username,
        email: `${username}@example.com`,
        acceptsInvitation: EXPECTED[purpose].invitationAccepted,
        fields: ["password"],
        passwordPolicy: { minLength: 10, maxLength: 1024 },
      });
      expect(page.expiresAt.getTime()).toBeGreaterThan(world.clock.now().getTime());
      expect(world.store.snapshot()).toEqual(before); // inspecting writes nothing and consumes nothing

      const done = (await world.tenure.credentials.setPasswordWithLink({ secret, password: PASSWORD }))._unsafeUnwrap();
      expect(done).toEqual({ purpose, organizationId: world.partner.id, userId, invitationAccepted: EXPECTED[purpose].invitationAccepted });
      const [event] = await world.audit(world.partner.id);
      expect(event).toMatchObject({ action: EXPECTED[purpose].action, actor: EXPECTED[purpose].actor, target: { entity: "user", id: userId } });
      expect(JSON.stringify(event)).not.toContain(secret);
      expect((await world.tenure.credentials.signIn({ organizationId: world.partner.id, login: username, password: PASSWORD }))._unsafeUnwrap()).toMatchObject({
        status: "signed_in",
        userId,
      });

      // Used: the page and the submit both say so, and nothing changes.
      await world.expectRefused(() => world.tenure.credentials.inspectLink({ secret }), { code: "invalid_token", reason: "used" });
      await world.expectRefused(() => world.tenure.credentials.setPasswordWithLink({ secret, password: "another long phrase" }), {
        code: "invalid_token",
        reason: "used",
      });
    });

    it(`a ${purpose} link does through setPasswordWithLink exactly what its own command does (same records, same audit)`, async () => {
      const viaPage = await setupCredentialsWorld();
      const viaOwn = await setupCredentialsWorld();
      const a = await linkFor(viaPage, purpose);
      const b = await linkFor(viaOwn, purpose);
      (await viaPage.tenure.credentials.setPasswordWithLink({ secret: a.secret, password: PASSWORD }))._unsafeUnwrap();
      (await dedicated(viaOwn, purpose, b.secret))._unsafeUnwrap();
      expect(comparable(viaPage)).toEqual(comparable(viaOwn));
    });
  }

  it("an unknown, expired or used link is one invalid_token error on the page and on submit, and changes nothing", async () => {
    const world = await setupCredentialsWorld();
    for (const call of [
      () => world.tenure.credentials.inspectLink({ secret: "a-secret-nobody-issued" }).map(() => undefined),
      () => world.tenure.credentials.setPasswordWithLink({ secret: "a-secret-nobody-issued", password: PASSWORD }).map(() => undefined),
    ]) {
      const error = await world.expectRefused(call, { code: "invalid_token", reason: "unknown" });
      expect(error.message).toBe("This link is not valid any more. Ask for a new one.");
    }
    // A reset link lives an hour; an invitation seven days.
    const reset = await linkFor(world, "password_reset");
    const invitation = await linkFor(world, "invitation");
    world.clock.advance(60 * MINUTE);
    await world.expectRefused(() => world.tenure.credentials.inspectLink({ secret: reset.secret }), { code: "invalid_token", reason: "expired" });
    await world.expectRefused(() => world.tenure.credentials.setPasswordWithLink({ secret: reset.secret, password: PASSWORD }), {
      code: "invalid_token",
      reason: "expired",
    });
    expect((await world.tenure.credentials.inspectLink({ secret: invitation.secret })).isOk()).toBe(true);
    world.clock.advance(7 * DAY);
    await world.expectRefused(() => world.tenure.credentials.setPasswordWithLink({ secret: invitation.secret, password: PASSWORD }), {
      code: "invalid_token",
      reason: "expired",
    });
  });

  it("a weak password is a validation error on password; the link stays usable", async () => {
    const world = await setupCredentialsWorld();
    const { secret } = await linkFor(world, "invitation");
    await world.expectRefused(() => world.tenure.credentials.setPasswordWithLink({ secret, password: "ivy" }), { code: "validation", field: "password" });
    expect((await world.tenure.credentials.setPasswordWithLink({ secret, password: PASSWORD })).isOk()).toBe(true);
  });

  it("a revoked invitation's link and a de-activated account's link: the page answers what the submit would", async () => {
    const world = await setupCredentialsWorld();
    const admin = world.as(world.partnerAdmin);
    const invitation = await linkFor(world, "invitation");
    (await world.tenure.onboarding.revokeInvitation(admin, { organizationId: world.partner.id, userId: invitation.userId as never }))._unsafeUnwrap();
    const page = (await world.tenure.credentials.inspectLink({ secret: invitation.secret }))._unsafeUnwrapErr();
    const submit = (await world.tenure.credentials.setPasswordWithLink({ secret: invitation.secret, password: PASSWORD }))._unsafeUnwrapErr();
    expect(page).toMatchObject({ code: "invalid_token" });
    expect(submit).toEqual(page);

    const dora = await world.seedUser(world.partner.id, "dora");
    (await world.tenure.credentials.forgotPassword({ organizationId: world.partner.id, login: "dora" }))._unsafeUnwrap();
    const secret = world.lastSecret();
    (await world.tenure.accounts.deactivate(admin, { organizationId: world.partner.id, userId: dora.id, expectedVersion: dora.version }))._unsafeUnwrap();
    // A de-activated account keeps its state: the reset sets the password, sign-in still says not active.
    expect((await world.tenure.credentials.inspectLink({ secret }))._unsafeUnwrap()).toMatchObject({ purpose: "password_reset", acceptsInvitation: false });
    expect((await world.tenure.credentials.setPasswordWithLink({ secret, password: PASSWORD })).isOk()).toBe(true);
    expect((await world.tenure.credentials.signIn({ organizationId: world.partner.id, login: "dora", password: PASSWORD }))._unsafeUnwrapErr()).toMatchObject({
      reason: "not_active",
    });
  });

  it("a link of one purpose never does another's effect: each dedicated command refuses the other purposes' links", async () => {
    const world = await setupCredentialsWorld();
    const links = { invitation: await linkFor(world, "invitation"), password_reset: await linkFor(world, "password_reset") };
    const activationWorld = await setupCredentialsWorld();
    const activation = await linkFor(activationWorld, "activation");
    const refuse = async (w: CredentialsWorld, own: TokenPurpose, secret: string) => {
      for (const other of PURPOSES.filter((purpose) => purpose !== own)) {
        await w.expectRefused(() => dedicated(w, other, secret), { code: "invalid_token", reason: "wrong_purpose" });
      }
    };
    await refuse(world, "invitation", links.invitation.secret);
    await refuse(world, "password_reset", links.password_reset.secret);
    await refuse(activationWorld, "activation", activation.secret);

    // Through the page, each does its own effect only: the reset link of an active user accepts no invitation and activates nothing.
    const before = world.store.snapshot();
    (await world.tenure.credentials.setPasswordWithLink({ secret: links.password_reset.secret, password: PASSWORD }))._unsafeUnwrap();
    const after = world.store.snapshot();
    expect(after.invitations).toEqual(before.invitations);
    expect(after.users).toEqual(before.users);
    // The invitation link still accepts Ivy's invitation, and only it.
    expect((await world.tenure.credentials.setPasswordWithLink({ secret: links.invitation.secret, password: PASSWORD }))._unsafeUnwrap().purpose).toBe("invitation");
  });

  it("two submits of one link at once: exactly one succeeds", async () => {
    const world = await setupCredentialsWorld();
    const { secret } = await linkFor(world, "invitation");
    const results = await Promise.all([1, 2].map(() => world.tenure.credentials.setPasswordWithLink({ secret, password: PASSWORD })));
    expect(results.filter((result) => result.isOk())).toHaveLength(1);
    expect(results.find((result) => result.isErr())?._unsafeUnwrapErr()).toMatchObject({ code: "invalid_token" });
    expect((await world.audit(world.partner.id)).filter((event) => event.action === "invitation.accepted")).toHaveLength(1);
  });

  it("bad input is a validation error naming the field", async () => {
    const world = await setupCredentialsWorld();
    await world.expectRefused(() => world.tenure.credentials.setPasswordWithLink({ secret: "", password: PASSWORD }), { code: "validation", field: "secret" });
    await world.expectRefused(() => world.tenure.credentials.setPasswordWithLink({ secret: "abc", password: 42 } as never), { code: "validation", field: "password" });
    await world.expectRefused(() => world.tenure.credentials.inspectLink({ secret: "x".repeat(513) }), { code: "validation", field: "secret" });
  });
});
