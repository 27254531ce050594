// Account lifecycle: a block may be temporary ("blocked until") or permanent. A temporary block ends on its
// own at its end date, without any job running: from that instant the account counts as active.
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ACCOUNT_STATUSES, accountStateSchema, effectiveStatus, type AccountState } from "../../src/index.js";

const now = new Date("2025-06-15T12:00:00.000Z");
const at = (iso: string): Date => new Date(iso);
const blocked = (until: Date | null): AccountState => ({ status: "blocked", until, reason: null });

const dateArb = fc.date({ min: at("1970-01-01T00:00:00Z"), max: at("2200-01-01T00:00:00Z"), noInvalidDate: true });

const otherStates: AccountState[] = [
  { status: "invited" },
  { status: "pending_verification" },
  { status: "active" },
  { status: "deactivated", reason: "admin" },
  { status: "deactivated", reason: "access_expired" },
  { status: "removed", at: at("2020-01-01T00:00:00Z") },
];

describe("effectiveStatus", () => {
  it("a block whose end has passed counts as active", () => {
    expect(effectiveStatus(blocked(at("2025-06-15T11:59:59.999Z")), now)).toBe("active");
    expect(effectiveStatus(blocked(at("2024-01-01T00:00:00Z")), now)).toBe("active");
  });

  it("a block whose end is still ahead is blocked", () => {
    expect(effectiveStatus(blocked(at("2025-06-15T12:00:00.001Z")), now)).toBe("blocked");
    expect(effectiveStatus(blocked(at("2030-01-01T00:00:00Z")), now)).toBe("blocked");
  });

  it("exactly at the end of the block, the block has ended", () => {
    expect(effectiveStatus(blocked(new Date(now.getTime())), now)).toBe("active");
  });

  it("a permanent block stays, however late it is", () => {
    expect(effectiveStatus(blocked(null), now)).toBe("blocked");
    expect(effectiveStatus(blocked(null), at("9999-12-31T23:59:59Z"))).toBe("blocked");
  });

  it.each(otherStates)("$status stays $status", (state) => {
    expect(effectiveStatus(state, now)).toBe(state.status);
  });

  fcTest.prop([dateArb, fc.integer({ min: 1, max: 10 * 365 * 24 * 3600 * 1000 })])(
    "a block is active from its end on, and blocked before",
    (until, offset) => {
      const state = blocked(until);
      expect(effectiveStatus(state, new Date(until.getTime() + offset))).toBe("active");
      expect(effectiveStatus(state, until)).toBe("active");
      expect(effectiveStatus(state, new Date(until.getTime() - offset))).toBe("blocked");
    },
  );

  fcTest.prop([dateArb])("a permanent block is blocked at every instant", (instant) => {
    expect(effectiveStatus(blocked(null), instant)).toBe("blocked");
  });

  fcTest.prop([fc.constantFrom(...otherStates), dateArb])("other statuses do not depend on time", (state, instant) => {
    expect(effectiveStatus(state, instant)).toBe(state.status);
  });

  fcTest.prop([dateArb, dateArb])("does not change the state it is given", (until, instant) => {
    const state = blocked(until);
    const copy = structuredClone(state);
    effectiveStatus(state, instant);
    expect(state).toEqual(copy);
  });
});

describe("accountStateSchema", () => {
  it("lists every status in lifecycle order", () => {
    expect(ACCOUNT_STATUSES).toEqual(["invited", "pending_verification", "active", "blocked", "deactivated", "removed"]);
  });

  it("accepts each state with its data", () => {
    for (const state of [...otherStates, blocked(null), blocked(now), { status: "blocked", until: now, reason: "spam" }]) {
      expect(accountStateSchema.parse(state)).toEqual(state);
    }
  });

  it.each([
    [{ status: "blocked" }, "a block without until"],
    [{ status: "blocked", until: "2025-01-01", reason: null }, "a date as a string"],
    [{ status: "blocked", until: new Date(Number.NaN), reason: null }, "an invalid date"],
    [{ status: "deactivated", reason: "bored" }, "an unknown deactivation reason"],
    [{ status: "removed" }, "removed without a date"],
    [{ status: "suspended" }, "an unknown status"],
  ])("refuses %j (%s)", (state, _why) => {
    expect(accountStateSchema.safeParse(state).success).toBe(false);
  });
});
