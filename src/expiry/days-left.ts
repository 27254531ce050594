import type { User } from "../model/user.js";
import { lastAccessDay } from "./access-end.js";
import { calendarDaysBetween, localDateOf } from "./_internal/calendar-day.js";

/**
 * How many calendar days of access a third-party user has left at `now`, counted in `timeZone` and
 * including today: `1` on the last day of access, `0` once access has ended or when there is no date,
 * `null` for a regular user (no limit). Only the window counts, not the account status. For the
 * management view, and for reminders ("3 days left").
 *
 * @example
 * ```ts
 * // access ends 2026-04-01T00:00 in Europe/Berlin, i.e. the last day is 31 March
 * daysLeft(user, new Date("2026-03-31T08:00:00Z"), "Europe/Berlin"); // 1
 * daysLeft(user, new Date("2026-03-29T08:00:00Z"), "Europe/Berlin"); // 3
 * daysLeft(user, new Date("2026-04-01T08:00:00Z"), "Europe/Berlin"); // 0
 * ```
 */
export function daysLeft(user: Pick<User, "thirdParty" | "accessExpiresAt">, now: Date, timeZone: string): number | null {
  if (!user.thirdParty) return null;
  const expiresAt = user.accessExpiresAt;
  if (expiresAt === null || expiresAt.getTime() <= now.getTime()) return 0;
  return calendarDaysBetween(localDateOf(now, timeZone), lastAccessDay(expiresAt, timeZone)) + 1;
}
