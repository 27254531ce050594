import { describe, expect, it } from "vitest";
import { setupWorld } from "./_world.js";

const berlin = { kind: "zone", id: "berlin" } as const;
const paris = { kind: "zone", id: "paris" } as const;

describe("System Admin: remove from all zones", () => {
  it("removes zone access from every zone and keeps organization-level roles", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "zone_member", scope: berlin }, { role: "zone_member", scope: paris }, { role: "editor" }]);
    expect(await world.can(ann, "zone.access", { scope: berlin })).toBe(true);

    const count = await world.roles.removeFromAllZones(world.as(world.operator), { organizationId: world.partner.id, userId: ann.id });
    expect(count._unsafeUnwrap()).toBe(2);
    expect(await world.can(ann, "zone.access", { scope: berlin })).toBe(false);
    expect(await world.can(ann, "zone.access", { scope: paris })).toBe(false);
    expect(await world.can(ann, "documents.edit")).toBe(true);

    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({
      action: "role.removed_from_all_zones",
      actor: { type: "user", id: world.operator.id },
      target: { entity: "user", id: ann.id },
      before: { assignments: [expect.objectContaining({ scope: berlin }), expect.objectContaining({ scope: paris })] },
      after: { assignments: [] },
      details: { scopeKind: "zone", count: 2 },
    });
  });

  it("is for super admins only; a company admin is refused and nothing changes", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "zone_member", scope: berlin }]);
    const refused = await world.refused(world.roles.removeFromAllZones(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id }));
    expect(refused).toMatchObject({ code: "forbidden", rule: "super_admin" });
  });

  it("super admins of the platform act in a customer too; an unknown user or a non-zone kind is a typed error", async () => {
    const world = await setupWorld();
    const carl = await world.seedUser(world.customer.id, "carl", [{ role: "zone_member", scope: berlin }]);
    expect((await world.roles.removeFromAllZones(world.as(world.operator), { organizationId: world.customer.id, userId: carl.id }))._unsafeUnwrap()).toBe(1);
    const actor = world.as(world.operator);
    expect(await world.refused(world.roles.removeFromAllZones(actor, { organizationId: world.customer.id, userId: world.partnerAdmin.id }))).toMatchObject({ code: "not_found", entity: "user" });
    expect(await world.refused(world.roles.removeFromAllZones(actor, { organizationId: world.customer.id, userId: carl.id, scopeKind: "organization" }))).toMatchObject({ code: "validation", field: "scopeKind" });
    expect(await world.refused(world.roles.removeFromAllZones(actor, { organizationId: world.customer.id, userId: carl.id, scopeKind: "galaxy" }))).toMatchObject({ code: "validation", field: "scopeKind" });
  });
});
