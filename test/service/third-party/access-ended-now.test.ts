/**
 * "Is this account usable now" has one answer: a third-party user whose last day has passed is treated
 * as de-activated by every command at once, whether or not the expiry sweep has run (the zoned
 * workspace: "no date means de-activated"; expiry de-activates).
 */
import { describe, expect, it } from "vitest";
import { setupWorld } from "../_harness.js";

const thirdPartyOn = { thirdParty: { enabled: true, maxAccessDays: 90 }, timeZone: "Europe/Berlin" } as const;
/** The world's clock starts at 2026-03-02T09:00Z; this day ended before it. */
const PAST = new Date("2026-03-01T23:00:00Z");

async function withExpiredThirdParty() {
  const world = await setupWorld({ settings: thirdPartyOn });
  const past = await world.seedUser(world.partner.id, "past", [{ role: "member" }], { thirdParty: true, accessExpiresAt: PAST });
  return { world, past };
}

describe("a third-party user past their last day, before the sweep", () => {
  it("gets no reset link from 'forgot password' (the answer looks the same as for an unknown login)", async () => {
    const { world } = await withExpiredThirdParty();
    const before = world.store.snapshot();
    const answer = await world.tenure.credentials.forgotPassword({ organizationId: world.partner.id, login: "past" });
    expect(answer.isOk()).toBe(true);
    expect(world.links).toHaveLength(0);
    expect(world.store.snapshot().outbox).toEqual(before.outbox);
  });

  it("cannot be made the contact person", async () => {
    const { world, past } = await withExpiredThirdParty();
    const result = await world.tenure.accounts.makeContactPerson(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: past.id, expectedVersion: world.partner.version });
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: "invalid_state", state: "deactivated" });
  });

  it("is listed as de-activated in the management view, not as active", async () => {
    const { world, past } = await withExpiredThirdParty();
    const admin = world.as(world.partnerAdmin);
    const listed = (await world.tenure.thirdParty.list(admin, { organizationId: world.partner.id, statuses: ["deactivated"] }))._unsafeUnwrap();
    expect(listed.items.map((row) => row.user.id)).toContain(past.id);
    const active = (await world.tenure.thirdParty.list(admin, { organizationId: world.partner.id, statuses: ["active"] }))._unsafeUnwrap();
    expect(active.items.map((row) => row.user.id)).not.toContain(past.id);
  });
});
