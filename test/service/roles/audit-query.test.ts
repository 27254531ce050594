import { describe, expect, it } from "vitest";
import type { AuditEvent } from "tenure";
import { setupWorld, type RoleWorld } from "./_world.js";

const HOUR = 60 * 60 * 1000;

/** Four events an hour apart in the customer: two by the customer admin about carl, one by the operator about dora, one group event. */
async function history(world: RoleWorld) {
  const carl = await world.seedUser(world.customer.id, "carl");
  const dora = await world.seedUser(world.customer.id, "dora");
  const start = world.clock.now();
  const grant = (await world.roles.grant(world.as(world.customerAdmin), { organizationId: world.customer.id, principal: { type: "user", id: carl.id }, role: "editor" }))._unsafeUnwrap();
  world.clock.advance(HOUR);
  (await world.roles.revoke(world.as(world.customerAdmin), { organizationId: world.customer.id, assignmentId: grant.id }))._unsafeUnwrap();
  world.clock.advance(HOUR);
  (await world.roles.grant(world.as(world.operator), { organizationId: world.customer.id, principal: { type: "user", id: dora.id }, role: "member" }))._unsafeUnwrap();
  world.clock.advance(HOUR);
  const team = (await world.groups.create(world.as(world.customerAdmin), { organizationId: world.customer.id, name: "Team", colour: "#123456" }))._unsafeUnwrap();
  return { carl, dora, grant, team, start };
}

const actions = (page: { items: readonly AuditEvent[] }) => page.items.map((event) => event.action);

describe("the audit log view", () => {
  it("filters by target, actor, action and time range, newest first", async () => {
    const world = await setupWorld();
    const { dora, grant, start } = await history(world);
    const admin = world.as(world.customerAdmin);
    const query = (filters: Record<string, unknown>) => world.queryAudit(admin, { organizationId: world.customer.id, ...filters });

    expect(actions((await query({}))._unsafeUnwrap())).toEqual(["group.created", "role.granted", "role.revoked", "role.granted", "organization.created"]);
    expect(actions((await query({ targetId: grant.id }))._unsafeUnwrap())).toEqual(["role.revoked", "role.granted"]);
    expect((await query({ actorId: world.operator.id }))._unsafeUnwrap().items).toEqual([expect.objectContaining({ action: "role.granted", after: expect.objectContaining({ principal: { type: "user", id: dora.id } }) })]);
    expect(actions((await query({ actions: ["role.revoked", "group.created"] }))._unsafeUnwrap())).toEqual(["group.created", "role.revoked"]);
    expect(actions((await query({ from: new Date(start.getTime() + HOUR), to: new Date(start.getTime() + 3 * HOUR) }))._unsafeUnwrap())).toEqual(["role.granted", "role.revoked"]);
    expect(actions((await query({ actorId: world.customerAdmin.id, actions: ["role.granted"] }))._unsafeUnwrap())).toEqual(["role.granted"]);
  });

  it("pages newest first without skipping or repeating an event", async () => {
    const world = await setupWorld();
    await history(world);
    const admin = world.as(world.customerAdmin);
    const first = (await world.queryAudit(admin, { organizationId: world.customer.id, limit: 2 }))._unsafeUnwrap();
    expect(actions(first)).toEqual(["group.created", "role.granted"]);
    expect(first.nextCursor).not.toBeNull();
    const second = (await world.queryAudit(admin, { organizationId: world.customer.id, limit: 2, after: first.nextCursor ?? "" }))._unsafeUnwrap();
    expect(actions(second)).toEqual(["role.revoked", "role.granted"]);
    const third = (await world.queryAudit(admin, { organizationId: world.customer.id, limit: 2, after: second.nextCursor ?? "" }))._unsafeUnwrap();
    expect(actions(third)).toEqual(["organization.created"]);
    expect(third.nextCursor).toBeNull();
  });

  it("is for whoever manages the organization's users and for super admins; reading writes nothing", async () => {
    const world = await setupWorld();
    const { carl } = await history(world);
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    const before = world.store.snapshot();
    for (const reader of [world.customerAdmin, world.operator, manager]) {
      expect((await world.queryAudit(world.as(reader), { organizationId: world.customer.id }))._unsafeUnwrap().items).toHaveLength(5);
    }
    expect(world.store.snapshot()).toEqual(before);

    expect((await world.queryAudit(world.as(carl), { organizationId: world.customer.id }))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "manage_users" });
    expect((await world.queryAudit(world.as(world.partnerAdmin), { organizationId: world.customer.id }))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden" });
    expect((await world.queryAudit(world.as(world.customerAdmin), { organizationId: world.customer.id, limit: 0 }))._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "limit" });
    expect((await world.queryAudit(world.as(world.customerAdmin), { organizationId: world.customer.id, after: "garbage" }))._unsafeUnwrapErr()).toMatchObject({ code: "validation" });
    expect(world.store.snapshot()).toEqual(before);
  });
});
