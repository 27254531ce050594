import { describe, expect, it } from "vitest";
import { GOOD_PASSWORD, setupOnboardingWorld } from "./_world.js";

const newUser = { username: "ann", fullName: "Ann Lee", firstName: "Ann", lastName: "Lee", email: "ann@customer.example", phone: "+45 1234 5678" };

describe("partner portal: adding users", () => {
  it("an invitation the system sends (a set-up script) comes from the organization's team, not from the organization to itself", async () => {
    const world = await setupOnboardingWorld();
    (await world.onboarding.invite({ type: "system", name: "setup" }, { organizationId: world.customer.id, user: newUser }))._unsafeUnwrap();
    const [mail] = await world.outbox(world.customer.id);
    expect(mail?.subject).toBe("The Customer Co team invited you to Customer Co");
  });

  it("a company admin adds a user with permissions and the sign-in invitation; the user chooses a password through the link", async () => {
    const world = await setupOnboardingWorld();
    const invited = (
      await world.onboarding.invite(world.as(world.customerAdmin), { organizationId: world.customer.id, user: newUser, roles: [{ role: "editor" }] })
    )._unsafeUnwrap();
    expect(invited.user).toMatchObject({ account: { status: "invited" }, firstName: "Ann", lastName: "Lee", phone: "+45 1234 5678", invitedBy: world.customerAdmin.id });
    expect(invited.invitation).toMatchObject({ state: { status: "pending" }, email: newUser.email, invitedBy: world.customerAdmin.id, sentAt: world.clock.now() });
    expect(world.rolesOf(invited.user)).toEqual([`editor@organization:${world.customer.id}`]);

    const mails = await world.outbox(world.customer.id);
    expect(mails).toEqual([expect.objectContaining({ template: "invitation", to: { address: newUser.email, name: newUser.fullName }, status: "pending" })]);
    expect(mails[0]?.subject).toBe("Cadmin Test invited you to Customer Co");
    expect(world.links.at(-1)).toMatchObject({ purpose: "invitation", organizationId: world.customer.id, userId: invited.user.id });
    expect(mails[0]?.text).toContain(`https://app.example/invitation?token=${world.lastSecret()}`);

    const [event] = await world.audit(world.customer.id);
    expect(event).toMatchObject({
      action: "user.invited",
      actor: { type: "user", id: world.customerAdmin.id },
      target: { entity: "user", id: invited.user.id },
      before: null,
      after: { username: "ann", email: newUser.email, account: { status: "invited" }, roles: [{ role: "editor", scope: { kind: "organization", id: world.customer.id } }] },
      details: { defaultRoles: false, activated: false, invitation: { status: "pending" } },
    });

    const accepted = (await world.onboarding.acceptInvitation({ secret: world.lastSecret(), password: GOOD_PASSWORD }))._unsafeUnwrap();
    expect(accepted.account).toEqual({ status: "active" });
    expect(await world.permissionsOf(accepted)).toEqual(["documents.view", "documents.edit"]);
    expect((await world.signIn(accepted, GOOD_PASSWORD)).isOk()).toBe(true);
    expect(world.store.snapshot().invitations.find((invitation) => invitation.userId === accepted.id)?.state).toEqual({ status: "accepted", at: world.clock.now() });
    const [acceptance] = await world.audit(world.customer.id);
    expect(acceptance).toMatchObject({
      action: "invitation.accepted",
      actor: { type: "system", name: "invitation" },
      target: { entity: "user", id: accepted.id },
      before: { account: { status: "invited" } },
      after: { account: { status: "active" } },
    });
  });

  it("a user added without the invitation gets none; the admin sends it later", async () => {
    const world = await setupOnboardingWorld();
    const admin = world.as(world.customerAdmin);
    const invited = (await world.onboarding.invite(admin, { organizationId: world.customer.id, user: newUser, sendInvitation: false }))._unsafeUnwrap();
    expect(invited.invitation).toMatchObject({ sentAt: null, tokenId: null, expiresAt: null });
    expect(await world.outbox(world.customer.id)).toEqual([]);
    expect(world.links).toEqual([]);
    expect(world.store.snapshot().tokens.filter((token) => token.userId === invited.user.id)).toEqual([]);

    world.clock.advance(60 * 60 * 1000);
    const sent = (await world.onboarding.sendInvitation(admin, { organizationId: world.customer.id, userId: invited.user.id }))._unsafeUnwrap();
    expect(sent).toMatchObject({ id: invited.invitation.id, sentAt: world.clock.now(), state: { status: "pending" } });
    expect(await world.outbox(world.customer.id)).toEqual([expect.objectContaining({ template: "invitation", to: { address: newUser.email, name: newUser.fullName } })]);
    const [event] = await world.audit(world.customer.id);
    expect(event).toMatchObject({ action: "invitation.sent", actor: { type: "user", id: world.customerAdmin.id }, target: { entity: "user", id: invited.user.id } });

    // Sending it once more is refused (resend rotates the link instead), and changes nothing.
    await world.expectRefused(() => world.onboarding.sendInvitation(admin, { organizationId: world.customer.id, userId: invited.user.id }), {
      code: "invalid_state",
      state: "sent",
    });
    expect((await world.onboarding.acceptInvitation({ secret: world.lastSecret(), password: GOOD_PASSWORD })).isOk()).toBe(true);
    // Accepted: no invitation can be sent any more.
    await world.expectRefused(() => world.onboarding.sendInvitation(admin, { organizationId: world.customer.id, userId: invited.user.id }), {
      code: "invalid_state",
    });
  });

  it("a customer manager adds users to his customers' companies, not to his own", async () => {
    const world = await setupOnboardingWorld();
    const manager = await world.seedUser(world.partner.id, "cm", [{ role: "customer_manager" }]);
    const added = await world.onboarding.invite(world.as(manager), { organizationId: world.customer.id, user: newUser, roles: [{ role: "editor" }] });
    expect(added._unsafeUnwrap().user).toMatchObject({ organizationId: world.customer.id, invitedBy: manager.id });
    await world.expectRefused(
      () => world.onboarding.invite(world.as(manager), { organizationId: world.partner.id, user: { ...newUser, username: "bob", email: "bob@partner.example" } }),
      { code: "forbidden", rule: "manage_users" },
    );
    // Nor may a plain member add anyone.
    const member = await world.seedUser(world.customer.id, "mia", [{ role: "member" }]);
    await world.expectRefused(
      () => world.onboarding.invite(world.as(member), { organizationId: world.customer.id, user: { ...newUser, username: "bob", email: "bob@customer.example" } }),
      { code: "forbidden", rule: "manage_users" },
    );
  });

  it("the first user added to a new company becomes its contact person; the next ones do not", async () => {
    const world = await setupOnboardingWorld();
    const manager = await world.seedUser(world.partner.id, "cm", [{ role: "customer_manager" }]);
    const company = (
      await world.tenure.organizations.create(world.as(world.partnerAdmin), { name: "New Customer A/S", kind: "customer", partnerId: world.partner.id })
    )._unsafeUnwrap();
    expect(company.contactPersonId).toBeNull();
    const first = (
      await world.onboarding.invite(world.as(manager), { organizationId: company.id, user: newUser, roles: [{ role: "company_admin" }] })
    )._unsafeUnwrap();
    const stored = () => world.store.snapshot().organizations.find((organization) => organization.id === company.id);
    expect(stored()?.contactPersonId).toBe(first.user.id);
    const [event] = await world.audit(company.id);
    expect(event).toMatchObject({ action: "user.invited", details: { contactPerson: true } });

    const second = (
      await world.onboarding.invite(world.as(manager), { organizationId: company.id, user: { ...newUser, username: "bob", fullName: "Bob Berg", email: "bob@new.example" } })
    )._unsafeUnwrap();
    expect(stored()?.contactPersonId).toBe(first.user.id);
    expect(second.user.id).not.toBe(first.user.id);
    const [secondEvent] = await world.audit(company.id);
    expect(secondEvent).toMatchObject({ details: { contactPerson: false } });
  });
});
