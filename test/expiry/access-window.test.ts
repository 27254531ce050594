import { describe, expect, it } from "vitest";
import { accessEndAfterDay, accessEndOf, lastAccessDay } from "../../src/expiry/access-end.js";
import { checkRequestedExpiry, defaultExpiry, latestAllowedDay, latestAllowedExpiry } from "../../src/expiry/access-window.js";
import { at, settings } from "./fixtures.js";

describe("the maximum access window: through the Nth calendar day after today, ending at the next local midnight", () => {
  it("90 calendar days from 1 March: access through 30 May, ending at 00:00 on 31 May", () => {
    const berlin = settings("Europe/Berlin", 90);
    expect(latestAllowedDay(at("2026-03-01T09:00:00Z"), berlin)).toBe("2026-05-30");
    expect(latestAllowedExpiry(at("2026-03-01T09:00:00Z"), berlin)).toEqual(at("2026-05-30T22:00:00Z"));
  });

  it("does not depend on the time of day: the first and the last minute of a day give the same end", () => {
    const berlin = settings("Europe/Berlin", 10);
    const first = latestAllowedExpiry(at("2026-06-09T22:00:00Z"), berlin); // 10 June 00:00 CEST
    const last = latestAllowedExpiry(at("2026-06-10T21:59:00Z"), berlin); // 10 June 23:59 CEST
    expect(first).toEqual(at("2026-06-20T22:00:00Z"));
    expect(last).toEqual(first);
  });

  it("the default expiry is the maximum", () => {
    const s = settings("America/New_York", 30);
    expect(defaultExpiry(at("2026-07-04T12:00:00Z"), s)).toEqual(latestAllowedExpiry(at("2026-07-04T12:00:00Z"), s));
  });

  describe("across DST changes the end stays on local midnight", () => {
    it("Europe/Berlin, last Sunday of March (29 March 2026, 23-hour day)", () => {
      const berlin = settings("Europe/Berlin", 1);
      // Saturday 28 March 13:00 CET: access through Sunday 29 March, ends Monday 00:00 CEST.
      expect(latestAllowedExpiry(at("2026-03-28T12:00:00Z"), berlin)).toEqual(at("2026-03-29T22:00:00Z"));
      // The day before the change still ends at midnight CET.
      expect(accessEndAfterDay("2026-03-28", "Europe/Berlin")).toEqual(at("2026-03-28T23:00:00Z"));
    });

    it("Europe/Berlin, 90 days from mid-January end in summer time", () => {
      expect(latestAllowedExpiry(at("2026-01-15T10:00:00Z"), settings("Europe/Berlin", 90))).toEqual(at("2026-04-15T22:00:00Z"));
    });

    it("Europe/Berlin, last Sunday of October (25 October 2026, 25-hour day): 02:30 happens twice, both are the same day", () => {
      const berlin = settings("Europe/Berlin", 1);
      const firstPass = at("2026-10-25T00:30:00Z"); // 02:30 CEST
      const secondPass = at("2026-10-25T01:30:00Z"); // 02:30 CET
      expect(latestAllowedExpiry(firstPass, berlin)).toEqual(at("2026-10-26T23:00:00Z"));
      expect(latestAllowedExpiry(secondPass, berlin)).toEqual(at("2026-10-26T23:00:00Z"));
      expect(latestAllowedExpiry(at("2026-10-20T10:00:00Z"), settings("Europe/Berlin", 10))).toEqual(at("2026-10-30T23:00:00Z"));
    });

    it("America/New_York, spring forward (8 March 2026) and fall back (1 November 2026)", () => {
      const ny = settings("America/New_York", 1);
      expect(latestAllowedExpiry(at("2026-03-07T15:00:00Z"), ny)).toEqual(at("2026-03-09T04:00:00Z")); // Monday 00:00 EDT
      expect(latestAllowedExpiry(at("2026-10-31T16:00:00Z"), ny)).toEqual(at("2026-11-02T05:00:00Z")); // Monday 00:00 EST
    });

    it("America/New_York counts today in New York, not in UTC", () => {
      // 22:00 EST on Saturday 7 March is already Sunday in UTC.
      expect(latestAllowedDay(at("2026-03-08T03:00:00Z"), settings("America/New_York", 1))).toBe("2026-03-08");
      expect(latestAllowedDay(at("2026-03-08T03:00:00Z"), settings("UTC", 1))).toBe("2026-03-09");
    });

    it("America/Santiago skips midnight when summer time starts: that day begins at 01:00", () => {
      expect(accessEndAfterDay("2026-09-05", "America/Santiago")).toEqual(at("2026-09-06T04:00:00Z")); // 01:00 -03
      expect(accessEndAfterDay("2026-04-04", "America/Santiago")).toEqual(at("2026-04-05T04:00:00Z")); // 00:00 -04
      expect(lastAccessDay(at("2026-09-06T04:00:00Z"), "America/Santiago")).toBe("2026-09-05");
    });
  });

  describe("month ends and leap days need no special case", () => {
    it("31 January + 30 days is 2 March in 2026 and 1 March in 2028", () => {
      expect(latestAllowedDay(at("2026-01-31T12:00:00Z"), settings("UTC", 30))).toBe("2026-03-02");
      expect(latestAllowedDay(at("2028-01-31T12:00:00Z"), settings("UTC", 30))).toBe("2028-03-01");
      expect(latestAllowedExpiry(at("2028-01-31T12:00:00Z"), settings("UTC", 30))).toEqual(at("2028-03-02T00:00:00Z"));
    });

    it("29 February 2028 is a valid date to ask for and to count from", () => {
      expect(checkRequestedExpiry("2028-02-29", at("2028-02-01T12:00:00Z"), settings("UTC", 90)).isOk()).toBe(true);
      expect(latestAllowedDay(at("2028-02-29T12:00:00Z"), settings("UTC", 90))).toBe("2028-05-29");
      expect(latestAllowedDay(at("2028-02-29T12:00:00Z"), settings("UTC", 365))).toBe("2029-02-28");
      expect(latestAllowedDay(at("2028-01-31T12:00:00Z"), settings("UTC", 29))).toBe("2028-02-29");
    });

    it("29 February 2027 does not exist", () => {
      const refused = checkRequestedExpiry("2027-02-29", at("2027-01-01T12:00:00Z"), settings("UTC", 90));
      expect(refused._unsafeUnwrapErr().issues[0]?.code).toBe("expiry_malformed");
    });
  });

  describe("the date line", () => {
    it("Pacific/Auckland is a day ahead of UTC, and its summer time ends on 5 April 2026", () => {
      const auckland = settings("Pacific/Auckland", 7);
      const now = at("2026-03-31T11:30:00Z"); // 1 April 00:30 NZDT
      expect(latestAllowedDay(now, auckland)).toBe("2026-04-08");
      expect(latestAllowedExpiry(now, auckland)).toEqual(at("2026-04-08T12:00:00Z")); // 9 April 00:00 NZST
      expect(latestAllowedDay(now, settings("UTC", 7))).toBe("2026-04-07");
      expect(latestAllowedDay(now, settings("Pacific/Honolulu", 7))).toBe("2026-04-07");
    });

    it("the same calendar date ends at different instants on either side of the line", () => {
      expect(accessEndAfterDay("2026-07-01", "Pacific/Auckland")).toEqual(at("2026-07-01T12:00:00Z"));
      expect(accessEndAfterDay("2026-07-01", "Pacific/Honolulu")).toEqual(at("2026-07-02T10:00:00Z"));
    });
  });
});

describe("normalising a requested date to the instant access ends", () => {
  it("a YYYY-MM-DD date is the last day of access", () => {
    expect(accessEndOf("2026-04-15", "Europe/Berlin")._unsafeUnwrap()).toEqual(at("2026-04-15T22:00:00Z"));
  });

  it("a Date is rounded up to the next local midnight; a midnight is kept", () => {
    expect(accessEndOf(at("2026-04-15T10:00:00Z"), "Europe/Berlin")._unsafeUnwrap()).toEqual(at("2026-04-15T22:00:00Z"));
    expect(accessEndOf(at("2026-04-15T22:00:00Z"), "Europe/Berlin")._unsafeUnwrap()).toEqual(at("2026-04-15T22:00:00Z"));
    expect(accessEndOf(at("2026-04-15T22:00:00.001Z"), "Europe/Berlin")._unsafeUnwrap()).toEqual(at("2026-04-16T22:00:00Z"));
  });

  it("UTC midnight from a date picker is the evening before in New York", () => {
    expect(accessEndOf(new Date("2026-03-30"), "America/New_York")._unsafeUnwrap()).toEqual(at("2026-03-30T04:00:00Z"));
    expect(lastAccessDay(at("2026-03-30T04:00:00Z"), "America/New_York")).toBe("2026-03-29");
  });

  it.each(["2026-4-15", "15.04.2026", "2026-13-01", "2026-04-31", "", "0099-01-01"])("refuses %j as malformed", (text) => {
    const refused = accessEndOf(text, "UTC")._unsafeUnwrapErr();
    expect(refused).toMatchObject({ code: "validation", field: "accessExpiresAt" });
    expect(refused.issues[0]?.code).toBe("expiry_malformed");
  });

  it("refuses an invalid Date", () => {
    expect(accessEndOf(new Date(Number.NaN), "UTC")._unsafeUnwrapErr().issues[0]?.code).toBe("expiry_malformed");
  });
});

describe("checking a requested expiry", () => {
  const berlin = settings("Europe/Berlin", 90);
  const now = at("2026-03-01T09:00:00Z");

  it("accepts any day from today to the latest allowed day", () => {
    expect(checkRequestedExpiry("2026-03-01", now, berlin)._unsafeUnwrap()).toEqual(at("2026-03-01T23:00:00Z"));
    expect(checkRequestedExpiry("2026-05-30", now, berlin)._unsafeUnwrap()).toEqual(at("2026-05-30T22:00:00Z"));
  });

  it("refuses a date beyond the maximum, naming the latest allowed date in the organization's time zone", () => {
    const refused = checkRequestedExpiry("2026-05-31", now, berlin)._unsafeUnwrapErr();
    expect(refused).toMatchObject({ code: "validation", field: "accessExpiresAt" });
    expect(refused.issues[0]?.code).toBe("expiry_beyond_maximum");
    expect(refused.message).toContain("the latest allowed date is 2026-05-30 (Europe/Berlin)");
    expect(refused.message).toContain("90 calendar days");
  });

  it("names the local date, not the UTC one", () => {
    // 1 April 00:30 in Auckland is still 31 March in UTC.
    const refused = checkRequestedExpiry("2026-04-09", at("2026-03-31T11:30:00Z"), settings("Pacific/Auckland", 7))._unsafeUnwrapErr();
    expect(refused.message).toContain("the latest allowed date is 2026-04-08 (Pacific/Auckland)");
  });

  it("refuses a date that has passed", () => {
    const refused = checkRequestedExpiry("2026-02-28", now, berlin)._unsafeUnwrapErr();
    expect(refused.issues[0]?.code).toBe("expiry_in_past");
    expect(refused.field).toBe("accessExpiresAt");
    expect(refused.message).toContain("today is 2026-03-01");
  });

  it("accepts an instant and returns the end of its local day", () => {
    expect(checkRequestedExpiry(at("2026-04-01T10:00:00Z"), now, berlin)._unsafeUnwrap()).toEqual(at("2026-04-01T22:00:00Z"));
  });

  it("the maximum follows the settings", () => {
    expect(checkRequestedExpiry("2026-03-31", now, settings("Europe/Berlin", 30))._unsafeUnwrap()).toEqual(at("2026-03-31T22:00:00Z"));
    expect(checkRequestedExpiry("2026-04-01", now, settings("Europe/Berlin", 30)).isErr()).toBe(true);
  });
});
