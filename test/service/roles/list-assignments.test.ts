/**
 * The role screens: what a user holds (directly and through their groups), who holds a role where, and
 * the assignment id that revoking takes, without reading the store.
 */
import { describe, expect, it } from "vitest";
import { setupWorld } from "../_harness.js";

async function staffed() {
  const world = await setupWorld();
  const admin = world.as(world.partnerAdmin);
  const ann = await world.seedUser(world.partner.id, "ann");
  const team = (await world.tenure.groups.create(admin, { organizationId: world.partner.id, name: "Team", colour: "#123456" }))._unsafeUnwrap();
  (await world.tenure.groups.addMembers(admin, { organizationId: world.partner.id, groupId: team.id, expectedVersion: team.version, userIds: [ann.id] }))._unsafeUnwrap();
  const direct = (await world.tenure.roles.grant(admin, { organizationId: world.partner.id, principal: { type: "user", id: ann.id }, role: "zone_member", scope: { kind: "zone", id: "berlin" } }))._unsafeUnwrap();
  const viaTeam = (await world.tenure.roles.grant(admin, { organizationId: world.partner.id, principal: { type: "group", id: team.id }, role: "editor" }))._unsafeUnwrap();
  return { world, admin, ann, team, direct, viaTeam };
}

describe("listing role assignments", () => {
  it("per user: their own assignments and their groups', marked, each with the id revoke takes", async () => {
    const { world, admin, ann, team, direct, viaTeam } = await staffed();
    const held = (await world.tenure.roles.assignments(admin, { organizationId: world.partner.id, principal: { type: "user", id: ann.id } }))._unsafeUnwrap();
    expect(held.map(({ id, role, throughGroup }) => ({ id, role, throughGroup }))).toEqual(
      expect.arrayContaining([
        { id: direct.id, role: "zone_member", throughGroup: null },
        { id: viaTeam.id, role: "editor", throughGroup: team.id },
      ]),
    );
    const zone = held.find((assignment) => assignment.role === "zone_member");
    expect((await world.tenure.roles.revoke(admin, { organizationId: world.partner.id, assignmentId: zone!.id })).isOk()).toBe(true);
    const after = (await world.tenure.roles.assignments(admin, { organizationId: world.partner.id, principal: { type: "user", id: ann.id } }))._unsafeUnwrap();
    expect(after.map((assignment) => assignment.role)).not.toContain("zone_member");
  });

  it("per role and per scope, in a stable order", async () => {
    const { world, admin, ann, direct } = await staffed();
    const editors = (await world.tenure.roles.assignments(admin, { organizationId: world.partner.id, role: "editor" }))._unsafeUnwrap();
    expect(editors.every((assignment) => assignment.role === "editor")).toBe(true);
    const berlin = (await world.tenure.roles.assignments(admin, { organizationId: world.partner.id, scope: { kind: "zone", id: "berlin" } }))._unsafeUnwrap();
    expect(berlin.map((assignment) => assignment.id)).toEqual([direct.id]);
    expect(berlin[0]?.principal).toEqual({ type: "user", id: ann.id });
    const all = (await world.tenure.roles.assignments(admin, { organizationId: world.partner.id }))._unsafeUnwrap();
    const order = all.map((assignment) => `${assignment.role} ${assignment.scope.kind}:${assignment.scope.id} ${assignment.id}`);
    expect(order).toEqual([...order].sort());
  });

  it("members may not read them; another organization's user or group is not found", async () => {
    const { world, ann } = await staffed();
    const member = await world.tenure.roles.assignments(world.as(ann), { organizationId: world.partner.id });
    expect(member._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "manage_users" });
    const foreign = await world.tenure.roles.assignments(world.as(world.partnerAdmin), { organizationId: world.partner.id, principal: { type: "user", id: world.customerAdmin.id } });
    expect(foreign._unsafeUnwrapErr()).toMatchObject({ code: "not_found", entity: "user" });
  });
});
