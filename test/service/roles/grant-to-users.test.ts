import { describe, expect, it } from "vitest";
import { setupWorld } from "./_world.js";

const berlin = { kind: "zone", id: "berlin" } as const;

describe("granting zone access to every user of a filtered list (zoned workspace)", () => {
  it("grants zone access to all users of the list filtered by location Berlin at once, skipping those who hold it", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [], { location: "Berlin" });
    const bob = await world.seedUser(world.partner.id, "bob", [], { location: "Berlin" });
    const cleo = await world.seedUser(world.partner.id, "cleo", [{ role: "zone_member", scope: berlin }], { location: "Berlin" });
    const dan = await world.seedUser(world.partner.id, "dan", [], { location: "Paris" });
    for (const user of [ann, bob, dan]) expect(await world.can(user, "zone.access", { scope: berlin })).toBe(false);

    const count = await world.roles.grantToUsers(world.as(world.partnerAdmin), {
      organizationId: world.partner.id,
      role: "zone_member",
      scope: berlin,
      filter: { locations: ["Berlin"] },
    });
    expect(count._unsafeUnwrap()).toBe(2);
    for (const user of [ann, bob, cleo]) expect(await world.can(user, "zone.access", { scope: berlin })).toBe(true);
    expect(await world.can(dan, "zone.access", { scope: berlin })).toBe(false);

    const events = await world.audit(world.partner.id);
    expect(events.filter((event) => event.action.startsWith("role."))).toEqual([
      expect.objectContaining({
        action: "role.granted_to_list",
        target: { entity: "scope", id: "zone:berlin" },
        before: null,
        after: { role: "zone_member", scope: berlin, userIds: [ann.id, bob.id] },
        details: { filter: { locations: ["Berlin"] }, count: 2, listed: 3 },
      }),
    ]);
  });

  it("filters combine: location and role", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "editor" }], { location: "Berlin" });
    await world.seedUser(world.partner.id, "bob", [], { location: "Berlin" });
    await world.seedUser(world.partner.id, "cleo", [{ role: "editor" }], { location: "Paris" });
    const count = await world.roles.grantToUsers(world.as(world.partnerAdmin), {
      organizationId: world.partner.id,
      role: "zone_member",
      scope: berlin,
      filter: { locations: ["Berlin"], roles: ["editor"] },
    });
    expect(count._unsafeUnwrap()).toBe(1);
    expect(await world.can(ann, "zone.access", { scope: berlin })).toBe(true);
  });

  it("an empty list grants nothing and still leaves one audit event", async () => {
    const world = await setupWorld();
    const count = await world.roles.grantToUsers(world.as(world.partnerAdmin), { organizationId: world.partner.id, role: "zone_member", scope: berlin, filter: { locations: ["Atlantis"] } });
    expect(count._unsafeUnwrap()).toBe(0);
    expect((await world.audit(world.partner.id))[0]).toMatchObject({ action: "role.granted_to_list", details: { count: 0 } });
  });

  it("is refused to non-admins, and for a role or scope that does not fit; nothing is stored", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [], { location: "Berlin" });
    const base = { organizationId: world.partner.id, role: "zone_member" as const, scope: berlin, filter: { locations: ["Berlin"] } };
    expect(await world.refused(world.roles.grantToUsers(world.as(ann), base))).toMatchObject({ code: "forbidden", rule: "manage_users" });
    expect(await world.refused(world.roles.grantToUsers(world.as(world.partnerAdmin), { ...base, role: "emperor" } as never))).toMatchObject({ code: "validation", field: "role" });
    expect(await world.refused(world.roles.grantToUsers(world.as(world.partnerAdmin), { ...base, role: "editor" }))).toMatchObject({ code: "forbidden", rule: "role_scope" });
    expect(await world.refused(world.roles.grantToUsers(world.as(world.partnerAdmin), { ...base, filter: { locations: [] } }))).toMatchObject({ code: "validation", field: "filter.locations" });
  });
});
