import { describe, expect, it } from "vitest";
import { planReminders, reminderKey } from "../../src/expiry/reminder-plan.js";
import { at, settings, thirdParty, user } from "./fixtures.js";

const berlin = settings("Europe/Berlin", 90, [14, 3]);
const guest = thirdParty("u-guest", at("2026-04-15T22:00:00Z")); // last day 15 April, access ends 16 April 00:00 CEST

describe("reminders to the sponsor before expiry", () => {
  it("the 14-day reminder is due from the start of the local day 14 days before expiry", () => {
    expect(planReminders([guest], at("2026-04-01T21:59:59Z"), berlin, new Set())).toEqual([]);
    expect(planReminders([guest], at("2026-04-01T22:00:00Z"), berlin, new Set())).toEqual([
      {
        userId: "u-guest",
        sponsorId: "u-sponsor",
        daysBefore: 14,
        daysLeft: 14,
        expiresAt: at("2026-04-15T22:00:00Z"),
        lastDay: "2026-04-15",
        key: "u-guest:14:2026-04-15T22:00:00.000Z",
        keys: ["u-guest:14:2026-04-15T22:00:00.000Z"],
      },
    ]);
  });

  it("each reminder is sent once", () => {
    const sent = new Set([reminderKey("u-guest", 14, at("2026-04-15T22:00:00Z"))]);
    expect(planReminders([guest], at("2026-04-05T10:00:00Z"), berlin, sent)).toEqual([]);
    const threeDays = planReminders([guest], at("2026-04-12T22:00:00Z"), berlin, sent);
    expect(threeDays.map((r) => [r.daysBefore, r.daysLeft, r.keys])).toEqual([[3, 3, ["u-guest:3:2026-04-15T22:00:00.000Z"]]]);
    sent.add("u-guest:3:2026-04-15T22:00:00.000Z");
    expect(planReminders([guest], at("2026-04-15T21:00:00Z"), berlin, sent)).toEqual([]);
  });

  it("a run that missed the 14-day mark sends only the 3-day reminder and covers both", () => {
    const due = planReminders([guest], at("2026-04-14T10:00:00Z"), berlin, new Set());
    expect(due.map((r) => [r.daysBefore, r.daysLeft, r.keys])).toEqual([
      [3, 2, ["u-guest:3:2026-04-15T22:00:00.000Z", "u-guest:14:2026-04-15T22:00:00.000Z"]],
    ]);
    expect(planReminders([guest], at("2026-04-14T11:00:00Z"), berlin, new Set(due[0]?.keys))).toEqual([]);
  });

  it("moving the date makes the reminders due again for the new date", () => {
    const sent = new Set(["u-guest:14:2026-04-15T22:00:00.000Z", "u-guest:3:2026-04-15T22:00:00.000Z"]);
    const moved = { ...guest, accessExpiresAt: at("2026-04-17T22:00:00Z") };
    expect(planReminders([moved], at("2026-04-14T10:00:00Z"), berlin, sent).map((r) => r.key)).toEqual(["u-guest:14:2026-04-17T22:00:00.000Z"]);
  });

  it("counts days across the spring DST change", () => {
    const early = thirdParty("u-dst", at("2026-04-01T22:00:00Z")); // last day 1 April
    expect(planReminders([early], at("2026-03-29T21:59:00Z"), berlin, new Set([reminderKey("u-dst", 14, at("2026-04-01T22:00:00Z"))]))).toEqual([]);
    expect(planReminders([early], at("2026-03-29T22:00:00Z"), berlin, new Set([reminderKey("u-dst", 14, at("2026-04-01T22:00:00Z"))])).map((r) => r.daysBefore)).toEqual([3]);
    expect(planReminders([early], at("2026-03-18T22:59:00Z"), berlin, new Set())).toEqual([]);
    expect(planReminders([early], at("2026-03-18T23:00:00Z"), berlin, new Set()).map((r) => r.daysLeft)).toEqual([14]);
  });

  it("counts days in the organization's time zone across the date line", () => {
    const kiwi = thirdParty("u-kiwi", at("2026-04-09T12:00:00Z")); // 10 April 00:00 NZST: last day 9 April
    const auckland = settings("Pacific/Auckland", 90, [14]);
    expect(planReminders([kiwi], at("2026-03-26T10:59:00Z"), auckland, new Set())).toEqual([]);
    expect(planReminders([kiwi], at("2026-03-26T11:00:00Z"), auckland, new Set()).map((r) => r.lastDay)).toEqual(["2026-04-09"]);
  });

  it("none after expiry, none for de-activated, removed or regular users, none without a date", () => {
    const now = at("2026-04-14T10:00:00Z");
    const users = [
      thirdParty("u-past", at("2026-04-13T22:00:00Z")),
      thirdParty("u-off", at("2026-04-15T22:00:00Z"), { status: "deactivated", reason: "admin" }),
      thirdParty("u-gone", at("2026-04-15T22:00:00Z"), { status: "removed", at: now }),
      thirdParty("u-none", null),
      user({ id: "u-regular" as never, accessExpiresAt: at("2026-04-15T22:00:00Z") }),
    ];
    expect(planReminders(users, now, berlin, new Set())).toEqual([]);
  });

  it("invited and blocked third-party users still get their sponsor reminded, sorted by id", () => {
    const now = at("2026-04-14T10:00:00Z");
    const users = [
      thirdParty("u-b", at("2026-04-15T22:00:00Z"), { status: "blocked", until: null, reason: null }),
      thirdParty("u-a", at("2026-04-15T22:00:00Z"), { status: "invited" }),
    ];
    expect(planReminders(users, now, berlin, new Set()).map((r) => r.userId)).toEqual(["u-a", "u-b"]);
  });
});
