import { describe, expect, it } from "vitest";
import { defineCatalog, type GroupId } from "tenure";
import { setupRoleWorld, setupWorld } from "./_world.js";

const berlin = { kind: "zone", id: "berlin" } as const;
const paris = { kind: "zone", id: "paris" } as const;
const rome = { kind: "zone", id: "rome" } as const;

/**
 * The zoned workspace's vocabulary for this test: zone access ("Grant Access to User") is the access
 * role `zone_member`; `proposal_editor` is a permission held in a zone, which is not access.
 */
const zonedCatalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } },
  permissions: { "system.admin": {}, "users.manage": {}, "zone.access": {}, "proposals.edit": {}, "documents.view": {} },
  roles: {
    system_admin: { superuser: true, scopes: ["platform"] },
    company_admin: { permissions: ["users.manage", "documents.view"], scopes: ["organization"] },
    editor: { permissions: ["documents.view"], scopes: ["organization"] },
    zone_member: { permissions: ["zone.access"], scopes: ["zone"], access: true },
    proposal_editor: { permissions: ["proposals.edit"], scopes: ["zone"] },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();

describe("System Admin: remove from all zones (\"No change will be made to proposal access or permissions\")", () => {
  it("takes the user's zone access away in every zone, and keeps the permissions held in zones and the organization's roles", async () => {
    const world = await setupRoleWorld(zonedCatalog);
    const ann = await world.seedUser(world.partner.id, "ann", [
      { role: "zone_member", scope: berlin },
      { role: "zone_member", scope: paris },
      { role: "proposal_editor", scope: berlin },
      { role: "editor" },
    ]);
    expect(await world.can(ann, "zone.access", { scope: berlin })).toBe(true);

    const removal = (await world.roles.removeFromAllZones(world.as(world.operator), { organizationId: world.partner.id, userId: ann.id }))._unsafeUnwrap();
    expect(removal.removed.map((assignment) => [assignment.role, assignment.scope])).toEqual([["zone_member", berlin], ["zone_member", paris]]);
    expect(removal.throughGroups).toEqual([]);
    expect(await world.can(ann, "zone.access", { scope: berlin })).toBe(false);
    expect(await world.can(ann, "zone.access", { scope: paris })).toBe(false);
    // No change to proposal access or permissions: the role held in the zone stays, so do the organization's.
    expect(await world.can(ann, "proposals.edit", { scope: berlin })).toBe(true);
    expect(await world.can(ann, "documents.view")).toBe(true);
    const left = world.store.snapshot().assignments.filter((assignment) => assignment.principal.id === ann.id).map((assignment) => assignment.role).sort();
    expect(left).toEqual(["editor", "proposal_editor"]);

    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({
      action: "role.removed_from_all_zones",
      actor: { type: "user", id: world.operator.id },
      target: { entity: "user", id: ann.id },
      before: { assignments: [expect.objectContaining({ role: "zone_member", scope: berlin }), expect.objectContaining({ role: "zone_member", scope: paris })] },
      after: { assignments: [] },
      details: { scopeKind: "zone", count: 2, throughGroups: [] },
    });
  });

  it("says which zones the user still reaches through groups, and leaves the groups' access as it is", async () => {
    const world = await setupRoleWorld(zonedCatalog);
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "zone_member", scope: berlin }]);
    const operator = world.as(world.operator);
    const team = (await world.groups.create(operator, { organizationId: world.partner.id, name: "Rome team", colour: "#336699" }))._unsafeUnwrap();
    const editors = (await world.groups.create(operator, { organizationId: world.partner.id, name: "Berlin editors", colour: "#993366" }))._unsafeUnwrap();
    for (const [group, scope] of [[team, rome], [editors, berlin], [team, berlin]] as const) {
      (await world.roles.grant(operator, { organizationId: world.partner.id, principal: { type: "group", id: group.id }, role: "zone_member", scope }))._unsafeUnwrap();
    }
    // A group's permission in a zone that is not access does not count as reaching it.
    (await world.roles.grant(operator, { organizationId: world.partner.id, principal: { type: "group", id: editors.id }, role: "proposal_editor", scope: paris }))._unsafeUnwrap();
    for (const group of [team, editors]) {
      const stored = (await world.group(world.partner.id, group.id))!;
      (await world.groups.addMembers(operator, { organizationId: world.partner.id, groupId: group.id, expectedVersion: stored.version, userIds: [ann.id] }))._unsafeUnwrap();
    }

    const removal = (await world.roles.removeFromAllZones(operator, { organizationId: world.partner.id, userId: ann.id }))._unsafeUnwrap();
    expect(removal.removed.map((assignment) => assignment.scope)).toEqual([berlin]);
    expect(removal.throughGroups).toEqual([
      { scope: berlin, groupIds: [editors.id, team.id].sort() as GroupId[] },
      { scope: rome, groupIds: [team.id] },
    ]);
    // She still reaches Berlin and Rome, through the groups; the groups' assignments are untouched.
    expect(await world.can(ann, "zone.access", { scope: berlin })).toBe(true);
    expect(await world.can(ann, "zone.access", { scope: rome })).toBe(true);
    expect(world.store.snapshot().assignments.filter((assignment) => assignment.principal.type === "group")).toHaveLength(4);
    const event = (await world.audit(world.partner.id)).find((candidate) => candidate.action === "role.removed_from_all_zones");
    expect(event).toMatchObject({ details: { count: 1, throughGroups: [{ scope: berlin }, { scope: rome, groupIds: [team.id] }] } });
  });

  it("is for super admins only; a company admin is refused and nothing changes", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "zone_member", scope: berlin }]);
    const refused = await world.refused(world.roles.removeFromAllZones(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id }));
    expect(refused).toMatchObject({ code: "forbidden", rule: "super_admin" });
  });

  it("super admins of the platform act in a customer too; an unknown user, a non-zone kind or a kind without an access role is a typed error", async () => {
    const world = await setupWorld();
    const carl = await world.seedUser(world.customer.id, "carl", [{ role: "zone_member", scope: berlin }]);
    expect((await world.roles.removeFromAllZones(world.as(world.operator), { organizationId: world.customer.id, userId: carl.id }))._unsafeUnwrap().removed).toHaveLength(1);
    const actor = world.as(world.operator);
    expect(await world.refused(world.roles.removeFromAllZones(actor, { organizationId: world.customer.id, userId: world.partnerAdmin.id }))).toMatchObject({ code: "not_found", entity: "user" });
    expect(await world.refused(world.roles.removeFromAllZones(actor, { organizationId: world.customer.id, userId: carl.id, scopeKind: "organization" }))).toMatchObject({ code: "validation", field: "scopeKind" });
    expect(await world.refused(world.roles.removeFromAllZones(actor, { organizationId: world.customer.id, userId: carl.id, scopeKind: "galaxy" }))).toMatchObject({ code: "validation", field: "scopeKind" });

    // A catalog whose zones have no access role has no zone access to remove.
    const noAccess = await setupRoleWorld(
      defineCatalog({
        scopes: { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } },
        permissions: { "system.admin": {}, "users.manage": {}, "proposals.edit": {} },
        roles: {
          system_admin: { superuser: true, scopes: ["platform"] },
          company_admin: { permissions: ["users.manage"], scopes: ["organization"] },
          proposal_editor: { permissions: ["proposals.edit"], scopes: ["zone"] },
        },
        administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
      })._unsafeUnwrap(),
    );
    const dora = await noAccess.seedUser(noAccess.partner.id, "dora", [{ role: "proposal_editor", scope: berlin }]);
    expect(await noAccess.refused(noAccess.roles.removeFromAllZones(noAccess.as(noAccess.operator), { organizationId: noAccess.partner.id, userId: dora.id }))).toMatchObject({
      code: "validation",
      issues: [expect.objectContaining({ field: "scopeKind", code: "no_access_role" })],
    });
  });
});

describe("access roles in the catalog", () => {
  it("an access role is access to a scope below an organization: declaring one for the organization or the platform is refused, naming it", () => {
    const refused = defineCatalog({
      scopes: { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } },
      permissions: { "system.admin": {}, "users.manage": {} },
      roles: {
        system_admin: { superuser: true, scopes: ["platform"] },
        admin: { permissions: ["users.manage"], scopes: ["organization"] },
        member_everywhere: { permissions: [], scopes: ["organization", "zone", "platform"], access: true },
      },
      administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
    })._unsafeUnwrapErr();
    expect(refused).toEqual([
      expect.objectContaining({ code: "access_scope", role: "member_everywhere", scope: "organization" }),
      expect.objectContaining({ code: "access_scope", role: "member_everywhere", scope: "platform" }),
    ]);
    expect(zonedCatalog.accessRoles).toEqual(["zone_member"]);
  });
});
