/**
 * Renaming a company (the partner portal): company admins "can edit company info"; a customer manager
 * "acts as an admin in all customers' companies, but cannot make any changes in his own company";
 * super admins rename any.
 */
import { describe, expect, it } from "vitest";
import { setupWorld } from "../_harness.js";

describe("organizations.rename", () => {
  it("a company admin edits the company's name: trimmed, audited before and after, the version moves on", async () => {
    const world = await setupWorld();
    const renamed = await world.tenure.organizations.rename(world.as(world.customerAdmin), {
      organizationId: world.customer.id,
      expectedVersion: world.customer.version,
      name: "  Customer Europe  ",
    });
    expect(renamed._unsafeUnwrap()).toMatchObject({ name: "Customer Europe", version: world.customer.version + 1 });
    const [event] = await world.audit(world.customer.id);
    expect(event).toMatchObject({
      action: "organization.renamed",
      actor: { type: "user", id: world.customerAdmin.id },
      target: { entity: "organization", id: world.customer.id },
      before: { name: "Customer Co" },
      after: { name: "Customer Europe" },
    });
  });

  it("a customer manager renames the partner's customers, but makes no change in his own company", async () => {
    const world = await setupWorld();
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    const customer = await world.tenure.organizations.rename(world.as(manager), { organizationId: world.customer.id, expectedVersion: world.customer.version, name: "Managed Co" });
    expect(customer.isOk()).toBe(true);
    const own = await world.tenure.organizations.rename(world.as(manager), { organizationId: world.partner.id, expectedVersion: world.partner.version, name: "Mine" });
    expect(own._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "manage_users" });
  });

  it("a member who is no admin, and another company's admin, are refused; a super admin renames any", async () => {
    const world = await setupWorld();
    const member = await world.seedUser(world.customer.id, "cmember", [{ role: "member" }]);
    const input = { organizationId: world.customer.id, expectedVersion: world.customer.version, name: "Taken Over" };
    expect((await world.tenure.organizations.rename(world.as(member), input))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "manage_users" });
    expect((await world.tenure.organizations.rename(world.as(world.partnerAdmin), input))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "no_standing" });
    expect((await world.tenure.organizations.rename(world.as(world.operator), input))._unsafeUnwrap().name).toBe("Taken Over");
  });

  it("the name is validated like organizations.create (not blank, at most 200 characters); a stale version is a conflict; nothing is written", async () => {
    const world = await setupWorld();
    const before = world.store.snapshot();
    const rename = (name: string, expectedVersion = world.customer.version) =>
      world.tenure.organizations.rename(world.as(world.customerAdmin), { organizationId: world.customer.id, expectedVersion, name });
    expect((await rename("   "))._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "name" });
    expect((await rename("x".repeat(201)))._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "name" });
    expect((await rename("Fine", world.customer.version + 1))._unsafeUnwrapErr()).toMatchObject({ code: "conflict", entity: "organization" });
    expect(world.store.snapshot()).toEqual(before);
  });
});
