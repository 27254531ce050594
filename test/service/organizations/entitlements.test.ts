/**
 * Company-level permissions (the partner portal): "The available permissions depend on the permissions
 * assigned at the company level." Removing one caps the members at once, keeping their role
 * assignments; adding it back restores them. A partner's admin sets its customers' within its own.
 */
import { describe, expect, it } from "vitest";
import { systemActor, type OrganizationId, type User } from "tenure";
import { setupWorld, type World } from "../_harness.js";

const system = systemActor("setup");
const versionOf = async (world: World, organizationId: OrganizationId) => (await world.tenure.organizations.get(system, { organizationId }))._unsafeUnwrap().version;
const can = (world: World, user: User, permission: "documents.view" | "documents.edit" | "users.manage", organizationId = user.organizationId) =>
  world.tenure.access.can({ organizationId: user.organizationId, userId: user.id }, permission, { organizationId });

async function entitlementWorld() {
  const world = await setupWorld();
  const editor = await world.seedUser(world.customer.id, "ceditor", [{ role: "editor" }]);
  const set = async (organizationId: OrganizationId, entitlements: string[] | null, actor = world.as(world.operator)) =>
    world.tenure.organizations.setEntitlements(actor, { organizationId, expectedVersion: await versionOf(world, organizationId), entitlements });
  return { world, editor, set };
}

describe("organizations.setEntitlements", () => {
  it("removing a company-level permission caps the members at once, even when cached; the assignments are kept; adding it back restores them", async () => {
    const { world, editor, set } = await entitlementWorld();
    expect(await can(world, editor, "documents.edit")).toBe(true); // cached now
    const assignments = world.store.snapshot().assignments;
    (await set(world.customer.id, ["documents.view", "users.manage", "zone.access"]))._unsafeUnwrap();
    expect(await can(world, editor, "documents.edit")).toBe(false);
    expect(await can(world, editor, "documents.view")).toBe(true);
    expect(world.store.snapshot().assignments).toEqual(assignments);
    (await set(world.customer.id, ["documents.view", "documents.edit", "users.manage", "zone.access"]))._unsafeUnwrap();
    expect(await can(world, editor, "documents.edit")).toBe(true);
    const [restored, removed] = await world.audit(world.customer.id);
    expect(removed).toMatchObject({
      action: "organization.entitlements_set",
      before: { entitlements: null },
      after: { entitlements: ["documents.view", "users.manage", "zone.access"] },
    });
    expect(restored?.after).toEqual({ entitlements: ["documents.view", "documents.edit", "users.manage", "zone.access"] });
  });

  it("\"a user-level permission may require another\": taking the required one away takes the one that requires it too", async () => {
    const { world, editor, set } = await entitlementWorld();
    (await set(world.customer.id, ["documents.edit", "users.manage"]))._unsafeUnwrap();
    expect(await can(world, editor, "documents.edit")).toBe(false);
  });

  it("a partner's admin sets a customer's within the partner's own; the customer's own admin and the customer manager may not", async () => {
    const { world, set } = await entitlementWorld();
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    (await set(world.partner.id, ["documents.view", "documents.edit", "users.manage"]))._unsafeUnwrap();
    const before = world.store.snapshot();
    expect((await set(world.customer.id, ["documents.view"], world.as(world.customerAdmin)))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "partner_admin" });
    expect((await set(world.customer.id, ["documents.view"], world.as(manager)))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "partner_admin" });
    expect((await set(world.customer.id, ["documents.view", "zone.access"], world.as(world.partnerAdmin)))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "entitlement_missing", id: "zone.access" });
    expect((await set(world.customer.id, null, world.as(world.partnerAdmin)))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "entitlement_missing" });
    // A super admin too stays within the partner's: a customer's company permissions come from its partner.
    expect((await set(world.customer.id, ["zone.access"]))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "entitlement_missing" });
    // Its own company's are not the partner admin's to set.
    expect((await set(world.partner.id, null, world.as(world.partnerAdmin)))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "partner_admin" });
    expect(world.store.snapshot()).toEqual(before);
    expect((await set(world.customer.id, ["documents.view", "users.manage"], world.as(world.partnerAdmin)))._unsafeUnwrap().entitlements).toEqual(["documents.view", "users.manage"]);
  });

  it("a partner losing one caps its customers' members at once (at resolve time: their own entitlements stay), and getting it back restores them", async () => {
    const { world, editor, set } = await entitlementWorld();
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    expect(await can(world, editor, "documents.edit")).toBe(true);
    expect(await can(world, manager, "documents.edit", world.customer.id)).toBe(true);
    (await set(world.partner.id, ["documents.view", "users.manage", "zone.access"]))._unsafeUnwrap();
    expect(await can(world, editor, "documents.edit")).toBe(false);
    expect(await can(world, manager, "documents.edit", world.customer.id)).toBe(false);
    expect((await world.tenure.organizations.get(system, { organizationId: world.customer.id }))._unsafeUnwrap().entitlements).toBeNull();
    // Granting beyond the chain's cap is refused in the customer too.
    const granted = await world.tenure.roles.grant(world.as(world.customerAdmin), { organizationId: world.customer.id, principal: { type: "user", id: editor.id }, role: "company_admin" });
    expect(granted._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "entitlement_missing", id: "documents.edit" });
    (await set(world.partner.id, null))._unsafeUnwrap();
    expect(await can(world, editor, "documents.edit")).toBe(true);
    expect(await can(world, manager, "documents.edit", world.customer.id)).toBe(true);
  });

  it("entitlements that take the user-management permission from every lasting admin are refused (last_admin); nothing is written", async () => {
    const { world, set } = await entitlementWorld();
    const before = (await world.tenure.organizations.get(system, { organizationId: world.customer.id }))._unsafeUnwrap();
    const refused = await set(world.customer.id, ["documents.view"]);
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "last_admin", id: world.customer.id });
    expect((await world.tenure.organizations.get(system, { organizationId: world.customer.id }))._unsafeUnwrap()).toEqual(before);
    expect(await can(world, world.customerAdmin, "users.manage")).toBe(true);
  });

  it("unknown permissions are refused by index; a stale version is a conflict; nothing is written", async () => {
    const { world } = await entitlementWorld();
    const before = world.store.snapshot();
    const refused = await world.tenure.organizations.setEntitlements(world.as(world.operator), { organizationId: world.customer.id, expectedVersion: world.customer.version, entitlements: ["documents.view", "documents.print"] });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "entitlements.1" });
    const stale = await world.tenure.organizations.setEntitlements(world.as(world.operator), { organizationId: world.customer.id, expectedVersion: world.customer.version + 5, entitlements: [] });
    expect(stale._unsafeUnwrapErr()).toMatchObject({ code: "conflict" });
    expect(world.store.snapshot()).toEqual(before);
  });
});
