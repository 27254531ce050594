import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type ValidationError } from "../model/tenure-error.js";
import { addCalendarDays, isIsoDate, localDateOf, startOfLocalDate } from "./_internal/calendar-day.js";

/**
 * An expiry date as an admin gives it: a calendar date `YYYY-MM-DD` (the last day of access, what a date
 * picker shows), or an instant.
 */
export type RequestedExpiry = string | Date;

/**
 * The instant third-party access ends when `lastDay` (`YYYY-MM-DD`) is the last calendar day with access
 * in `timeZone`: the first instant of the following local day. That is local midnight, whatever the UTC
 * offset of either day, so a DST change never makes a day shorter or longer for the user; in a zone that
 * skips midnight (America/Santiago starts summer time at 00:00) it is the first instant after the gap.
 * Throws a `TypeError` when `lastDay` is not a `YYYY-MM-DD` date (a programmer error; parse input with
 * {@link accessEndOf}).
 *
 * @example
 * ```ts
 * accessEndAfterDay("2026-03-29", "Europe/Berlin"); // 2026-03-29T22:00:00.000Z (midnight, summer time)
 * accessEndAfterDay("2026-03-28", "Europe/Berlin"); // 2026-03-28T23:00:00.000Z (midnight, winter time)
 * ```
 */
export function accessEndAfterDay(lastDay: string, timeZone: string): Date {
  return startOfLocalDate(addCalendarDays(lastDay, 1), timeZone);
}

/**
 * The last calendar day (`YYYY-MM-DD`, in `timeZone`) on which a user whose access ends at `expiresAt`
 * still has access: the day of the instant just before `expiresAt`. The inverse of
 * {@link accessEndAfterDay}; this is the date to show an admin and to name in messages.
 *
 * @example
 * ```ts
 * lastAccessDay(new Date("2026-03-29T22:00:00Z"), "Europe/Berlin"); // "2026-03-29"
 * lastAccessDay(new Date("2026-03-29T22:00:00Z"), "UTC"); // "2026-03-29"
 * ```
 */
export function lastAccessDay(expiresAt: Date, timeZone: string): string {
  return localDateOf(new Date(expiresAt.getTime() - 1), timeZone);
}

/**
 * Normalises a requested expiry to the instant access ends, counted in calendar days of `timeZone`:
 *
 * - a `YYYY-MM-DD` string is the last day of access: access ends at the start of the next local day
 *   ({@link accessEndAfterDay});
 * - a `Date` is rounded **up** to the next local day boundary: an instant inside a day means "through
 *   that day", an instant that already is a day boundary is kept. Normalising a stored
 *   `accessExpiresAt` therefore gives it back unchanged. Beware of date pickers that send UTC midnight:
 *   `new Date("2026-03-30")` in America/New_York is 20:00 on 29 March, so it means "through 29 March";
 *   prefer the `YYYY-MM-DD` string.
 *
 * A string that is not an existing `YYYY-MM-DD` date (years 1000–9999), or an invalid `Date`, is a validation error on
 * field `accessExpiresAt` (rule `expiry_malformed`).
 *
 * @example
 * ```ts
 * accessEndOf("2026-03-29", "Europe/Berlin"); // Ok(2026-03-29T22:00:00.000Z)
 * accessEndOf(new Date("2026-03-29T10:00:00Z"), "Europe/Berlin"); // Ok(2026-03-29T22:00:00.000Z)
 * accessEndOf(new Date("2026-03-29T22:00:00Z"), "Europe/Berlin"); // Ok(2026-03-29T22:00:00.000Z), unchanged
 * accessEndOf("2027-02-29", "UTC"); // Err(validation: expiry_malformed)
 * ```
 */
export function accessEndOf(requested: RequestedExpiry, timeZone: string): Result<Date, ValidationError> {
  if (typeof requested === "string") {
    if (!isIsoDate(requested)) return err(malformed(`"${requested}" is not a calendar date written YYYY-MM-DD.`));
    return ok(accessEndAfterDay(requested, timeZone));
  }
  if (Number.isNaN(requested.getTime())) return err(malformed("The expiry date is not a valid date."));
  const lastDay = lastAccessDay(requested, timeZone);
  if (!isIsoDate(lastDay)) return err(malformed(`The expiry date ${requested.toISOString()} is outside the years 1000–9999.`));
  return ok(accessEndAfterDay(lastDay, timeZone));
}

function malformed(message: string): ValidationError {
  return TenureErrors.validation([{ severity: "error", field: "accessExpiresAt", code: "expiry_malformed", message }]);
}
