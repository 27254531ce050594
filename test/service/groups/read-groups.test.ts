/**
 * The group screens (the document workspace): administrators and internal users see every group,
 * external users only their own, guests none; members do not see de-activated users among the members.
 */
import { describe, expect, it } from "vitest";
import type { User } from "tenure";
import { setupWorld } from "../_harness.js";

async function teams() {
  const world = await setupWorld();
  const admin = world.as(world.partnerAdmin);
  const ann = await world.seedUser(world.partner.id, "ann");
  const eve = await world.seedUser(world.partner.id, "eve", [], { audience: "external" });
  const gus = await world.seedUser(world.partner.id, "gus", [], { audience: "guest" });
  const gone = await world.seedUser(world.partner.id, "gone", [], { account: { status: "deactivated", reason: "admin" } });
  const make = async (name: string, members: readonly User[]) => {
    const group = (await world.tenure.groups.create(admin, { organizationId: world.partner.id, name, colour: "#123456" }))._unsafeUnwrap();
    return (await world.tenure.groups.addMembers(admin, { organizationId: world.partner.id, groupId: group.id, expectedVersion: group.version, userIds: members.map((user) => user.id) }))._unsafeUnwrap();
  };
  const sales = await make("Sales", [ann, eve, gone]);
  const board = await make("Board", [ann]);
  return { world, ann, eve, gus, gone, sales, board };
}

describe("reading groups", () => {
  it("lists the groups the viewer may see, by name", async () => {
    const { world, ann, eve, gus } = await teams();
    const names = async (viewer: User) => (await world.tenure.groups.list(world.as(viewer), { organizationId: world.partner.id }))._unsafeUnwrap().map((group) => group.name);
    expect(await names(world.partnerAdmin)).toEqual(["Board", "Sales"]);
    expect(await names(ann)).toEqual(["Board", "Sales"]);
    expect(await names(eve)).toEqual(["Sales"]);
    expect(await names(gus)).toEqual([]);
  });

  it("admins see de-activated members, members do not; a group one may not see is not found", async () => {
    const { world, ann, eve, gone, sales, board } = await teams();
    const asAdmin = (await world.tenure.groups.get(world.as(world.partnerAdmin), { organizationId: world.partner.id, groupId: sales.id }))._unsafeUnwrap();
    expect(asAdmin).toMatchObject({ version: sales.version });
    expect(asAdmin.memberIds).toContain(gone.id);
    const asAnn = (await world.tenure.groups.get(world.as(ann), { organizationId: world.partner.id, groupId: sales.id }))._unsafeUnwrap();
    expect([...asAnn.memberIds].sort()).toEqual([ann.id, eve.id].sort());
    const hidden = await world.tenure.groups.get(world.as(eve), { organizationId: world.partner.id, groupId: board.id });
    expect(hidden._unsafeUnwrapErr()).toMatchObject({ code: "not_found", entity: "group" });
    const foreign = await world.tenure.groups.get(world.as(world.customerAdmin), { organizationId: world.customer.id, groupId: sales.id });
    expect(foreign._unsafeUnwrapErr()).toMatchObject({ code: "not_found" });
  });
});
