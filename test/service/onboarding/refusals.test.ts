import { describe, expect, it } from "vitest";
import { setupOnboardingWorld } from "./_world.js";

const ann = { username: "ann", fullName: "Ann Lee", email: "ann@example.org" };

describe("onboarding refusals: typed errors naming the culprit, and nothing written", () => {
  it("bad user data is a validation error naming each field", async () => {
    const world = await setupOnboardingWorld();
    const invite = (user: Record<string, unknown>) => () =>
      world.onboarding.invite(world.as(world.partnerAdmin), { organizationId: world.partner.id, user: { ...ann, ...user } as typeof ann });
    const error = await world.expectRefused(invite({ email: "ann.example.org", fullName: "Ann: Lee" }), { code: "validation" });
    expect(error).toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ field: "user.email", code: "email_malformed" }),
        expect.objectContaining({ field: "user.fullName", code: "full_name_forbidden_character" }),
      ]),
    });
    await world.expectRefused(invite({ username: "" }), { code: "validation", field: "user.username" });
    await world.expectRefused(invite({ source: { type: "directory", source: "directory", externalId: "x" } }), { code: "validation", field: "user" });
  });

  it("roles: an unknown role, a scope of another organization, an unknown scope kind or a role named twice are refused by name", async () => {
    const world = await setupOnboardingWorld();
    const invite = (roles: { role: string; scope?: { kind: string; id: string } }[]) => () =>
      world.onboarding.invite(world.as(world.partnerAdmin), { organizationId: world.partner.id, user: ann, roles: roles as never });
    const unknown = await world.expectRefused(invite([{ role: "editor" }, { role: "ghost" }]), { code: "validation", field: "roles.1.role" });
    expect(unknown.message).toContain('"ghost"');
    await world.expectRefused(invite([{ role: "editor", scope: { kind: "organization", id: world.customer.id } }]), {
      code: "validation",
      field: "roles.0.scope.id",
      issues: [expect.objectContaining({ code: "scope_outside_organization" })],
    });
    await world.expectRefused(invite([{ role: "zone_member", scope: { kind: "galaxy", id: "m31" } }]), { code: "validation", field: "roles.0.scope.kind" });
    await world.expectRefused(invite([{ role: "editor" }, { role: "editor" }]), { code: "validation", field: "roles.1", issues: [expect.objectContaining({ code: "duplicate_role" })] });
  });

  it("roles: nobody grants what they do not hold, what the organization is not entitled to, or where the role cannot be held", async () => {
    const world = await setupOnboardingWorld();
    const admin = world.as(world.partnerAdmin);
    await world.expectRefused(
      () => world.onboarding.invite(admin, { organizationId: world.partner.id, user: ann, roles: [{ role: "system_admin", scope: { kind: "platform", id: "platform" } }] }),
      { code: "forbidden", rule: "no_escalation", id: "system_admin" },
    );
    await world.expectRefused(() => world.onboarding.invite(admin, { organizationId: world.partner.id, user: ann, roles: [{ role: "zone_member" }] }), {
      code: "forbidden",
      rule: "role_scope",
    });
    const capped = (
      await world.tenure.organizations.create({ type: "system", name: "setup" }, { name: "Capped Co", entitlements: ["users.manage", "documents.view"] })
    )._unsafeUnwrap();
    await world.expectRefused(() => world.onboarding.invite(world.as(world.operator), { organizationId: capped.id, user: ann, roles: [{ role: "editor" }] }), {
      code: "forbidden",
      rule: "entitlement_missing",
      id: "documents.edit",
    });
  });

  it("another organization's ids: its users are not found, and acting in it needs its admin permission", async () => {
    const world = await setupOnboardingWorld();
    const customerUser = (await world.onboarding.invite(world.as(world.customerAdmin), { organizationId: world.customer.id, user: ann, sendInvitation: false }))._unsafeUnwrap().user;
    const admin = world.as(world.partnerAdmin);
    const sameIdElsewhere = { organizationId: world.partner.id, userId: customerUser.id };
    await world.expectRefused(() => world.onboarding.sendInvitation(admin, sameIdElsewhere), { code: "not_found", entity: "user", id: customerUser.id });
    await world.expectRefused(() => world.onboarding.sendActivation(admin, sameIdElsewhere), { code: "not_found", entity: "user" });
    await world.expectRefused(() => world.onboarding.activate(admin, { ...sameIdElsewhere, expectedVersion: 0 }), { code: "not_found", entity: "user" });
    await world.expectRefused(() => world.onboarding.sendInvitation(admin, { organizationId: world.customer.id, userId: customerUser.id }), {
      code: "forbidden",
      rule: "no_standing",
    });
    await world.expectRefused(() => world.onboarding.invite(admin, { organizationId: "org_nowhere", user: ann }), { code: "not_found", entity: "organization" });
    await world.expectRefused(() => world.onboarding.invite(admin, { organizationId: "bad id!", user: ann }), { code: "validation", field: "organizationId" });
  });

  it("an over-long personal message, or one with control characters, is refused on message", async () => {
    const world = await setupOnboardingWorld();
    const invite = (message: string) => () => world.onboarding.invite(world.as(world.partnerAdmin), { organizationId: world.partner.id, user: ann, message });
    await world.expectRefused(invite("x".repeat(4001)), { code: "validation", field: "message" });
    await world.expectRefused(invite("ring\u0007ring"), { code: "validation", field: "message" });
    expect((await invite("x".repeat(4000))()).isOk()).toBe(true);
  });

  it("a taken username is a duplicate; a duplicate full name or e-mail is a warning and the user is added", async () => {
    const world = await setupOnboardingWorld();
    const admin = world.as(world.partnerAdmin);
    await world.expectRefused(() => world.onboarding.invite(admin, { organizationId: world.partner.id, user: { ...ann, username: "PADMIN" } }), {
      code: "duplicate",
      field: "username",
    });
    const twin = (await world.onboarding.invite(admin, { organizationId: world.partner.id, user: { ...ann, fullName: "Padmin Test", email: "padmin@example.com" } }))._unsafeUnwrap();
    expect(twin.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: "warning", field: "user.fullName", code: "full_name_duplicate" }),
        expect.objectContaining({ severity: "warning", field: "user.email", code: "email_duplicate" }),
      ]),
    );
  });

  it("where only super admins add user data, an organization admin cannot invite", async () => {
    const world = await setupOnboardingWorld({ settings: { userDataEditors: "super_admins" } });
    await world.expectRefused(() => world.onboarding.invite(world.as(world.partnerAdmin), { organizationId: world.partner.id, user: ann }), {
      code: "forbidden",
      rule: "edit_user_data",
    });
    expect((await world.onboarding.invite(world.as(world.operator), { organizationId: world.partner.id, user: ann })).isOk()).toBe(true);
  });

  it("activating or verifying checks the version read and the account state", async () => {
    const world = await setupOnboardingWorld();
    const admin = world.as(world.partnerAdmin);
    const { user } = (await world.onboarding.invite(admin, { organizationId: world.partner.id, user: ann }))._unsafeUnwrap();
    await world.expectRefused(() => world.onboarding.activate(admin, { organizationId: world.partner.id, userId: user.id, expectedVersion: user.version + 1 }), {
      code: "conflict",
      expectedVersion: user.version + 1,
      actualVersion: user.version,
    });
    await world.expectRefused(() => world.onboarding.verify(admin, { organizationId: world.partner.id, userId: user.id, expectedVersion: user.version }), {
      code: "invalid_state",
      state: "invited",
    });
    const mia = await world.seedUser(world.partner.id, "mia", [{ role: "member" }]);
    await world.expectRefused(() => world.onboarding.activate(world.as(mia), { organizationId: world.partner.id, userId: user.id, expectedVersion: user.version }), {
      code: "forbidden",
      rule: "manage_users",
    });
    await world.expectRefused(() => world.onboarding.activate(admin, { organizationId: world.partner.id, userId: mia.id, expectedVersion: mia.version }), {
      code: "invalid_state",
      state: "active",
    });
  });

  it("a blocked admin invites nobody", async () => {
    const world = await setupOnboardingWorld();
    const blocked = await world.seedUser(world.partner.id, "blocky", [{ role: "company_admin" }], { account: { status: "blocked", until: null, reason: null } });
    await world.expectRefused(() => world.onboarding.invite(world.as(blocked), { organizationId: world.partner.id, user: ann }), { code: "forbidden" });
  });

  it("every successful command writes exactly one audit event", async () => {
    const world = await setupOnboardingWorld();
    const admin = world.as(world.partnerAdmin);
    const count = async () => (await world.audit(world.partner.id)).length;
    const start = await count();
    const { user } = (await world.onboarding.invite(admin, { organizationId: world.partner.id, user: ann, sendInvitation: false }))._unsafeUnwrap();
    expect(await count()).toBe(start + 1);
    (await world.onboarding.sendInvitation(admin, { organizationId: world.partner.id, userId: user.id }))._unsafeUnwrap();
    expect(await count()).toBe(start + 2);
    (await world.onboarding.resendInvitation(admin, { organizationId: world.partner.id, userId: user.id }))._unsafeUnwrap();
    expect(await count()).toBe(start + 3);
    (await world.onboarding.acceptInvitation({ secret: world.lastSecret(), password: "correct horse battery" }))._unsafeUnwrap();
    expect(await count()).toBe(start + 4);
  });

  it("a third-party user's access ends after the configured maximum", async () => {
    const world = await setupOnboardingWorld({ settings: { thirdParty: { enabled: true, maxAccessDays: 30 } } });
    const { user } = (
      await world.onboarding.invite(world.as(world.partnerAdmin), { organizationId: world.partner.id, user: { ...ann, thirdParty: true }, activate: true })
    )._unsafeUnwrap();
    // Invited on 2 March (UTC): the rest of that day plus 30 calendar days, so access ends at 00:00 on 2 April.
    expect(user.accessExpiresAt).toEqual(new Date("2026-04-02T00:00:00Z"));
  });

  it("a third-party user may be invited with a last day within the maximum; beyond it is refused naming the latest allowed day", async () => {
    const world = await setupOnboardingWorld({ settings: { thirdParty: { enabled: true, maxAccessDays: 30 } } });
    const admin = world.as(world.partnerAdmin);
    const { user } = (
      await world.onboarding.invite(admin, { organizationId: world.partner.id, user: { ...ann, thirdParty: true }, thirdPartyLastDay: "2026-03-15" })
    )._unsafeUnwrap();
    expect(user.accessExpiresAt).toEqual(new Date("2026-03-16T00:00:00Z"));
    const beyond = await world.onboarding.invite(admin, {
      organizationId: world.partner.id, user: { ...ann, username: "ann2", email: "ann2@example.com", thirdParty: true }, thirdPartyLastDay: "2026-06-01",
    });
    expect(beyond._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "thirdPartyLastDay" });
    expect(beyond._unsafeUnwrapErr().message).toContain("2026-04-01");
    const notThirdParty = await world.onboarding.invite(admin, {
      organizationId: world.partner.id, user: { ...ann, username: "ann3", email: "ann3@example.com" }, thirdPartyLastDay: "2026-03-15",
    });
    expect(notThirdParty._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "thirdPartyLastDay" });
  });

  it("a third-party user cannot be invited while third-party management is off", async () => {
    const world = await setupOnboardingWorld();
    const refused = await world.onboarding.invite(world.as(world.partnerAdmin), { organizationId: world.partner.id, user: { ...ann, thirdParty: true } });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "third_party_disabled" });
  });
});
