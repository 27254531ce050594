/**
 * Reading one user for a profile or edit screen: the same visibility as the user list (the document
 * workspace's audiences, the zoned workspace's greyed-out de-activated users for admins), with the
 * version every command on the user takes.
 */
import { describe, expect, it } from "vitest";
import type { User } from "tenure";
import { setupWorld } from "./_harness.js";

async function people() {
  const world = await setupWorld();
  const ann = await world.seedUser(world.partner.id, "ann");
  const gone = await world.seedUser(world.partner.id, "gone", [], { account: { status: "deactivated", reason: "admin" } });
  const eve = await world.seedUser(world.partner.id, "eve", [], { audience: "external" });
  const gus = await world.seedUser(world.partner.id, "gus", [], { audience: "guest" });
  const admin = world.as(world.partnerAdmin);
  const group = (await world.tenure.groups.create(admin, { organizationId: world.partner.id, name: "Shared", colour: "#123456" }))._unsafeUnwrap();
  (await world.tenure.groups.addMembers(admin, { organizationId: world.partner.id, groupId: group.id, expectedVersion: group.version, userIds: [eve.id, ann.id] }))._unsafeUnwrap();
  return { world, ann, gone, eve, gus };
}

describe("reading one user", () => {
  it("returns the user with the version the next command takes", async () => {
    const { world, ann } = await people();
    const admin = world.as(world.partnerAdmin);
    const read = (await world.tenure.users.get(admin, { organizationId: world.partner.id, userId: ann.id }))._unsafeUnwrap();
    expect(read).toMatchObject({ id: ann.id, username: "ann", version: ann.version });
    const blocked = await world.tenure.accounts.block(admin, { organizationId: world.partner.id, userId: read.id, expectedVersion: read.version, until: null });
    expect(blocked.isOk()).toBe(true);
    expect((await world.tenure.users.get(admin, { organizationId: world.partner.id, userId: ann.id }))._unsafeUnwrap().version).toBeGreaterThan(read.version);
  });

  it("admins read everyone, de-activated users included; members read whom the list shows them, and nobody else exists for them", async () => {
    const { world, ann, gone, eve, gus } = await people();
    const readable = async (viewer: User): Promise<string[]> => {
      const names: string[] = [];
      for (const target of [ann, gone, eve, gus, world.partnerAdmin]) {
        const result = await world.tenure.users.get(world.as(viewer), { organizationId: world.partner.id, userId: target.id });
        if (result.isOk()) names.push(result.value.username);
        else expect(result.error).toMatchObject({ code: "not_found", entity: "user" });
      }
      return names;
    };
    expect(await readable(world.partnerAdmin)).toEqual(["ann", "gone", "eve", "gus", "padmin"]);
    expect(await readable(ann)).toEqual(["ann", "eve", "gus", "padmin"]);
    expect(await readable(eve)).toEqual(["ann", "eve"]);
    expect(await readable(gus)).toEqual(["gus"]);
  });

  it("another organization's user, or anyone for another organization's member, is refused", async () => {
    const { world, ann } = await people();
    const foreign = await world.tenure.users.get(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: world.customerAdmin.id });
    expect(foreign._unsafeUnwrapErr()).toMatchObject({ code: "not_found" });
    const outsider = await world.tenure.users.get(world.as(world.customerAdmin), { organizationId: world.partner.id, userId: ann.id });
    expect(outsider._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "no_standing" });
    const bad = await world.tenure.users.get(world.as(ann), { organizationId: world.partner.id, userId: 42 } as never);
    expect(bad._unsafeUnwrapErr()).toMatchObject({ code: "validation", issues: [expect.objectContaining({ field: "userId" })] });
  });
});
