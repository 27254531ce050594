import { describe, expect, it } from "vitest";
import { PLATFORM_SCOPE, type Group, type User } from "tenure";
import { setupWorld, type RoleWorld } from "../roles/_world.js";

/** A group of the partner holding `editor`, made by the partner admin. */
async function editorsGroup(world: RoleWorld): Promise<Group> {
  const actor = world.as(world.partnerAdmin);
  const editors = (await world.groups.create(actor, { organizationId: world.partner.id, name: "Editors", colour: "#1e90ff" }))._unsafeUnwrap();
  (await world.roles.grant(actor, { organizationId: world.partner.id, principal: { type: "group", id: editors.id }, role: "editor" }))._unsafeUnwrap();
  return editors;
}

describe("group membership confers the group's roles", () => {
  it("a group's role is what its members get; adding or removing a member changes their permissions at once", async () => {
    const world = await setupWorld();
    const editors = await editorsGroup(world);
    const ann = await world.seedUser(world.partner.id, "ann");
    const bob = await world.seedUser(world.partner.id, "bob");
    expect(await world.can(ann, "documents.edit")).toBe(false);
    expect(await world.can(bob, "documents.edit")).toBe(false);

    const actor = world.as(world.partnerAdmin);
    const added = (await world.groups.addMembers(actor, { organizationId: world.partner.id, groupId: editors.id, expectedVersion: 0, userIds: [ann.id, bob.id, ann.id] }))._unsafeUnwrap();
    expect(added.memberIds).toEqual([ann.id, bob.id]);
    expect(await world.can(ann, "documents.edit")).toBe(true);
    expect(await world.can(bob, "documents.edit")).toBe(true);

    const removed = (await world.groups.removeMembers(actor, { organizationId: world.partner.id, groupId: editors.id, expectedVersion: added.version, userIds: [ann.id] }))._unsafeUnwrap();
    expect(removed.memberIds).toEqual([bob.id]);
    expect(await world.can(ann, "documents.edit")).toBe(false);
    expect(await world.can(bob, "documents.edit")).toBe(true);

    const [removal, addition] = await world.audit(world.partner.id);
    expect(addition).toMatchObject({ action: "group.members_added", before: { memberIds: [] }, after: { memberIds: [ann.id, bob.id] }, details: { added: [ann.id, bob.id] } });
    expect(removal).toMatchObject({ action: "group.members_removed", before: { memberIds: [ann.id, bob.id] }, after: { memberIds: [bob.id] }, details: { removed: [ann.id] } });
  });

  it("deleting a group revokes its roles: its members lose what they held through it", async () => {
    const world = await setupWorld();
    const editors = await editorsGroup(world);
    const ann = await world.seedUser(world.partner.id, "ann");
    const actor = world.as(world.partnerAdmin);
    const withAnn = (await world.groups.addMembers(actor, { organizationId: world.partner.id, groupId: editors.id, expectedVersion: 0, userIds: [ann.id] }))._unsafeUnwrap();
    expect(await world.can(ann, "documents.edit")).toBe(true);
    (await world.groups.delete(actor, { organizationId: world.partner.id, groupId: editors.id, expectedVersion: withAnn.version }))._unsafeUnwrap();
    expect(await world.can(ann, "documents.edit")).toBe(false);
    expect(await world.group(world.partner.id, editors.id)).toBeNull();
    expect(world.store.snapshot().assignments.filter((assignment) => assignment.principal.id === editors.id)).toEqual([]);
    expect((await world.audit(world.partner.id))[0]).toMatchObject({
      action: "group.deleted",
      before: { name: "Editors", memberIds: [ann.id], assignments: [expect.objectContaining({ role: "editor" })] },
      after: null,
    });
  });

  it("nobody adds members to a group whose roles carry what they do not hold (no escalation through groups)", async () => {
    const world = await setupWorld();
    const operators = (await world.groups.create(world.as(world.operator), { organizationId: world.partner.id, name: "Operators", colour: "#ff0000" }))._unsafeUnwrap();
    (await world.roles.grant(world.as(world.operator), { organizationId: world.partner.id, principal: { type: "group", id: operators.id }, role: "system_admin", scope: PLATFORM_SCOPE }))._unsafeUnwrap();
    const ann = await world.seedUser(world.partner.id, "ann");
    const refused = await world.refused(world.groups.addMembers(world.as(world.partnerAdmin), { organizationId: world.partner.id, groupId: operators.id, expectedVersion: 0, userIds: [ann.id] }));
    expect(refused).toMatchObject({ code: "forbidden", rule: "no_escalation", id: "system_admin" });
    expect(await world.can(ann, "system.admin")).toBe(false);
  });
});

describe("an organization never loses its last admin through groups", () => {
  /** An organization whose only admins are the members of its "Admins" group. */
  async function adminsOnlyThroughGroup(world: RoleWorld) {
    const acme = await world.newOrganization("Acme");
    const alice = await world.seedUser(acme.id, "alice");
    const bert = await world.seedUser(acme.id, "bert", [{ role: "member" }]);
    const admins = (await world.groups.create(world.system, { organizationId: acme.id, name: "Admins", colour: "#000000" }))._unsafeUnwrap();
    (await world.roles.grant(world.system, { organizationId: acme.id, principal: { type: "group", id: admins.id }, role: "company_admin" }))._unsafeUnwrap();
    const withAlice = (await world.groups.addMembers(world.system, { organizationId: acme.id, groupId: admins.id, expectedVersion: 0, userIds: [alice.id] }))._unsafeUnwrap();
    return { acme, alice, bert, admins: withAlice };
  }

  it("deleting the last admin group is refused", async () => {
    const world = await setupWorld();
    const { acme, admins, alice } = await adminsOnlyThroughGroup(world);
    const refused = await world.refused(world.groups.delete(world.as(world.operator), { organizationId: acme.id, groupId: admins.id, expectedVersion: admins.version }));
    expect(refused).toMatchObject({ code: "forbidden", rule: "last_admin" });
    expect(await world.can(alice, "users.manage")).toBe(true);
  });

  it("removing the last admin from the group is refused; once another admin exists it is allowed", async () => {
    const world = await setupWorld();
    const { acme, admins, alice, bert } = await adminsOnlyThroughGroup(world);
    const refused = await world.refused(world.groups.removeMembers(world.system, { organizationId: acme.id, groupId: admins.id, expectedVersion: admins.version, userIds: [alice.id] }));
    expect(refused).toMatchObject({ code: "forbidden", rule: "last_admin" });

    const withBert = (await world.groups.addMembers(world.as(alice), { organizationId: acme.id, groupId: admins.id, expectedVersion: admins.version, userIds: [bert.id] }))._unsafeUnwrap();
    (await world.groups.removeMembers(world.as(bert), { organizationId: acme.id, groupId: admins.id, expectedVersion: withBert.version, userIds: [alice.id] }))._unsafeUnwrap();
    expect(await world.can(alice, "users.manage")).toBe(false);
    expect(await world.can(bert, "users.manage")).toBe(true);
  });

  it("an admin cannot take his own admin permission away by leaving or deleting the group", async () => {
    const world = await setupWorld();
    const { acme, admins, alice, bert } = await adminsOnlyThroughGroup(world);
    const withBert = (await world.groups.addMembers(world.as(alice), { organizationId: acme.id, groupId: admins.id, expectedVersion: admins.version, userIds: [bert.id] }))._unsafeUnwrap();
    const leave = (user: User) => world.groups.removeMembers(world.as(user), { organizationId: acme.id, groupId: admins.id, expectedVersion: withBert.version, userIds: [user.id] });
    expect(await world.refused(leave(alice))).toMatchObject({ code: "forbidden", rule: "own_admin_role" });
    expect(await world.refused(world.groups.delete(world.as(alice), { organizationId: acme.id, groupId: admins.id, expectedVersion: withBert.version }))).toMatchObject({
      code: "forbidden", rule: "own_admin_role",
    });
  });
});
