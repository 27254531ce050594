/**
 * A super admin's account is touched only by super admins: also where a command reaches it without
 * naming it (through a group the super admin is a member of), and in lists of users.
 */
import { describe, expect, it } from "vitest";
import { setupWorld } from "../_harness.js";

/** A world whose super admin is a member of a group of the partner holding the editor role there. */
async function withSuperAdminInGroup() {
  const world = await setupWorld();
  const operator = world.as(world.operator);
  const group = (await world.tenure.groups.create(operator, { organizationId: world.partner.id, name: "Reviewers", colour: "#1e90ff" }))._unsafeUnwrap();
  const withMember = (
    await world.tenure.groups.addMembers(operator, { organizationId: world.partner.id, groupId: group.id, expectedVersion: group.version, userIds: [world.operator.id] })
  )._unsafeUnwrap();
  const assignment = (await world.tenure.roles.grant(operator, { organizationId: world.partner.id, principal: { type: "group", id: group.id }, role: "editor" }))._unsafeUnwrap();
  return { world, group: withMember, assignment };
}

describe("super admins' accounts reached through a group", () => {
  it("an organization admin cannot revoke the role of a group a super admin is a member of; a super admin can", async () => {
    const { world, assignment } = await withSuperAdminInGroup();
    const before = world.store.snapshot();
    const refused = await world.tenure.roles.revoke(world.as(world.partnerAdmin), { organizationId: world.partner.id, assignmentId: assignment.id });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "super_admin_target" });
    expect(world.store.snapshot()).toEqual(before);
    expect((await world.tenure.roles.revoke(world.as(world.operator), { organizationId: world.partner.id, assignmentId: assignment.id })).isOk()).toBe(true);
  });

  it("an organization admin cannot grant a role to such a group, nor delete it", async () => {
    const { world, group } = await withSuperAdminInGroup();
    const before = world.store.snapshot();
    const admin = world.as(world.partnerAdmin);
    const granted = await world.tenure.roles.grant(admin, { organizationId: world.partner.id, principal: { type: "group", id: group.id }, role: "member" });
    expect(granted._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "super_admin_target" });
    const deleted = await world.tenure.groups.delete(admin, { organizationId: world.partner.id, groupId: group.id, expectedVersion: group.version });
    expect(deleted._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "super_admin_target" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("groups without a super admin are managed by the organization's admins as before", async () => {
    const world = await setupWorld();
    const admin = world.as(world.partnerAdmin);
    const ann = await world.seedUser(world.partner.id, "ann");
    const group = (await world.tenure.groups.create(admin, { organizationId: world.partner.id, name: "Team", colour: "#00aa00" }))._unsafeUnwrap();
    const joined = (await world.tenure.groups.addMembers(admin, { organizationId: world.partner.id, groupId: group.id, expectedVersion: group.version, userIds: [ann.id] }))._unsafeUnwrap();
    const assignment = (await world.tenure.roles.grant(admin, { organizationId: world.partner.id, principal: { type: "group", id: group.id }, role: "editor" }))._unsafeUnwrap();
    expect((await world.tenure.roles.revoke(admin, { organizationId: world.partner.id, assignmentId: assignment.id })).isOk()).toBe(true);
    expect((await world.tenure.groups.delete(admin, { organizationId: world.partner.id, groupId: group.id, expectedVersion: joined.version })).isOk()).toBe(true);
  });

  it("granting a role to a filtered list skips super admins unless a super admin grants", async () => {
    const world = await setupWorld();
    await world.seedUser(world.partner.id, "ann");
    const byAdmin = await world.tenure.roles.grantToUsers(world.as(world.partnerAdmin), { organizationId: world.partner.id, role: "zone_member", scope: { kind: "zone", id: "berlin" }, filter: {} });
    const holders = (): string[] =>
      world.store.snapshot().assignments.filter((row) => row.role === "zone_member" && row.principal.type === "user").map((row) => row.principal.id);
    expect(byAdmin.isOk()).toBe(true);
    expect(holders()).not.toContain(world.operator.id);
    expect(holders()).toContain(world.partnerAdmin.id);
    const bySuperAdmin = await world.tenure.roles.grantToUsers(world.as(world.operator), { organizationId: world.partner.id, role: "zone_member", scope: { kind: "zone", id: "berlin" }, filter: {} });
    expect(bySuperAdmin.isOk()).toBe(true);
    expect(holders()).toContain(world.operator.id);
  });
});
