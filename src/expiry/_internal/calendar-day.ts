import { TZDate, tz } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, format, isValid, startOfDay } from "date-fns";

/**
 * Calendar arithmetic for expiry dates. A calendar date is an ISO `YYYY-MM-DD` string; the time zone
 * only enters where an instant becomes a date ({@link localDateOf}) or a date becomes an instant
 * ({@link startOfLocalDate}). Adding days to a date needs no time zone at all, so DST never shifts it.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date `instant` falls on in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): IsoDate {
  return format(new TZDate(instant.getTime(), timeZone), "yyyy-MM-dd");
}

/**
 * The first instant of calendar day `date` in `timeZone`: local midnight, or the first instant after the
 * gap where a zone skips midnight (America/Santiago starts summer time at 00:00, so that day begins at
 * 01:00). Always a plain `Date`.
 */
export function startOfLocalDate(date: IsoDate, timeZone: string): Date {
  const [year, month, day] = parts(date);
  // Noon exists on every day of every zone; the day's start is found from there.
  const noon = new TZDate(year, month - 1, day, 12, 0, 0, 0, timeZone);
  return new Date(startOfDay(noon, { in: tz(timeZone) }).getTime());
}

/** `date` moved by `days` calendar days (negative moves back), month ends and leap days included. */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = parts(date);
  return format(addDays(new TZDate(year, month - 1, day, "UTC"), days), "yyyy-MM-dd");
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return differenceInCalendarDays(new TZDate(ty, tm - 1, td, "UTC"), new TZDate(fy, fm - 1, fd, "UTC"), { in: tz("UTC") });
}

/**
 * Whether `text` is an existing calendar date written `YYYY-MM-DD` (so `2027-02-29` is not), in the years
 * 1000–9999 (`Date` reads years below 100 as 19xx).
 */
export function isIsoDate(text: string): text is IsoDate {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return isValid(date) && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parts(date: IsoDate): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (match === null) throw new TypeError(`Not a YYYY-MM-DD date: "${date}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
