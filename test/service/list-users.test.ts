import { describe, expect, it } from "vitest";
import { setupWorld } from "./_harness.js";

describe("listing users as the viewer may see them", () => {
  it("admins see everyone, de-activated users included; internal users do not see de-activated ones; external users see their groups; guests themselves", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const gone = await world.seedUser(world.partner.id, "gone", [], { account: { status: "deactivated", reason: "access_expired" } });
    const eve = await world.seedUser(world.partner.id, "eve", [], { audience: "external" });
    const gus = await world.seedUser(world.partner.id, "gus", [], { audience: "guest" });
    (await world.tenure.groups.create(world.as(world.partnerAdmin), { organizationId: world.partner.id, name: "Shared", colour: "#123456" }))._unsafeUnwrap();
    const group = world.store.snapshot().groups[0]!;
    (await world.tenure.groups.addMembers(world.as(world.partnerAdmin), { organizationId: world.partner.id, groupId: group.id, expectedVersion: group.version, userIds: [eve.id, ann.id] }))._unsafeUnwrap();
    const names = async (viewer: typeof ann) =>
      (await world.tenure.users.list(world.as(viewer), { organizationId: world.partner.id, sort: { field: "username" } }))._unsafeUnwrap().items.map((user) => user.username);

    expect(await names(world.partnerAdmin)).toEqual(["ann", "eve", "gone", "gus", "operator", "padmin"]);
    expect(await names(ann)).toEqual(["ann", "eve", "gus", "operator", "padmin"]);
    expect(await names(eve)).toEqual(["ann", "eve"]);
    expect(await names(gus)).toEqual(["gus"]);
    void gone;
  });

  it("a member asking for de-activated users gets none; bad input is a validation error", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    await world.seedUser(world.partner.id, "gone", [], { account: { status: "deactivated", reason: "admin" } });
    const listed = await world.tenure.users.list(world.as(ann), { organizationId: world.partner.id, filter: { statuses: ["deactivated"] } });
    expect(listed._unsafeUnwrap().items).toEqual([]);
    const asAdmin = await world.tenure.users.list(world.as(world.partnerAdmin), { organizationId: world.partner.id, filter: { statuses: ["deactivated"] } });
    expect(asAdmin._unsafeUnwrap().items.map((user) => user.username)).toEqual(["gone"]);
    expect((await world.tenure.users.list(world.as(ann), { organizationId: world.partner.id, limit: 0 } as never))._unsafeUnwrapErr().code).toBe("validation");
  });
});
