/**
 * The partner portal's company screens: a company's record for its members and admins, and a partner's
 * list of its customer companies for the partner's admins.
 */
import { describe, expect, it } from "vitest";
import { setupWorld } from "../_harness.js";

describe("reading organizations", () => {
  it("members and admins read their organization with its version; others are refused", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const read = (await world.tenure.organizations.get(world.as(ann), { organizationId: world.partner.id }))._unsafeUnwrap();
    expect(read).toMatchObject({ id: world.partner.id, name: "Partner Co", kind: "partner", version: world.partner.version });
    const outsider = await world.tenure.organizations.get(world.as(world.customerAdmin), { organizationId: world.partner.id });
    expect(outsider._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "no_standing" });
  });

  it("a partner's admin lists its customers by name; a member of the partner may not", async () => {
    const world = await setupWorld();
    const admin = world.as(world.partnerAdmin);
    (await world.tenure.organizations.create(admin, { name: "Alpha Customer", kind: "customer", partnerId: world.partner.id }))._unsafeUnwrap();
    const customers = (await world.tenure.organizations.listCustomers(admin, { organizationId: world.partner.id }))._unsafeUnwrap();
    expect(customers.map((organization) => organization.name)).toEqual(["Alpha Customer", "Customer Co"]);
    expect(customers.every((organization) => organization.partnerId === world.partner.id)).toBe(true);
    const ann = await world.seedUser(world.partner.id, "ann");
    expect((await world.tenure.organizations.listCustomers(world.as(ann), { organizationId: world.partner.id }))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "manage_users" });
  });
});
