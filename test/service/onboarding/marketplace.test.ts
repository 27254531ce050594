import { describe, expect, it } from "vitest";
import { GOOD_PASSWORD, setupOnboardingWorld } from "./_world.js";

const service = { kind: "zone", id: "service-panel" } as const;
const supplier = { username: "ext-supplier", fullName: "Ext Supplier", email: "supplier@printing.example" };

describe("marketplace: onboarding an external supplier", () => {
  it("Case 1: invited without activation, the user holds nothing and cannot sign in; the admin activates; the user chooses a password through an activation link", async () => {
    const world = await setupOnboardingWorld();
    const admin = world.as(world.partnerAdmin);
    const invited = (
      await world.onboarding.invite(admin, { organizationId: world.partner.id, user: supplier, roles: [{ role: "zone_member", scope: service }], sendInvitation: false })
    )._unsafeUnwrap();
    const user = invited.user;
    expect(user.account).toEqual({ status: "invited" });
    expect(await world.permissionsOf(user)).toEqual([]);
    expect(await world.permissionsOf(user, service)).toEqual([]);
    expect((await world.signIn(user, GOOD_PASSWORD))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" });
    expect(world.store.snapshot().credentials.find((credential) => credential.userId === user.id)).toMatchObject({ passwordHash: null });
    expect(await world.outbox(world.partner.id)).toEqual([]);

    const activated = (await world.onboarding.activate(admin, { organizationId: world.partner.id, userId: user.id, expectedVersion: user.version }))._unsafeUnwrap();
    expect(activated.account).toEqual({ status: "active" });
    expect(await world.permissionsOf(user, service)).toEqual(["zone.access"]);
    // Active, but "the new account is still missing a password".
    expect((await world.signIn(user, GOOD_PASSWORD)).isErr()).toBe(true);

    const sent = (await world.onboarding.sendActivation(admin, { organizationId: world.partner.id, userId: user.id }))._unsafeUnwrap();
    const mails = await world.outbox(world.partner.id);
    expect(mails).toEqual([expect.objectContaining({ template: "activation", to: { address: supplier.email, name: supplier.fullName } })]);
    const secret = world.lastSecret();
    expect(world.links.at(-1)).toMatchObject({ purpose: "activation", userId: user.id, organizationId: world.partner.id });
    expect(mails[0]?.text).toContain(`https://app.example/activation?token=${secret}`);
    expect(mails[0]?.text).toContain(supplier.username);
    expect(sent.expiresAt).toEqual(new Date(world.clock.now().getTime() + 7 * 24 * 60 * 60 * 1000));

    const completed = await world.onboarding.completeActivation({ secret, password: GOOD_PASSWORD });
    expect(completed._unsafeUnwrap().account).toEqual({ status: "active" });
    expect((await world.signIn(user, GOOD_PASSWORD)).isOk()).toBe(true);
    // Nobody ever saw the password: no mail carries it.
    expect((await world.outbox(world.partner.id)).some((mail) => mail.text.includes(GOOD_PASSWORD) || (mail.html ?? "").includes(GOOD_PASSWORD))).toBe(false);

    const actions = (await world.audit(world.partner.id)).map((event) => event.action);
    expect(actions.slice(0, 4)).toEqual(["user.activation_completed", "user.activation_sent", "user.activated", "user.invited"]);
    const [completion] = await world.audit(world.partner.id);
    expect(completion).toMatchObject({ actor: { type: "system", name: "activation" }, target: { entity: "user", id: user.id } });
  });

  it("Case 2: invited with instant activation and exactly the chosen roles, the user holds no default role at any instant", async () => {
    const world = await setupOnboardingWorld();
    const admin = world.as(world.partnerAdmin);
    const invited = (
      await world.onboarding.invite(admin, { organizationId: world.partner.id, user: supplier, roles: [{ role: "zone_member", scope: service }], activate: true })
    )._unsafeUnwrap();
    const user = invited.user;
    // Right after the invitation: active, and only what the admin chose. No User Panel access, no window to revoke it in.
    expect(user.account).toEqual({ status: "active" });
    expect(await world.permissionsOf(user)).toEqual([]);
    expect(await world.permissionsOf(user, service)).toEqual(["zone.access"]);
    expect(world.rolesOf(user)).toEqual(["zone_member@zone:service-panel"]);
    expect(world.store.snapshot().assignments.some((assignment) => assignment.role === "member" && assignment.principal.id === user.id)).toBe(false);
    expect(invited.invitation.roles).toEqual([{ role: "zone_member", scope: service }]);

    // "At this moment the external user will receive an automatic e-mail" to choose their password: the invitation link.
    expect(await world.outbox(world.partner.id)).toEqual([expect.objectContaining({ template: "invitation", to: { address: supplier.email, name: supplier.fullName } })]);
    const accepted = (await world.onboarding.acceptInvitation({ secret: world.lastSecret(), password: GOOD_PASSWORD }))._unsafeUnwrap();
    expect(accepted.account).toEqual({ status: "active" });
    expect((await world.signIn(user, GOOD_PASSWORD)).isOk()).toBe(true);
    // Accepting grants nothing new.
    expect(world.rolesOf(user)).toEqual(["zone_member@zone:service-panel"]);
    expect(await world.permissionsOf(user)).toEqual([]);
  });

  it("without named roles, a new member gets the catalog's default roles", async () => {
    const world = await setupOnboardingWorld();
    const invited = (await world.onboarding.invite(world.as(world.partnerAdmin), { organizationId: world.partner.id, user: supplier, activate: true }))._unsafeUnwrap();
    expect(world.rolesOf(invited.user)).toEqual([`member@organization:${world.partner.id}`]);
    expect(await world.permissionsOf(invited.user)).toEqual(["documents.view"]);
    expect(invited.invitation.roles).toEqual([{ role: "member", scope: { kind: "organization", id: world.partner.id } }]);
  });

  it("Case 3: a self sign-up under Force Verify waits, holding nothing, until an admin verifies it", async () => {
    const world = await setupOnboardingWorld({ settings: { forceVerify: true } });
    const signedUp = (await world.onboarding.signUp({ organizationId: world.partner.id, user: supplier, password: GOOD_PASSWORD }))._unsafeUnwrap();
    expect(signedUp).toMatchObject({ account: { status: "pending_verification" }, audience: "external", invitedBy: null });
    expect(world.rolesOf(signedUp)).toEqual([`member@organization:${world.partner.id}`]);
    expect(await world.permissionsOf(signedUp)).toEqual([]);
    expect((await world.signIn(signedUp, GOOD_PASSWORD))._unsafeUnwrapErr()).toMatchObject({ reason: "not_active" });
    const [signUpEvent] = await world.audit(world.partner.id);
    expect(signUpEvent).toMatchObject({ action: "user.signed_up", actor: { type: "system", name: "sign-up" }, details: { awaitingVerification: true } });

    const verified = await world.onboarding.verify(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: signedUp.id, expectedVersion: signedUp.version });
    expect(verified._unsafeUnwrap().account).toEqual({ status: "active" });
    expect(await world.permissionsOf(signedUp)).toEqual(["documents.view"]);
    expect((await world.signIn(signedUp, GOOD_PASSWORD)).isOk()).toBe(true);
    const [verifyEvent] = await world.audit(world.partner.id);
    expect(verifyEvent).toMatchObject({
      action: "user.verified",
      actor: { type: "user", id: world.partnerAdmin.id },
      before: { account: { status: "pending_verification" } },
      after: { account: { status: "active" } },
    });
    // Verifying twice is refused: the account is not pending any more.
    await world.expectRefused(
      () => world.onboarding.verify(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: signedUp.id, expectedVersion: signedUp.version + 1 }),
      { code: "invalid_state", state: "active" },
    );
  });

  it("without Force Verify, a self sign-up is active at once; it never becomes the contact person", async () => {
    const world = await setupOnboardingWorld();
    const signedUp = (await world.onboarding.signUp({ organizationId: world.partner.id, user: supplier, password: GOOD_PASSWORD }))._unsafeUnwrap();
    expect(signedUp.account).toEqual({ status: "active" });
    expect((await world.signIn(signedUp, GOOD_PASSWORD)).isOk()).toBe(true);
    expect(world.store.snapshot().organizations.find((organization) => organization.id === world.partner.id)?.contactPersonId).toBeNull();
  });

  it("a sign-up refuses a weak password and privileges nobody grants themselves, and tells a stranger nothing about other users", async () => {
    const world = await setupOnboardingWorld();
    const signUp = (input: Record<string, unknown>) => () => world.onboarding.signUp({ organizationId: world.partner.id, user: supplier, password: GOOD_PASSWORD, ...input } as never);
    await world.expectRefused(signUp({ password: "short" }), { code: "validation", field: "password" });
    await world.expectRefused(signUp({ password: "EXT-SUPPLIER" }), { code: "validation", field: "password" });
    await world.expectRefused(signUp({ password: "Supplier@Printing.EXAMPLE" }), { code: "validation", field: "password" });
    await world.expectRefused(signUp({ user: { ...supplier, workflowAccess: true } }), { code: "validation", field: "user" });
    // A duplicate e-mail is a warning for the admins (in the audit event), not an answer to the stranger.
    const twin = (await world.onboarding.signUp({ organizationId: world.partner.id, user: { ...supplier, username: "twin", email: "padmin@example.com" }, password: GOOD_PASSWORD }))._unsafeUnwrap();
    expect(Object.keys(twin)).not.toContain("warnings");
    const [event] = await world.audit(world.partner.id);
    expect(event?.details).toMatchObject({ warnings: [expect.objectContaining({ field: "user.email", code: "email_duplicate" })] });
  });
});
