import { describe, expect, it } from "vitest";
import { PLATFORM_SCOPE, type GroupId, type RoleAssignmentId } from "tenure";
import { setupWorld } from "./_world.js";

const berlin = { kind: "zone", id: "berlin" } as const;
const paris = { kind: "zone", id: "paris" } as const;

describe("adding and removing roles (ERP-style user access groups)", () => {
  it("a role added for one user appears in their effective permissions; removing it takes it away", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    expect(await world.can(ann, "documents.edit")).toBe(false); // cached now

    const granted = (
      await world.roles.grant(world.as(world.partnerAdmin), { organizationId: world.partner.id, principal: { type: "user", id: ann.id }, role: "editor" })
    )._unsafeUnwrap();
    expect(granted).toMatchObject({ principal: { type: "user", id: ann.id }, role: "editor", scope: { kind: "organization", id: world.partner.id }, grantedBy: world.partnerAdmin.id });
    expect(await world.can(ann, "documents.edit")).toBe(true);
    expect(await world.can(ann, "documents.view")).toBe(true);

    (await world.roles.revoke(world.as(world.partnerAdmin), { organizationId: world.partner.id, assignmentId: granted.id }))._unsafeUnwrap();
    expect(await world.can(ann, "documents.edit")).toBe(false);

    const [revoked, grant] = await world.audit(world.partner.id);
    expect(grant).toMatchObject({
      action: "role.granted",
      actor: { type: "user", id: world.partnerAdmin.id },
      target: { entity: "role_assignment", id: granted.id },
      before: null,
      after: { principal: { type: "user", id: ann.id }, role: "editor", scope: { kind: "organization", id: world.partner.id } },
    });
    expect(revoked).toMatchObject({ action: "role.revoked", target: { entity: "role_assignment", id: granted.id }, before: { role: "editor" }, after: null });
  });

  it("zone access is granted in a zone below the organization, and reaches only that zone", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    expect(await world.can(ann, "zone.access", { scope: berlin })).toBe(false);
    (await world.roles.grant(world.as(world.partnerAdmin), { organizationId: world.partner.id, principal: { type: "user", id: ann.id }, role: "zone_member", scope: berlin }))._unsafeUnwrap();
    expect(await world.can(ann, "zone.access", { scope: berlin })).toBe(true);
    expect(await world.can(ann, "zone.access", { scope: paris })).toBe(false);
    expect(await world.can(ann, "zone.access")).toBe(false);
  });

  it("a company admin cannot remove his own admin role; another admin can, but never the last one", async () => {
    const world = await setupWorld();
    const own = world.refused(world.roles.revoke(world.as(world.customerAdmin), { organizationId: world.customer.id, assignmentId: "asg_seed_cadmin_0" as RoleAssignmentId }));
    expect(await own).toMatchObject({ code: "forbidden", rule: "own_admin_role" });

    const last = world.refused(world.roles.revoke(world.as(world.operator), { organizationId: world.customer.id, assignmentId: "asg_seed_cadmin_0" as RoleAssignmentId }));
    expect(await last).toMatchObject({ code: "forbidden", rule: "last_admin" });

    const second = await world.seedUser(world.customer.id, "second", [{ role: "company_admin" }]);
    (await world.roles.revoke(world.as(second), { organizationId: world.customer.id, assignmentId: "asg_seed_cadmin_0" as RoleAssignmentId }))._unsafeUnwrap();
    expect(await world.can(world.customerAdmin, "users.manage")).toBe(false);
  });

  it("nobody grants what they do not hold, and only those who manage users grant at all", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "editor" }]);
    const bob = await world.seedUser(world.partner.id, "bob");
    const escalation = await world.refused(
      world.roles.grant(world.as(world.partnerAdmin), { organizationId: world.partner.id, principal: { type: "user", id: bob.id }, role: "system_admin", scope: PLATFORM_SCOPE }),
    );
    expect(escalation).toMatchObject({ code: "forbidden", rule: "no_escalation", id: "system_admin" });
    expect(escalation.message).toContain('"system.admin"');

    const notAdmin = await world.refused(world.roles.grant(world.as(ann), { organizationId: world.partner.id, principal: { type: "user", id: bob.id }, role: "member" }));
    expect(notAdmin).toMatchObject({ code: "forbidden", rule: "manage_users" });

    // A super admin holds every permission: a platform role is his to grant.
    (await world.roles.grant(world.as(world.operator), { organizationId: world.partner.id, principal: { type: "user", id: bob.id }, role: "system_admin", scope: PLATFORM_SCOPE }))._unsafeUnwrap();
    expect(await world.can(bob, "system.admin", { organizationId: world.customer.id })).toBe(true);
  });

  it("granting beyond the organization's entitlements is refused, naming the entitlement", async () => {
    const world = await setupWorld();
    await world.entitle(world.customer, ["users.manage", "documents.view", "zone.access"]);
    const carl = await world.seedUser(world.customer.id, "carl");
    const refused = await world.refused(world.roles.grant(world.as(world.customerAdmin), { organizationId: world.customer.id, principal: { type: "user", id: carl.id }, role: "editor" }));
    expect(refused).toMatchObject({ code: "forbidden", rule: "entitlement_missing", id: "documents.edit" });
    expect(refused.message).toContain('"documents.edit"');
    (await world.roles.grant(world.as(world.customerAdmin), { organizationId: world.customer.id, principal: { type: "user", id: carl.id }, role: "member" }))._unsafeUnwrap();
  });

  it("a customer manager grants roles in a customer company but not in his own", async () => {
    const world = await setupWorld();
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    const carl = await world.seedUser(world.customer.id, "carl");
    const pete = await world.seedUser(world.partner.id, "pete");
    (await world.roles.grant(world.as(manager), { organizationId: world.customer.id, principal: { type: "user", id: carl.id }, role: "editor" }))._unsafeUnwrap();
    expect(await world.can(carl, "documents.edit")).toBe(true);
    const own = await world.refused(world.roles.grant(world.as(manager), { organizationId: world.partner.id, principal: { type: "user", id: pete.id }, role: "editor" }));
    expect(own).toMatchObject({ code: "forbidden", rule: "manage_users" });
  });

  it("a role granted to a group is what its members get, a delegated one included, and the cache does not serve the old answer", async () => {
    const world = await setupWorld();
    const managers = (await world.groups.create(world.as(world.partnerAdmin), { organizationId: world.partner.id, name: "Customer care", colour: "#1e90ff" }))._unsafeUnwrap();
    const mia = await world.seedUser(world.partner.id, "mia");
    (await world.groups.addMembers(world.as(world.partnerAdmin), { organizationId: world.partner.id, groupId: managers.id, expectedVersion: 0, userIds: [mia.id] }))._unsafeUnwrap();
    expect(await world.can(mia, "users.manage", { organizationId: world.customer.id })).toBe(false); // cached in the customer

    const granted = (
      await world.roles.grant(world.as(world.partnerAdmin), { organizationId: world.partner.id, principal: { type: "group", id: managers.id }, role: "customer_manager" })
    )._unsafeUnwrap();
    expect(await world.can(mia, "users.manage", { organizationId: world.customer.id })).toBe(true);
    expect(await world.can(mia, "users.manage")).toBe(false);

    (await world.roles.revoke(world.as(world.partnerAdmin), { organizationId: world.partner.id, assignmentId: granted.id }))._unsafeUnwrap();
    expect(await world.can(mia, "users.manage", { organizationId: world.customer.id })).toBe(false);
  });

  it("bad input is a typed error, and a refused grant stores nothing", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const actor = world.as(world.partnerAdmin);
    const grant = (input: Record<string, unknown>) =>
      world.refused(world.roles.grant(actor, { organizationId: world.partner.id, principal: { type: "user", id: ann.id }, role: "editor", ...input } as never));

    expect(await grant({ role: "emperor" })).toMatchObject({ code: "validation", field: "role", issues: [expect.objectContaining({ code: "unknown_role" })] });
    expect(await grant({ role: "zone_member" })).toMatchObject({ code: "forbidden", rule: "role_scope" });
    expect(await grant({ role: "company_admin", scope: berlin })).toMatchObject({ code: "forbidden", rule: "role_scope" });
    expect(await grant({ scope: { kind: "galaxy", id: "andromeda" } })).toMatchObject({ code: "validation", field: "scope.kind" });
    expect(await grant({ scope: { kind: "organization", id: world.customer.id } })).toMatchObject({ code: "validation", field: "scope.id" });
    expect(await grant({ principal: { type: "robot", id: ann.id } })).toMatchObject({ code: "validation", field: "principal.type" });
    expect(await grant({ principal: { type: "user", id: world.customerAdmin.id } })).toMatchObject({ code: "not_found", entity: "user" });

    const theirs = (await world.groups.create(world.as(world.customerAdmin), { organizationId: world.customer.id, name: "Theirs", colour: "#000000" }))._unsafeUnwrap();
    expect(await grant({ principal: { type: "group", id: theirs.id as GroupId } })).toMatchObject({ code: "not_found", entity: "group" });

    (await world.roles.grant(actor, { organizationId: world.partner.id, principal: { type: "user", id: ann.id }, role: "editor" }))._unsafeUnwrap();
    expect(await grant({})).toMatchObject({ code: "duplicate", entity: "role_assignment", field: "role" });
  });

  it("revoking an assignment of another organization, or one that is gone, is not found", async () => {
    const world = await setupWorld();
    const refused = await world.refused(world.roles.revoke(world.as(world.partnerAdmin), { organizationId: world.partner.id, assignmentId: "asg_seed_cadmin_0" as RoleAssignmentId }));
    expect(refused).toMatchObject({ code: "not_found", entity: "role_assignment" });
  });

  it("nobody revokes a role carrying what they do not hold", async () => {
    const world = await setupWorld();
    const refused = await world.refused(world.roles.revoke(world.as(world.partnerAdmin), { organizationId: world.partner.id, assignmentId: "asg_seed_operator_0" as RoleAssignmentId }));
    expect(refused).toMatchObject({ code: "forbidden", rule: "no_escalation", id: "system_admin" });
  });
});
