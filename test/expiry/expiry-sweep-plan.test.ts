import { describe, expect, it } from "vitest";
import { daysLeft } from "../../src/expiry/days-left.js";
import { extendMany } from "../../src/expiry/extend-many.js";
import { planExpirySweep } from "../../src/expiry/expiry-sweep-plan.js";
import { at, settings, thirdParty, user } from "./fixtures.js";

const now = at("2026-03-30T08:00:00Z");

describe("the expiry sweep plan", () => {
  const expired = thirdParty("u-expired", at("2026-03-29T22:00:00Z"));
  const exactlyNow = thirdParty("u-now", now);
  const blocked = thirdParty("u-blocked", at("2026-03-20T23:00:00Z"), { status: "blocked", until: null, reason: "audit" });
  const future = thirdParty("u-future", at("2026-03-30T22:00:00Z"));
  const dateless = thirdParty("u-dateless", null);
  const alreadyOff = thirdParty("u-off", at("2026-03-01T23:00:00Z"), { status: "deactivated", reason: "access_expired" });
  const invited = thirdParty("u-invited", at("2026-03-01T23:00:00Z"), { status: "invited" });
  const removed = thirdParty("u-removed", at("2026-03-01T23:00:00Z"), { status: "removed", at: at("2026-03-02T00:00:00Z") });
  const regular = user({ id: "u-regular" as never, accessExpiresAt: at("2026-03-01T23:00:00Z") });
  const users = [future, expired, regular, blocked, exactlyNow, dateless, alreadyOff, invited, removed];

  const plan = planExpirySweep(users, now);

  it("de-activates active and blocked third-party users whose date has passed (or is now), and those with no date", () => {
    expect(plan.deactivations.map((d) => d.userId)).toEqual(["u-dateless", "u-blocked", "u-expired", "u-now"]);
    expect(plan.deactivations.map((d) => d.reason)).toEqual(["access_cleared", "access_expired", "access_expired", "access_expired"]);
  });

  it("returns the de-activated records ready to save, with the sponsor for the mail", () => {
    const first = plan.deactivations.find((d) => d.userId === "u-expired");
    expect(first).toMatchObject({ expiredAt: at("2026-03-29T22:00:00Z"), sponsorId: "u-sponsor" });
    expect(first?.user).toEqual({ ...expired, account: { status: "deactivated", reason: "access_expired" }, updatedAt: now });
  });

  it("is idempotent: after applying it, the next run plans nothing", () => {
    const saved = new Map(plan.deactivations.map((d) => [d.userId, d.user]));
    const after = users.map((u) => saved.get(u.id) ?? u);
    expect(planExpirySweep(after, now).deactivations).toEqual([]);
    expect(planExpirySweep(after, at("2026-03-30T09:00:00Z")).deactivations).toEqual([]);
  });

  it("a block that has ended counts as active", () => {
    const unblocked = thirdParty("u-x", at("2026-03-29T22:00:00Z"), { status: "blocked", until: at("2026-03-25T00:00:00Z"), reason: null });
    expect(planExpirySweep([unblocked], now).deactivations).toHaveLength(1);
  });
});

describe("days left, for the management view", () => {
  const guest = thirdParty("u-guest", at("2026-03-31T22:00:00Z")); // last day: 31 March (Berlin)

  it("counts calendar days of access including today", () => {
    expect(daysLeft(guest, at("2026-03-31T08:00:00Z"), "Europe/Berlin")).toBe(1);
    expect(daysLeft(guest, at("2026-03-29T08:00:00Z"), "Europe/Berlin")).toBe(3);
    expect(daysLeft(guest, at("2026-03-28T22:59:00Z"), "Europe/Berlin")).toBe(4); // 23:59 CET on 28 March, before the DST night
    expect(daysLeft(guest, at("2026-03-31T22:00:00Z"), "Europe/Berlin")).toBe(0);
  });

  it("is 0 without a date and null for a regular user", () => {
    expect(daysLeft(thirdParty("u", null), now, "UTC")).toBe(0);
    expect(daysLeft(user(), now, "UTC")).toBeNull();
  });
});

describe("extending several users at once", () => {
  const s = settings("Europe/Berlin", 90);

  it("moves each, and refuses per user", () => {
    const outcomes = extendMany([thirdParty("u-a", at("2026-04-01T22:00:00Z")), user({ id: "u-b" as never })], "2026-06-27", now, s);
    expect(outcomes.map((o) => o.userId)).toEqual(["u-a", "u-b"]);
    expect(outcomes[0]?.result._unsafeUnwrap().accessExpiresAt).toEqual(at("2026-06-27T22:00:00Z"));
    expect(outcomes[1]?.result._unsafeUnwrapErr().code).toBe("invalid_state");
  });

  it("never beyond the maximum", () => {
    const outcomes = extendMany([thirdParty("u-a", at("2026-04-01T22:00:00Z"))], "2026-06-29", now, s);
    expect(outcomes[0]?.result._unsafeUnwrapErr().message).toContain("the latest allowed date is 2026-06-28 (Europe/Berlin)");
  });
});
