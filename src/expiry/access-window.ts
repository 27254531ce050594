import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type ValidationError } from "../model/tenure-error.js";
import { accessEndAfterDay, accessEndOf, lastAccessDay, type RequestedExpiry } from "./access-end.js";
import { addCalendarDays, localDateOf } from "./_internal/calendar-day.js";

/** The settings the access window depends on; a complete `Settings` object fits. */
export interface AccessWindowSettings {
  /** IANA time zone in which calendar days are counted. */
  readonly timeZone: string;
  readonly thirdParty: { readonly maxAccessDays: number };
}

/**
 * The last calendar day (`YYYY-MM-DD`, in the organization's time zone) a third-party user may keep access
 * when the window is set at `now`: today plus `maxAccessDays` calendar days.
 *
 * The rule: **today** is the local calendar date of `now`; access may last through the calendar day
 * `maxAccessDays` days after today and ends at the local midnight that starts the next day. So with the
 * default 90, a user created at any time on 1 March has access for the rest of 1 March and 90 more full
 * days, through 30 May, and loses it at 00:00 on 31 May. Days are calendar days, not 24-hour periods: a
 * DST change inside the window does not move the end off midnight, and month ends need no special case
 * (31 January + 30 days is 2 March, or 1 March in a leap year).
 *
 * @example
 * ```ts
 * latestAllowedDay(new Date("2026-03-01T09:00:00Z"), { timeZone: "Europe/Berlin", thirdParty: { maxAccessDays: 90 } });
 * // "2026-05-30"
 * ```
 */
export function latestAllowedDay(now: Date, settings: AccessWindowSettings): string {
  return addCalendarDays(localDateOf(now, settings.timeZone), settings.thirdParty.maxAccessDays);
}

/**
 * The latest instant a third-party user's access may end when the window is set at `now`: the local
 * midnight that starts the day after {@link latestAllowedDay}. Across the end of summer time in
 * Europe/Berlin that is 23:00 UTC, across its start 22:00 UTC; in Pacific/Auckland it is 11:00 or 12:00
 * UTC of the previous UTC date.
 *
 * @example
 * ```ts
 * const settings = { timeZone: "Europe/Berlin", thirdParty: { maxAccessDays: 90 } };
 * latestAllowedExpiry(new Date("2026-03-01T09:00:00Z"), settings); // 2026-05-30T22:00:00.000Z (31 May, 00:00 CEST)
 * ```
 */
export function latestAllowedExpiry(now: Date, settings: AccessWindowSettings): Date {
  return accessEndAfterDay(latestAllowedDay(now, settings), settings.timeZone);
}

/**
 * The expiry a new third-party user gets when no date is given (also when a regular or directory user is
 * converted): the configured maximum, i.e. {@link latestAllowedExpiry}.
 *
 * @example
 * ```ts
 * defaultExpiry(now, settings); // same instant as latestAllowedExpiry(now, settings)
 * ```
 */
export function defaultExpiry(now: Date, settings: AccessWindowSettings): Date {
  return latestAllowedExpiry(now, settings);
}

/**
 * Checks an expiry an admin asks for at `now` and returns the instant access ends (normalised by
 * {@link accessEndOf}: a `YYYY-MM-DD` date is the last day of access). Refused, as a validation error on
 * field `accessExpiresAt`:
 *
 * - `expiry_malformed`: not a calendar date;
 * - `expiry_in_past`: access would already have ended (today itself is allowed: access through today);
 * - `expiry_beyond_maximum`: after {@link latestAllowedExpiry}; the message names the latest allowed date
 *   as an ISO date in the organization's time zone.
 *
 * @example
 * ```ts
 * const settings = { timeZone: "Europe/Berlin", thirdParty: { maxAccessDays: 90 } };
 * const now = new Date("2026-03-01T09:00:00Z");
 * checkRequestedExpiry("2026-04-15", now, settings); // Ok(2026-04-15T22:00:00.000Z)
 * checkRequestedExpiry("2026-05-31", now, settings);
 * // Err({ code: "validation", field: "accessExpiresAt", message: "… the latest allowed date is 2026-05-30 …" })
 * ```
 */
export function checkRequestedExpiry(requested: RequestedExpiry, now: Date, settings: AccessWindowSettings): Result<Date, ValidationError> {
  const { timeZone } = settings;
  return accessEndOf(requested, timeZone).andThen((expiresAt) => {
    if (expiresAt.getTime() <= now.getTime()) {
      const message = `The expiry date ${lastAccessDay(expiresAt, timeZone)} has passed: today is ${localDateOf(now, timeZone)} (${timeZone}).`;
      return err(refusal("expiry_in_past", message));
    }
    const latest = latestAllowedDay(now, settings);
    if (expiresAt.getTime() > accessEndAfterDay(latest, timeZone).getTime()) {
      const days = settings.thirdParty.maxAccessDays;
      const message =
        `The expiry date ${lastAccessDay(expiresAt, timeZone)} is beyond the maximum of ${days} calendar days: ` +
        `the latest allowed date is ${latest} (${timeZone}).`;
      return err(refusal("expiry_beyond_maximum", message));
    }
    return ok(expiresAt);
  });
}

function refusal(code: string, message: string): ValidationError {
  return TenureErrors.validation([{ severity: "error", field: "accessExpiresAt", code, message }]);
}
