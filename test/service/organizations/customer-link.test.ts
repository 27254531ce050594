/**
 * The customer link (the partner portal's "My Customers"): a customer manager "acts as an admin in all
 * customers' companies". A super admin makes an organization a customer of a partner, or ends the
 * link; the partner's delegated admin rights appear and disappear from the next command on, cached or not.
 */
import { describe, expect, it } from "vitest";
import { systemActor, type Organization } from "tenure";
import { setupWorld, type World } from "../_harness.js";

const system = systemActor("setup");

async function linkWorld() {
  const world = await setupWorld();
  const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
  const independent = (await world.tenure.organizations.create(system, { name: "Independent Co", kind: "customer" }))._unsafeUnwrap();
  const asManager = { organizationId: world.partner.id, userId: manager.id };
  return { world, manager, independent, asManager };
}

const fresh = async (world: World, organization: Organization): Promise<Organization> =>
  (await world.tenure.organizations.get(system, { organizationId: organization.id }))._unsafeUnwrap();

describe("organizations.linkCustomer", () => {
  it("makes an organization a customer: the partner's customer manager administers it from the next command, even after a cached no", async () => {
    const { world, manager, independent, asManager } = await linkWorld();
    // Asked (and cached) before the link: the manager is nobody there.
    expect(await world.tenure.access.can(asManager, "users.manage", { organizationId: independent.id })).toBe(false);
    const linked = await world.tenure.organizations.linkCustomer(world.as(world.operator), { organizationId: independent.id, expectedVersion: independent.version, partnerId: world.partner.id });
    expect(linked._unsafeUnwrap()).toMatchObject({ partnerId: world.partner.id, version: independent.version + 1 });
    expect(await world.tenure.access.can(asManager, "users.manage", { organizationId: independent.id })).toBe(true);
    // And the gate agrees: he adds a user there.
    const invited = await world.tenure.onboarding.invite(world.as(manager), { organizationId: independent.id, user: { username: "newbie", fullName: "New Bie", email: "newbie@example.com" } });
    expect(invited.isOk()).toBe(true);
    const events = await world.audit(independent.id);
    expect(events.find((event) => event.action === "organization.customer_linked")).toMatchObject({
      actor: { type: "user", id: world.operator.id },
      before: { partnerId: null },
      after: { partnerId: world.partner.id },
    });
  });

  it("ending the link takes the delegated rights away at once, even from a cached yes; roles and entitlements are kept", async () => {
    const { world, manager, asManager } = await linkWorld();
    const customer = world.customer;
    expect(await world.tenure.access.can(asManager, "users.manage", { organizationId: customer.id })).toBe(true); // cached
    const assignmentsBefore = world.store.snapshot().assignments;
    const unlinked = await world.tenure.organizations.unlinkCustomer(world.as(world.operator), { organizationId: customer.id, expectedVersion: customer.version });
    expect(unlinked._unsafeUnwrap()).toMatchObject({ partnerId: null, entitlements: customer.entitlements });
    expect(await world.tenure.access.can(asManager, "users.manage", { organizationId: customer.id })).toBe(false);
    const refused = await world.tenure.organizations.rename(world.as(manager), { organizationId: customer.id, expectedVersion: customer.version + 1, name: "Mine now" });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "no_standing" });
    expect(world.store.snapshot().assignments).toEqual(assignmentsBefore);
    const [event] = await world.audit(customer.id);
    expect(event).toMatchObject({ action: "organization.customer_unlinked", before: { partnerId: world.partner.id }, after: { partnerId: null } });
    // An organization that is no customer cannot be unlinked.
    const again = await world.tenure.organizations.unlinkCustomer(world.as(world.operator), { organizationId: customer.id, expectedVersion: customer.version + 1 });
    expect(again._unsafeUnwrapErr()).toMatchObject({ code: "invalid_state", state: "not_a_customer" });
  });

  it("a customer whose only admins are the partner's customer managers cannot be unlinked until it has an admin of its own (last_admin)", async () => {
    const { world, independent } = await linkWorld();
    const linked = (await world.tenure.organizations.linkCustomer(world.as(world.operator), { organizationId: independent.id, expectedVersion: independent.version, partnerId: world.partner.id }))._unsafeUnwrap();
    const refused = await world.tenure.organizations.unlinkCustomer(world.as(world.operator), { organizationId: independent.id, expectedVersion: linked.version });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "last_admin", id: independent.id });
    expect((await fresh(world, independent)).partnerId).toBe(world.partner.id);
    await world.seedUser(independent.id, "own-admin", [{ role: "company_admin" }]);
    const unlinked = await world.tenure.organizations.unlinkCustomer(world.as(world.operator), { organizationId: independent.id, expectedVersion: (await fresh(world, independent)).version });
    expect(unlinked._unsafeUnwrap()).toMatchObject({ partnerId: null });
  });

  it("a permission read before the link committed is not cached after it (the stamp is older than the invalidation)", async () => {
    const { world, independent, asManager } = await linkWorld();
    // The read of `can` starts, then the link commits while it is still reading.
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const original = world.store.transaction.bind(world.store);
    let first = true;
    (world.store as { transaction: typeof world.store.transaction }).transaction = (async (work: never) => {
      if (!first) return original(work);
      first = false;
      const result = await original(work);
      await paused;
      return result;
    }) as typeof world.store.transaction;
    const asked = world.tenure.access.can(asManager, "users.manage", { organizationId: independent.id });
    await new Promise((resolve) => setTimeout(resolve, 0));
    (world.store as { transaction: typeof world.store.transaction }).transaction = original;
    (await world.tenure.organizations.linkCustomer(world.as(world.operator), { organizationId: independent.id, expectedVersion: independent.version, partnerId: world.partner.id }))._unsafeUnwrap();
    release();
    expect(await asked).toBe(false); // it read the old rows
    expect(await world.tenure.access.can(asManager, "users.manage", { organizationId: independent.id })).toBe(true); // not from the cache
  });

  it("only super admins link and unlink (the partner's own admin, the customer manager and the customer's admin are refused)", async () => {
    const { world, manager, independent } = await linkWorld();
    const independentAdmin = await world.seedUser(independent.id, "iadmin", [{ role: "company_admin" }]);
    const before = world.store.snapshot();
    for (const actor of [world.partnerAdmin, manager, independentAdmin]) {
      const link = await world.tenure.organizations.linkCustomer(world.as(actor), { organizationId: independent.id, expectedVersion: independent.version, partnerId: world.partner.id });
      expect(link._unsafeUnwrapErr()).toMatchObject({ code: "forbidden" });
      const unlink = await world.tenure.organizations.unlinkCustomer(world.as(actor), { organizationId: world.customer.id, expectedVersion: world.customer.version });
      expect(unlink._unsafeUnwrapErr()).toMatchObject({ code: "forbidden" });
    }
    expect(world.store.snapshot()).toEqual(before);
  });

  it("refuses a partner that is not of a partner kind, a self link, a cycle, entitlements beyond the partner's, an unknown partner, a stale version; nothing is written", async () => {
    const { world, independent } = await linkWorld();
    const operator = world.as(world.operator);
    const capped = (await world.tenure.organizations.create(system, { name: "Capped Partner", kind: "partner", entitlements: ["documents.view"] }))._unsafeUnwrap();
    const before = world.store.snapshot();
    const link = (organization: Organization, partnerId: string, expectedVersion = organization.version) =>
      world.tenure.organizations.linkCustomer(operator, { organizationId: organization.id, expectedVersion, partnerId });
    // "Customer manager: This permission is only available for partners": a customer has no customers.
    expect((await link(independent, world.customer.id))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "partner_kind", id: world.customer.id });
    expect((await link(world.partner, world.partner.id))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "self_link" });
    // Capped Partner → Partner Co would be fine, but Partner Co → Capped Partner then closes a cycle.
    expect((await link(independent, capped.id))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "entitlement_missing" });
    expect((await link(independent, "org_nowhere"))._unsafeUnwrapErr()).toMatchObject({ code: "not_found", entity: "organization" });
    expect((await link(independent, world.partner.id, independent.version + 3))._unsafeUnwrapErr()).toMatchObject({ code: "conflict" });
    expect(world.store.snapshot()).toEqual(before);
    (await link(capped, world.partner.id))._unsafeUnwrap();
    const partner = await fresh(world, world.partner);
    expect((await link(partner, capped.id))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "link_cycle", id: world.partner.id });
  });

  it("a customer within the partner's entitlements may be linked; moving to another partner moves the delegated rights", async () => {
    const { world, asManager } = await linkWorld();
    const other = (await world.tenure.organizations.create(system, { name: "Other Partner", kind: "partner" }))._unsafeUnwrap();
    const otherManager = await world.seedUser(other.id, "othermanager", [{ role: "customer_manager" }]);
    const asOther = { organizationId: other.id, userId: otherManager.id };
    expect(await world.tenure.access.can(asManager, "users.manage", { organizationId: world.customer.id })).toBe(true);
    expect(await world.tenure.access.can(asOther, "users.manage", { organizationId: world.customer.id })).toBe(false);
    (await world.tenure.organizations.linkCustomer(world.as(world.operator), { organizationId: world.customer.id, expectedVersion: world.customer.version, partnerId: other.id }))._unsafeUnwrap();
    expect(await world.tenure.access.can(asManager, "users.manage", { organizationId: world.customer.id })).toBe(false);
    expect(await world.tenure.access.can(asOther, "users.manage", { organizationId: world.customer.id })).toBe(true);
  });
});
