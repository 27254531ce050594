import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { accountStanding, accountStatusNow } from "../../src/access/account-standing.js";
import { accessEndOf, lastAccessDay } from "../../src/expiry/access-end.js";
import { checkRequestedExpiry, latestAllowedDay, latestAllowedExpiry } from "../../src/expiry/access-window.js";
import { daysLeft } from "../../src/expiry/days-left.js";
import { extendMany } from "../../src/expiry/extend-many.js";
import { planExpirySweep } from "../../src/expiry/expiry-sweep-plan.js";
import { planReminders } from "../../src/expiry/reminder-plan.js";
import { effectiveStatus, type AccountState } from "../../src/model/account-state.js";
import type { UserId } from "../../src/model/ids.js";
import type { User } from "../../src/model/user.js";
import { settings, user } from "./fixtures.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Zones with DST at 02:00 or at midnight, half-hour DST, odd offsets, and both sides of the date line. */
const zone = fc.constantFrom(
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Pacific/Auckland",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
);
const instant = fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true });
/** Offsets around `now`, biased to hit it exactly and to land on hour boundaries. */
const offset = fc.oneof(fc.constant(0), fc.integer({ min: -40, max: 40 }).map((h) => h * HOUR), fc.integer({ min: -30 * DAY, max: 30 * DAY }));

const account: fc.Arbitrary<AccountState> = fc.oneof(
  fc.constant({ status: "active" as const }),
  fc.constant({ status: "invited" as const }),
  fc.constant({ status: "pending_verification" as const }),
  fc.record({ status: fc.constant("blocked" as const), until: fc.option(offset, { nil: null }), reason: fc.constant(null) }, { noNullPrototype: true }).map(
    // `until` is an offset here, made absolute below
    (b) => b as unknown as AccountState,
  ),
  fc.record(
    { status: fc.constant("deactivated" as const), reason: fc.constantFrom("admin" as const, "access_expired" as const, "access_cleared" as const, "directory" as const) },
    { noNullPrototype: true },
  ),
  fc.constant({ status: "removed" as const, at: new Date("2024-01-01T00:00:00Z") }),
);

interface UserGene {
  readonly id: string;
  readonly thirdParty: boolean;
  readonly expiresIn: number | null;
  readonly account: AccountState;
}
const genes = fc.uniqueArray(
  fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,6}$/), thirdParty: fc.boolean(), expiresIn: fc.option(offset, { nil: null }), account }, { noNullPrototype: true }),
  { selector: (g) => g.id, maxLength: 25 },
);

function build(gs: readonly UserGene[], now: Date): User[] {
  return gs.map((g) => {
    const state =
      g.account.status === "blocked" && typeof g.account.until === "number"
        ? { ...g.account, until: new Date(now.getTime() + (g.account.until as number)) }
        : g.account;
    return user({
      id: g.id as UserId,
      thirdParty: g.thirdParty,
      accessExpiresAt: g.expiresIn === null ? null : new Date(now.getTime() + g.expiresIn),
      account: state,
    });
  });
}

function applySweep(users: readonly User[], now: Date): User[] {
  const saved = new Map(planExpirySweep(users, now).deactivations.map((d) => [d.userId, d.user]));
  return users.map((u) => saved.get(u.id) ?? u);
}

describe("the access window", () => {
  test.prop([instant, zone, fc.integer({ min: 1, max: 400 })])("ends on a local midnight, maxAccessDays full days after today, after now", (now, timeZone, max) => {
    const s = settings(timeZone, max);
    const latest = latestAllowedExpiry(now, s);
    expect(latest.getTime()).toBeGreaterThan(now.getTime());
    expect(accessEndOf(latest, timeZone)._unsafeUnwrap()).toEqual(latest);
    expect(lastAccessDay(latest, timeZone)).toBe(latestAllowedDay(now, s));
    expect(daysLeft({ thirdParty: true, accessExpiresAt: latest }, now, timeZone)).toBe(max + 1);
    // Today's remainder plus `max` calendar days, each 24 hours give or take the net DST shift (at most an hour).
    expect(latest.getTime() - now.getTime()).toBeGreaterThan(max * DAY - HOUR);
    expect(latest.getTime() - now.getTime()).toBeLessThanOrEqual((max + 1) * DAY + HOUR);
  });

  test.prop([instant, zone, fc.integer({ min: 1, max: 120 }), fc.integer({ min: -5, max: 125 })])(
    "a requested calendar day is accepted exactly from today to the latest allowed day",
    (now, timeZone, max, k) => {
      const s = settings(timeZone, max);
      const requested = shiftDay(today(now, timeZone), k);
      const result = checkRequestedExpiry(requested, now, s);
      expect(result.isOk()).toBe(k >= 0 && k <= max);
      if (result.isOk()) {
        expect(result.value.getTime()).toBeGreaterThan(now.getTime());
        expect(result.value.getTime()).toBeLessThanOrEqual(latestAllowedExpiry(now, s).getTime());
        expect(lastAccessDay(result.value, timeZone)).toBe(requested);
      } else {
        expect(result.error.field).toBe("accessExpiresAt");
        expect(result.error.issues[0]?.code).toBe(k < 0 ? "expiry_in_past" : "expiry_beyond_maximum");
      }
    },
  );

  test.prop([instant, zone, fc.integer({ min: 1, max: 400 }), genes, fc.oneof(offset.map((o) => ({ o, asText: false })), fc.integer({ min: -3, max: 410 }).map((o) => ({ o, asText: true })))])(
    "no extension ever ends after the latest allowed expiry, or at or before now",
    (now, timeZone, max, gs, pick) => {
      const s = settings(timeZone, max);
      const requested = pick.asText ? shiftDay(today(now, timeZone), pick.o) : new Date(now.getTime() + pick.o * (pick.o % 7 === 0 ? 24 : 1));
      const latest = latestAllowedExpiry(now, s).getTime();
      const users = build(gs, now).map((u) => (u.thirdParty ? u : { ...u, thirdParty: u.id.length % 2 === 0 }));
      for (const { result } of extendMany(users, requested, now, s)) {
        if (result.isErr()) continue;
        const end = result.value.accessExpiresAt;
        expect(end).not.toBeNull();
        expect(end?.getTime()).toBeLessThanOrEqual(latest);
        expect(end?.getTime()).toBeGreaterThan(now.getTime());
      }
    },
  );
});

describe("the account's status now", () => {
  test.prop([genes, instant])("is what the sweep leaves: running the sweep changes no one's status now, before or after it ran", (gs, now) => {
    const before = build(gs, now);
    const after = applySweep(before, now);
    before.forEach((u, i) => {
      const swept = after[i] as User;
      expect(accountStatusNow(u, now)).toBe(accountStatusNow(swept, now));
      const stored = effectiveStatus(swept.account, now);
      if (stored === "active" || stored === "blocked") expect(accountStatusNow(swept, now)).toBe(stored);
    });
  });

  test.prop([genes, instant])("an account is active now exactly when the permission resolver's standing says so", (gs, now) => {
    for (const u of build(gs, now)) {
      expect(accountStatusNow(u, now) === "active").toBe(accountStanding(u, now).active);
    }
  });
});

describe("the expiry sweep", () => {
  test.prop([genes, instant])("after applying the plan, no third-party user is active or blocked past their expiry", (gs, now) => {
    const after = applySweep(build(gs, now), now);
    for (const u of after) {
      if (!u.thirdParty) continue;
      const expired = u.accessExpiresAt === null || u.accessExpiresAt.getTime() <= now.getTime();
      if (!expired) continue;
      expect(["active", "blocked"]).not.toContain(effectiveStatus(u.account, now));
      expect(accountStanding(u, now).active).toBe(false);
    }
  });

  test.prop([genes, instant])("touches only third-party users, and only their account and updatedAt", (gs, now) => {
    const before = build(gs, now);
    const after = applySweep(before, now);
    before.forEach((u, i) => {
      const next = after[i];
      if (next === u) return;
      expect(u.thirdParty).toBe(true);
      expect({ ...next, account: u.account, updatedAt: u.updatedAt }).toEqual(u);
      expect(next?.account.status).toBe("deactivated");
    });
  });

  test.prop([genes, instant, fc.nat(60 * DAY)])("is idempotent: a second run, then or later, de-activates nobody already handled", (gs, now, later) => {
    const users = build(gs, now);
    const first = planExpirySweep(users, now);
    const after = applySweep(users, now);
    expect(planExpirySweep(after, now).deactivations).toEqual([]);
    expect(applySweep(after, now)).toEqual(after);
    const handled = new Set(first.deactivations.map((d) => d.userId));
    const next = planExpirySweep(after, new Date(now.getTime() + later)).deactivations;
    expect(next.filter((d) => handled.has(d.userId))).toEqual([]);
  });

  test.prop([
    genes.chain((gs) => fc.tuple(fc.constant(gs), fc.shuffledSubarray(gs, { minLength: gs.length, maxLength: gs.length }))),
    instant,
  ])("is order-independent", ([gs, shuffled], now) => {
    expect(planExpirySweep(build(shuffled, now), now)).toEqual(planExpirySweep(build(gs, now), now));
  });
});

describe("reminders", () => {
  const step = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 * DAY }).map((dt) => ({ type: "tick" as const, dt })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }).map((days) => ({ type: "move" as const, days })) },
  );

  test.prop([
    instant,
    zone,
    fc.integer({ min: 0, max: 45 }),
    fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }),
    fc.array(step, { maxLength: 60 }),
  ])("are never planned twice for the same key, never at or after expiry, and the nearest one is never missed", (start, timeZone, initialDays, thresholds, steps) => {
    const s = settings(timeZone, 60, thresholds);
    const smallest = Math.min(...thresholds);
    let now = start;
    let guest = user({ id: "u-g" as UserId, thirdParty: true, accessExpiresAt: checkRequestedExpiry(shiftDay(today(now, timeZone), initialDays), now, s)._unsafeUnwrap() });
    const sent = new Set<string>();
    const planned: string[] = [];
    const run = (): void => {
      for (const r of planReminders([guest], now, s, sent)) {
        expect(sent.has(r.key)).toBe(false);
        expect(r.keys[0]).toBe(r.key);
        expect(now.getTime()).toBeLessThan(r.expiresAt.getTime());
        expect(r.daysLeft).toBeLessThanOrEqual(r.daysBefore);
        expect(r.daysLeft).toBeGreaterThanOrEqual(1);
        planned.push(r.key);
        r.keys.forEach((k) => sent.add(k));
      }
      const left = daysLeft(guest, now, timeZone) ?? 0;
      if (left >= 1 && left <= smallest && guest.accessExpiresAt !== null) {
        expect(sent.has(`u-g:${smallest}:${guest.accessExpiresAt.toISOString()}`)).toBe(true);
      }
    };
    run();
    for (const st of steps) {
      if (st.type === "tick") now = new Date(now.getTime() + st.dt);
      else {
        const moved = checkRequestedExpiry(shiftDay(today(now, timeZone), st.days), now, s);
        if (moved.isOk()) guest = { ...guest, accessExpiresAt: moved.value };
      }
      run();
    }
    expect(new Set(planned).size).toBe(planned.length);
  });
});

/** The calendar date of `now` in `timeZone`. */
function today(now: Date, timeZone: string): string {
  // The day containing `now` ends at the first local midnight after it (not at `now` when `now` is one).
  return lastAccessDay(accessEndOf(new Date(now.getTime() + 1), timeZone)._unsafeUnwrap(), timeZone);
}

/** `isoDate` moved by `days` calendar days. */
function shiftDay(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
