/**
 * The partner portal's rules for "Forgot your password?" and invitations (seeds/001):
 *
 * - "(Optional) Clear Send sign in-invitation to user if you, for some reason, do not want the user to
 *   be able to sign in to the Portal."
 * - "If a user did not receive the invitation e-mail or has forgotten their password, company admins can
 *   trigger a password reset from within the Portal. The user can also use the "Forgot your
 *   password?"-link on the sign-in page to reset their sign-in."
 */
import { describe, expect, it } from "vitest";
import { setupCredentialsWorld, type CredentialsWorld } from "./_world.js";

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const PASSWORD = "a long chosen phrase";
const newUser = { username: "ann", fullName: "Ann Lee", email: "ann@customer.example" };

async function addAnn(world: CredentialsWorld, options: { readonly sendInvitation: boolean }) {
  const invited = await world.tenure.onboarding.invite(world.as(world.customerAdmin), {
    organizationId: world.customer.id,
    user: newUser,
    roles: [{ role: "editor" }],
    sendInvitation: options.sendInvitation,
  });
  return invited._unsafeUnwrap();
}

const forgot = (world: CredentialsWorld, login: string) => world.tenure.credentials.forgotPassword({ organizationId: world.customer.id, login });

describe("partner portal: \"Forgot your password?\" and the sign-in invitation", () => {
  it("\"do not want the user to be able to sign in\": a user added without the sign-in invitation gets no mail, the same answer as an unknown address, and no trace", async () => {
    const world = await setupCredentialsWorld();
    await addAnn(world, { sendInvitation: false });
    const before = world.store.snapshot();
    const links = world.links.length;
    const unknown = await forgot(world, "nobody@customer.example");
    for (const login of ["ann", "ann@customer.example"]) expect(await forgot(world, login)).toEqual(unknown);
    expect(world.store.snapshot()).toEqual(before); // no token, no mail, no audit event: as for nobody
    expect(world.links).toHaveLength(links);
    expect((await world.tenure.credentials.signIn({ organizationId: world.customer.id, login: "ann", password: PASSWORD }))._unsafeUnwrapErr()).toMatchObject({
      reason: "invalid_credentials",
    });
  });

  it("an uninvited user's request does the same store work as an unknown address's (comparable time)", async () => {
    const world = await setupCredentialsWorld();
    await addAnn(world, { sendInvitation: false });
    const callsFor = async (login: string) => {
      world.storeCalls.length = 0;
      (await world.credentials.forgotPassword({ organizationId: world.customer.id, login }))._unsafeUnwrap();
      return [...world.storeCalls].sort();
    };
    expect(await callsFor("ann@customer.example")).toEqual(await callsFor("nobody@customer.example"));
  });

  it("\"The user can also use the Forgot your password?-link\": an invited user who resets instead of accepting ends as if they had accepted the invitation", async () => {
    const world = await setupCredentialsWorld();
    const { user, invitation } = await addAnn(world, { sendInvitation: true });
    const invitationSecret = world.lastSecret();
    world.clock.advance(HOUR);
    (await forgot(world, "ann@customer.example"))._unsafeUnwrap();
    expect(world.links.at(-1)).toMatchObject({ purpose: "password_reset", userId: user.id });
    const page = (await world.tenure.credentials.inspectLink({ secret: world.lastSecret() }))._unsafeUnwrap();
    expect(page).toMatchObject({ purpose: "password_reset", acceptsInvitation: true });
    (await world.tenure.credentials.resetPassword({ secret: world.lastSecret(), password: PASSWORD }))._unsafeUnwrap();

    const snapshot = world.store.snapshot();
    expect(snapshot.users.find((stored) => stored.id === user.id)?.account).toEqual({ status: "active" });
    expect(snapshot.invitations.find((stored) => stored.id === invitation.id)?.state).toEqual({ status: "accepted", at: world.clock.now() });
    expect((await world.tenure.credentials.signIn({ organizationId: world.customer.id, login: "ann", password: PASSWORD }))._unsafeUnwrap()).toMatchObject({
      status: "signed_in",
      userId: user.id,
    });
    expect(await world.tenure.access.can({ organizationId: world.customer.id, userId: user.id }, "documents.edit", { organizationId: world.customer.id })).toBe(true);
    const events = (await world.audit(world.customer.id)).filter((event) => event.action === "user.password_reset");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: { type: "user", id: user.id },
      before: { hasPassword: false, account: { status: "invited" } },
      after: { hasPassword: true, account: { status: "active" } },
      details: { invitation: { id: invitation.id, status: "accepted" } },
    });
    // The invitation is done: its own link no longer works, and there is nothing left for the admin to invite.
    await world.expectRefused(() => world.tenure.onboarding.acceptInvitation({ secret: invitationSecret, password: "another long phrase" }), { code: "invalid_token" });
    expect((await world.tenure.onboarding.sendInvitation(world.as(world.customerAdmin), { organizationId: world.customer.id, userId: user.id }))._unsafeUnwrapErr()).toMatchObject({
      code: "invalid_state",
    });
  });

  it("the same through setPasswordWithLink, and through an admin's \"Reset Password\" for a user who \"did not receive the invitation e-mail\"", async () => {
    const world = await setupCredentialsWorld();
    const { user } = await addAnn(world, { sendInvitation: true });
    (await world.tenure.credentials.requestReset(world.as(world.customerAdmin), { organizationId: world.customer.id, userId: user.id }))._unsafeUnwrap();
    const done = (await world.tenure.credentials.setPasswordWithLink({ secret: world.lastSecret(), password: PASSWORD }))._unsafeUnwrap();
    expect(done).toEqual({ purpose: "password_reset", organizationId: world.customer.id, userId: user.id, invitationAccepted: true });
    expect(world.store.snapshot().users.find((stored) => stored.id === user.id)?.account).toEqual({ status: "active" });
  });

  it("an admin's reset is refused for a user added without the invitation, or whose invitation was revoked or expired: send it instead", async () => {
    const world = await setupCredentialsWorld();
    const admin = world.as(world.customerAdmin);
    const { user } = await addAnn(world, { sendInvitation: false });
    const reset = () => world.tenure.credentials.requestReset(admin, { organizationId: world.customer.id, userId: user.id });
    await world.expectRefused(reset, { code: "invalid_state", entity: "user", id: user.id, state: "invited" });
    (await world.tenure.onboarding.sendInvitation(admin, { organizationId: world.customer.id, userId: user.id }))._unsafeUnwrap();
    expect((await reset()).isOk()).toBe(true);
    world.clock.advance(8 * DAY); // the invitation (7 days) expired
    await world.expectRefused(reset, { code: "invalid_state" });
    (await forgot(world, "ann"))._unsafeUnwrap();
    expect(world.links.at(-1)?.purpose).toBe("password_reset"); // from the admin's reset before; forgot password issued nothing
    expect(world.links.filter((link) => link.purpose === "password_reset")).toHaveLength(1);
  });

  it("a reset link issued while the invitation was pending sets nothing once the invitation was revoked", async () => {
    const world = await setupCredentialsWorld();
    const { user } = await addAnn(world, { sendInvitation: true });
    (await forgot(world, "ann"))._unsafeUnwrap();
    const secret = world.lastSecret();
    (await world.tenure.onboarding.revokeInvitation(world.as(world.customerAdmin), { organizationId: world.customer.id, userId: user.id }))._unsafeUnwrap();
    await world.expectRefused(() => world.tenure.credentials.inspectLink({ secret }), { code: "invalid_state", state: "invited" });
    await world.expectRefused(() => world.tenure.credentials.resetPassword({ secret, password: PASSWORD }), { code: "invalid_state", state: "invited" });
    expect(world.credentialOf(user)?.passwordHash ?? null).toBeNull();
  });
});
