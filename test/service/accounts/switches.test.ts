import { describe, expect, it } from "vitest";
import type { User } from "tenure";
import { setupAccountsWorld, type AccountsWorld } from "./_world.js";

const organizationVersion = (world: AccountsWorld, id: string) => world.store.snapshot().organizations.find((org) => org.id === id)!.version;

describe("the contact person (partner portal: Make Contact Person)", () => {
  it("an admin makes a user the contact person; no privilege comes with it", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const made = await world.accounts.makeContactPerson(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: ann.id, expectedVersion: organizationVersion(world, world.partner.id),
    });
    expect(made._unsafeUnwrap()).toMatchObject({ id: world.partner.id, contactPersonId: ann.id });
    expect(await world.isAdmin(ann)).toBe(false);
    expect((await world.audit(world.partner.id))[0]).toMatchObject({
      action: "organization.contact_person_changed",
      target: { entity: "organization", id: world.partner.id },
      before: { contactPersonId: null },
      after: { contactPersonId: ann.id },
    });
  });

  it("a customer manager changes the contact person of a customer, not of his own company; a stale version conflicts", async () => {
    const world = await setupAccountsWorld();
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    const carl = await world.seedUser(world.customer.id, "carl");
    const paul = await world.seedUser(world.partner.id, "paul");
    const version = organizationVersion(world, world.customer.id);
    expect((await world.accounts.makeContactPerson(world.as(manager), { organizationId: world.customer.id, userId: carl.id, expectedVersion: version })).isOk()).toBe(true);
    await world.expectRefused(
      () => world.accounts.makeContactPerson(world.as(manager), { organizationId: world.partner.id, userId: paul.id, expectedVersion: organizationVersion(world, world.partner.id) }),
      { code: "forbidden", rule: "manage_users" },
    );
    await world.expectRefused(
      () => world.accounts.makeContactPerson(world.as(manager), { organizationId: world.customer.id, userId: world.customerAdmin.id, expectedVersion: version }),
      { code: "conflict", entity: "organization" },
    );
  });

  it("the contact person is a current user of the organization", async () => {
    const world = await setupAccountsWorld();
    const gone = await world.seedUser(world.partner.id, "gone", [], { account: { status: "deactivated", reason: "admin" } });
    const carl = await world.seedUser(world.customer.id, "carl");
    const make = (userId: string) =>
      world.accounts.makeContactPerson(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId, expectedVersion: organizationVersion(world, world.partner.id) } as never);
    await world.expectRefused(() => make(gone.id), { code: "invalid_state", state: "deactivated" });
    await world.expectRefused(() => make(carl.id), { code: "not_found", entity: "user" });
    expect((await make(world.partnerAdmin.id)).isOk()).toBe(true);
    await world.expectRefused(() => make(world.partnerAdmin.id), { code: "invalid_state", entity: "organization" });
  });
});

describe("two-factor authentication and workflow access (document workspace: activate 2FA, activate users for the workflow)", () => {
  it("an admin requires and releases 2FA; each change is logged once", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const input = (user: User) => ({ organizationId: world.partner.id, userId: user.id, expectedVersion: user.version });
    const required = (await world.accounts.requireTwoFactor(world.as(world.partnerAdmin), input(ann)))._unsafeUnwrap();
    expect(required.twoFactorRequired).toBe(true);
    await world.expectRefused(() => world.accounts.requireTwoFactor(world.as(world.partnerAdmin), input(required)), { code: "invalid_state" });
    world.clock.advance(1000);
    const released = (await world.accounts.releaseTwoFactor(world.as(world.partnerAdmin), input(required)))._unsafeUnwrap();
    expect(released.twoFactorRequired).toBe(false);
    const events = (await world.audit(world.partner.id)).filter((event) => event.target.id === ann.id);
    expect(events).toEqual([
      expect.objectContaining({ action: "user.two_factor_released", before: { twoFactorRequired: true }, after: { twoFactorRequired: false } }),
      expect.objectContaining({ action: "user.two_factor_required", before: { twoFactorRequired: false }, after: { twoFactorRequired: true } }),
    ]);
  });

  it("only a super admin switches a super admin's 2FA either way; members change nobody's", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const require = { organizationId: world.partner.id, userId: world.operator.id, expectedVersion: world.operator.version };
    await world.expectRefused(() => world.accounts.requireTwoFactor(world.as(world.partnerAdmin), require), { code: "forbidden", rule: "super_admin_target" });
    const operator = (await world.accounts.requireTwoFactor(world.as(world.operator), require))._unsafeUnwrap();
    const release = { organizationId: world.partner.id, userId: operator.id, expectedVersion: operator.version };
    await world.expectRefused(() => world.accounts.releaseTwoFactor(world.as(world.partnerAdmin), release), { code: "forbidden", rule: "super_admin_target" });
    await world.expectRefused(() => world.accounts.releaseTwoFactor(world.as(ann), release), { code: "forbidden", rule: "manage_users" });
    expect((await world.accounts.releaseTwoFactor(world.as(world.operator), release)).isOk()).toBe(true);
  });

  it("an admin grants and revokes workflow access", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const set = (user: User, granted: boolean) =>
      world.accounts.setWorkflowAccess(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: user.id, expectedVersion: user.version, granted });
    await world.expectRefused(() => set(ann, false), { code: "invalid_state" });
    const granted = (await set(ann, true))._unsafeUnwrap();
    expect(granted.workflowAccess).toBe(true);
    expect((await world.audit(world.partner.id))[0]).toMatchObject({ action: "user.workflow_access_granted", after: { workflowAccess: true } });
    world.clock.advance(1000);
    expect((await set(granted, false))._unsafeUnwrap().workflowAccess).toBe(false);
    expect((await world.audit(world.partner.id))[0]).toMatchObject({ action: "user.workflow_access_revoked", after: { workflowAccess: false } });
    await world.expectRefused(() => set(ann, true), { code: "conflict" });
  });

  it("a removed profile's switches no longer change", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [], { account: { status: "removed", at: world.clock.now() } });
    await world.expectRefused(
      () => world.accounts.setWorkflowAccess(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, granted: true }),
      { code: "invalid_state", state: "removed" },
    );
  });
});
