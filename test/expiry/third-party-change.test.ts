import { describe, expect, it } from "vitest";
import { latestAllowedExpiry } from "../../src/expiry/access-window.js";
import { clearExpiry, endThirdParty, makeThirdParty, moveExpiry } from "../../src/expiry/third-party-change.js";
import type { UserId } from "../../src/model/ids.js";
import { at, settings, thirdParty, user } from "./fixtures.js";

const now = at("2026-03-01T09:00:00Z");
const berlin = settings("Europe/Berlin", 90);
const off = { ...berlin, thirdParty: { ...berlin.thirdParty, enabled: false } };

describe("making a user third party", () => {
  it("a new or regular user gets the configured maximum when no date is given", () => {
    const made = makeThirdParty(user(), now, berlin)._unsafeUnwrap();
    expect(made).toMatchObject({ thirdParty: true, accessExpiresAt: at("2026-05-30T22:00:00Z"), updatedAt: now, account: { status: "active" } });
    expect(made.version).toBe(3);
  });

  it("a directory user can be converted, keeping its source", () => {
    const ldap = user({ source: { type: "directory", source: "directory", externalId: "entry-1" } });
    expect(makeThirdParty(ldap, now, berlin)._unsafeUnwrap()).toMatchObject({ thirdParty: true, source: { type: "directory", source: "directory", externalId: "entry-1" } });
  });

  it("takes the date the admin entered", () => {
    expect(makeThirdParty(user(), now, berlin, { expiresOn: "2026-04-15" })._unsafeUnwrap().accessExpiresAt).toEqual(at("2026-04-15T22:00:00Z"));
  });

  it("refuses a date beyond the maximum with the latest allowed date", () => {
    const refused = makeThirdParty(user(), now, berlin, { expiresOn: "2026-06-01" })._unsafeUnwrapErr();
    expect(refused).toMatchObject({ code: "validation", field: "accessExpiresAt" });
    expect(refused.message).toContain("2026-05-30");
  });

  it("refuses a user who is already third party, or removed", () => {
    expect(makeThirdParty(thirdParty("u-1", at("2026-04-01T00:00:00Z")), now, berlin)._unsafeUnwrapErr()).toMatchObject({ code: "invalid_state" });
    expect(makeThirdParty(user({ account: { status: "removed", at: now } }), now, berlin)._unsafeUnwrapErr()).toMatchObject({
      code: "invalid_state",
      state: "removed",
    });
  });

  it("is refused while third-party management is off", () => {
    expect(makeThirdParty(user(), now, off)._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "third_party_disabled" });
  });
});

describe("moving the date", () => {
  const guest = thirdParty("u-guest", at("2026-03-10T23:00:00Z"));

  it("can move it later, up to the maximum counted from now", () => {
    expect(moveExpiry(guest, "2026-05-30", now, berlin)._unsafeUnwrap().accessExpiresAt).toEqual(latestAllowedExpiry(now, berlin));
  });

  it("can move it earlier, to today at the earliest", () => {
    expect(moveExpiry(guest, "2026-03-01", now, berlin)._unsafeUnwrap().accessExpiresAt).toEqual(at("2026-03-01T23:00:00Z"));
    expect(moveExpiry(guest, "2026-02-28", now, berlin)._unsafeUnwrapErr()).toMatchObject({ code: "validation", issues: [{ code: "expiry_in_past" }] });
  });

  it("never beyond the maximum", () => {
    const refused = moveExpiry(guest, "2026-05-31", now, berlin)._unsafeUnwrapErr();
    expect(refused).toMatchObject({ code: "validation", field: "accessExpiresAt", issues: [{ code: "expiry_beyond_maximum" }] });
    expect(refused.message).toContain("the latest allowed date is 2026-05-30 (Europe/Berlin)");
  });

  it("leaves a de-activated user de-activated", () => {
    const expired = thirdParty("u-old", at("2026-02-01T23:00:00Z"), { status: "deactivated", reason: "access_expired" });
    expect(moveExpiry(expired, "2026-04-01", now, berlin)._unsafeUnwrap().account).toEqual({ status: "deactivated", reason: "access_expired" });
  });

  it("refuses a regular user, a removed user, and a switched-off organization", () => {
    expect(moveExpiry(user(), "2026-04-01", now, berlin)._unsafeUnwrapErr()).toMatchObject({ code: "invalid_state", state: "regular" });
    expect(moveExpiry({ ...guest, account: { status: "removed", at: now } }, "2026-04-01", now, berlin)._unsafeUnwrapErr().code).toBe("invalid_state");
    expect(moveExpiry(guest, "2026-04-01", now, off)._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "third_party_disabled" });
  });
});

describe("clearing the date de-activates at once", () => {
  it.each([
    ["active", { status: "active" } as const],
    ["blocked", { status: "blocked", until: null, reason: null } as const],
    ["invited", { status: "invited" } as const],
    ["pending verification", { status: "pending_verification" } as const],
  ])("from %s", (_, account) => {
    const cleared = clearExpiry(thirdParty("u-1", at("2026-04-01T22:00:00Z"), account), now, berlin)._unsafeUnwrap();
    expect(cleared).toMatchObject({ accessExpiresAt: null, account: { status: "deactivated", reason: "access_cleared" }, updatedAt: now });
  });

  it("a user already de-activated keeps the reason and loses the date", () => {
    const cleared = clearExpiry(thirdParty("u-1", at("2026-02-01T23:00:00Z"), { status: "deactivated", reason: "admin" }), now, berlin)._unsafeUnwrap();
    expect(cleared).toMatchObject({ accessExpiresAt: null, account: { status: "deactivated", reason: "admin" } });
  });

  it("refuses a regular user, a removed user, and a switched-off organization", () => {
    expect(clearExpiry(user(), now, berlin)._unsafeUnwrapErr().code).toBe("invalid_state");
    expect(clearExpiry(thirdParty("u-1", null, { status: "removed", at: now }), now, berlin)._unsafeUnwrapErr().code).toBe("invalid_state");
    expect(clearExpiry(thirdParty("u-1", at("2026-04-01T22:00:00Z")), now, off)._unsafeUnwrapErr()).toMatchObject({ rule: "third_party_disabled" });
  });
});

describe("ending third-party status", () => {
  it("makes a regular user with no date, account unchanged", () => {
    const ended = endThirdParty(thirdParty("u-1", at("2026-04-01T22:00:00Z"), { status: "deactivated", reason: "access_expired" }), now, berlin);
    expect(ended._unsafeUnwrap()).toMatchObject({
      thirdParty: false,
      accessExpiresAt: null,
      account: { status: "deactivated", reason: "access_expired" },
      invitedBy: "u-sponsor" as UserId,
    });
  });

  it("refuses a regular user and a switched-off organization", () => {
    expect(endThirdParty(user(), now, berlin)._unsafeUnwrapErr().code).toBe("invalid_state");
    expect(endThirdParty(thirdParty("u-1", null), now, off)._unsafeUnwrapErr().code).toBe("forbidden");
  });
});
