/**
 * Organization settings (`organizations.updateSettings`): the settings the manuals make configurable,
 * super admins only, audited with exactly what changed, in force from the next command. The zoned
 * workspace: who may edit user data ("any admin unless configured otherwise"), AdminsCanUpdateFromLDAP,
 * the third-party maximum ("default maximum 90 days, configurable"); the marketplace: "Force Verify User".
 */
import { describe, expect, it } from "vitest";
import { systemActor } from "tenure";
import { setupWorld, type World } from "../_harness.js";

const system = systemActor("setup");
const current = async (world: World) => (await world.tenure.organizations.get(system, { organizationId: world.partner.id }))._unsafeUnwrap();

describe("organizations.updateSettings", () => {
  it("a lockout threshold change changes the very next sign-in: 2 failures lock instead of 5", async () => {
    const world = await setupWorld();
    await world.seedUser(world.partner.id, "ann");
    const signIn = (password: string) => world.tenure.credentials.signIn({ organizationId: world.partner.id, login: "ann", password });
    (await world.tenure.organizations.updateSettings(world.as(world.operator), {
      organizationId: world.partner.id,
      expectedVersion: world.partner.version,
      settings: { signIn: { maxFailedAttempts: 2, lockoutMinutes: 30 } },
    }))._unsafeUnwrap();
    expect((await signIn("wrong 1"))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" });
    expect((await signIn("wrong 2"))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" });
    const locked = (await signIn("ann-password"))._unsafeUnwrapErr();
    expect(locked).toMatchObject({ reason: "locked", until: new Date(world.clock.now().getTime() + 30 * 60_000) });
    // The customer keeps the installation's lockout.
    await world.seedUser(world.customer.id, "bob");
    for (const attempt of [1, 2, 3]) await world.tenure.credentials.signIn({ organizationId: world.customer.id, login: "bob", password: `wrong ${attempt}` });
    expect((await world.tenure.credentials.signIn({ organizationId: world.customer.id, login: "bob", password: "bob-password" })).isOk()).toBe(true);
  });

  it("turning Force Verify on makes the next self sign-up wait for an admin; `null` gives the installation's value back", async () => {
    const world = await setupWorld();
    const signUp = (username: string) =>
      world.tenure.onboarding.signUp({ organizationId: world.partner.id, user: { username, fullName: `Supplier ${username}`, email: `${username}@example.com` }, password: "A-long-enough-password-1" });
    expect((await signUp("first"))._unsafeUnwrap().account).toEqual({ status: "active" });
    (await world.tenure.organizations.updateSettings(world.as(world.operator), { organizationId: world.partner.id, expectedVersion: (await current(world)).version, settings: { forceVerify: true } }))._unsafeUnwrap();
    expect((await signUp("second"))._unsafeUnwrap().account).toEqual({ status: "pending_verification" });
    (await world.tenure.organizations.updateSettings(world.as(world.operator), { organizationId: world.partner.id, expectedVersion: (await current(world)).version, settings: { forceVerify: null } }))._unsafeUnwrap();
    expect((await current(world)).settings).toEqual({});
    expect((await signUp("third"))._unsafeUnwrap().account).toEqual({ status: "active" });
  });

  it("who may edit user data: super admins only, from the next edit on", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const edit = (fullName: string, expectedVersion: number) =>
      world.tenure.users.update(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id, expectedVersion, changes: { fullName } });
    expect((await edit("Ann One", ann.version)).isOk()).toBe(true);
    (await world.tenure.organizations.updateSettings(world.as(world.operator), { organizationId: world.partner.id, expectedVersion: world.partner.version, settings: { userDataEditors: "super_admins" } }))._unsafeUnwrap();
    expect((await edit("Ann Two", ann.version + 1))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "edit_user_data" });
  });

  it("audits exactly the changed settings before and after (`null`: not overridden); unchanged ones are not listed", async () => {
    const world = await setupWorld();
    const operator = world.as(world.operator);
    (await world.tenure.organizations.updateSettings(operator, {
      organizationId: world.partner.id,
      expectedVersion: world.partner.version,
      settings: { directoryUpdaters: "super_admins", thirdParty: { enabled: true, maxAccessDays: 30 } },
    }))._unsafeUnwrap();
    const updated = (await world.tenure.organizations.updateSettings(operator, {
      organizationId: world.partner.id,
      expectedVersion: world.partner.version + 1,
      settings: { directoryUpdaters: "super_admins", thirdParty: { enabled: true, maxAccessDays: 60 }, tokens: { passwordResetMinutes: 15 } },
    }))._unsafeUnwrap();
    expect(updated.settings).toEqual({ directoryUpdaters: "super_admins", thirdParty: { enabled: true, maxAccessDays: 60 }, tokens: { passwordResetMinutes: 15 } });
    const [second, first] = await world.audit(world.partner.id);
    expect(first).toMatchObject({
      action: "organization.settings_updated",
      before: { directoryUpdaters: null, thirdParty: { enabled: null, maxAccessDays: null } },
      after: { directoryUpdaters: "super_admins", thirdParty: { enabled: true, maxAccessDays: 30 } },
    });
    expect(second?.before).toEqual({ thirdParty: { maxAccessDays: 30 }, tokens: { passwordResetMinutes: null } });
    expect(second?.after).toEqual({ thirdParty: { maxAccessDays: 60 }, tokens: { passwordResetMinutes: 15 } });
  });

  it("the third-party maximum set here bounds the next access window", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    (await world.tenure.organizations.updateSettings(world.as(world.operator), { organizationId: world.partner.id, expectedVersion: world.partner.version, settings: { thirdParty: { enabled: true, maxAccessDays: 10 } } }))._unsafeUnwrap();
    const made = (await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, change: { type: "make" } }))._unsafeUnwrap();
    expect(made.accessExpiresAt).not.toBeNull();
    const days = (made.accessExpiresAt!.getTime() - world.clock.now().getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(9);
    expect(days).toBeLessThanOrEqual(11);
  });

  it("is for super admins only; bad values and unknown settings are refused by field; a stale version is a conflict; nothing is written", async () => {
    const world = await setupWorld();
    const before = world.store.snapshot();
    const update = (actor: ReturnType<World["as"]>, settings: unknown, expectedVersion = world.partner.version) =>
      world.tenure.organizations.updateSettings(actor, { organizationId: world.partner.id, expectedVersion, settings } as never);
    expect((await update(world.as(world.partnerAdmin), { forceVerify: true }))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "super_admin" });
    const operator = world.as(world.operator);
    expect((await update(operator, { signIn: { maxFailedAttempts: 0 } }))._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "settings.signIn.maxFailedAttempts" });
    expect((await update(operator, { thirdParty: { maxAccessDays: 99999 } }))._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "settings.thirdParty.maxAccessDays" });
    const unknown = (await update(operator, { mailTemplates: {} }))._unsafeUnwrapErr();
    expect(unknown).toMatchObject({ code: "validation", field: "settings" });
    expect(unknown.message).toContain("mailTemplates");
    expect((await update(operator, { forceVerify: true }, world.partner.version + 1))._unsafeUnwrapErr()).toMatchObject({ code: "conflict" });
    expect(world.store.snapshot()).toEqual(before);
  });
});
