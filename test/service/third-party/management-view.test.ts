import { describe, expect, it } from "vitest";
import { setupWorld } from "../_harness.js";

const enabled = { thirdParty: { enabled: true, maxAccessDays: 90 }, timeZone: "Europe/Berlin" } as const;

describe("the third-party management view", () => {
  it("lists third-party users by end of access, soonest first, with the days left, filtered and paged", async () => {
    const world = await setupWorld({ settings: enabled });
    const admin = world.as(world.partnerAdmin);
    const lastDays = { ann: "2026-04-30", bob: "2026-03-05", cid: "2026-05-20", dan: "2026-03-10" };
    const made = new Map<string, number>();
    for (const [name, lastDay] of Object.entries(lastDays)) {
      const user = await world.seedUser(world.partner.id, name, [], name === "cid" ? { invitedBy: world.operator.id } : {});
      const updated = (await world.tenure.thirdParty.setAccess(admin, { organizationId: world.partner.id, userId: user.id, expectedVersion: user.version, change: { type: "make", lastDay } }))._unsafeUnwrap();
      made.set(name, updated.version);
    }
    await world.seedUser(world.partner.id, "regular");
    // Dan's date is cleared: he is de-activated at once and, with no date, leaves this view (the admin user list still shows him).
    (await world.tenure.thirdParty.setAccess(admin, { organizationId: world.partner.id, userId: "usr_dan" as never, expectedVersion: made.get("dan") ?? 0, change: { type: "clear" } }))._unsafeUnwrap();

    const all = (await world.tenure.thirdParty.list(admin, { organizationId: world.partner.id }))._unsafeUnwrap();
    // Today is 2 March 2026: Bob has the rest of today plus 3 days.
    expect(all.items.map((row) => [row.user.username, row.lastDay, row.daysLeft])).toEqual([
      ["bob", "2026-03-05", 4],
      ["ann", "2026-04-30", 60],
      ["cid", "2026-05-20", 80],
    ]);
    expect(all.nextCursor).toBeNull();

    const first = (await world.tenure.thirdParty.list(admin, { organizationId: world.partner.id, limit: 2 }))._unsafeUnwrap();
    expect(first.items.map((row) => row.user.username)).toEqual(["bob", "ann"]);
    const second = (await world.tenure.thirdParty.list(admin, { organizationId: world.partner.id, limit: 2, after: first.nextCursor ?? "" }))._unsafeUnwrap();
    expect(second.items.map((row) => row.user.username)).toEqual(["cid"]);

    const sponsored = (await world.tenure.thirdParty.list(admin, { organizationId: world.partner.id, sponsorId: world.operator.id }))._unsafeUnwrap();
    expect(sponsored.items.map((row) => row.user.username)).toEqual(["cid"]);
    const active = (await world.tenure.thirdParty.list(admin, { organizationId: world.partner.id, statuses: ["active"], limit: 1 }))._unsafeUnwrap();
    expect(active.items.map((row) => row.user.username)).toEqual(["bob"]);
  });

  it("is for admins only", async () => {
    const world = await setupWorld({ settings: enabled });
    const ann = await world.seedUser(world.partner.id, "ann");
    expect((await world.tenure.thirdParty.list(world.as(ann), { organizationId: world.partner.id }))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden" });
  });
});
