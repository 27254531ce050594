import { effectiveStatus } from "../model/account-state.js";
import type { UserId } from "../model/ids.js";
import type { User } from "../model/user.js";
import { lastAccessDay } from "./access-end.js";
import { daysLeft } from "./days-left.js";
import { addCalendarDays, startOfLocalDate } from "./_internal/calendar-day.js";

/** The settings reminders depend on; a complete `Settings` object fits. */
export interface ReminderSettings {
  /** IANA time zone in which calendar days are counted. */
  readonly timeZone: string;
  readonly thirdParty: { readonly reminderDaysBefore: readonly number[] };
}

/** A reminder to send now to a third-party user's sponsor. */
export interface PlannedReminder {
  readonly userId: UserId;
  /** The admin who invited the user; `null` when unknown (the host then decides whom to tell). */
  readonly sponsorId: UserId | null;
  /** The configured threshold this reminder is for, e.g. `14`. */
  readonly daysBefore: number;
  /** Calendar days of access left, including today (see {@link daysLeft}); at most `daysBefore`. */
  readonly daysLeft: number;
  readonly expiresAt: Date;
  /** The last day of access, `YYYY-MM-DD` in the organization's time zone. */
  readonly lastDay: string;
  /** {@link reminderKey} of this reminder. */
  readonly key: string;
  /**
   * Every key to record as sent once this reminder goes out: its own, and those of larger thresholds that
   * became due at the same time and are skipped (a sweep that missed the 14-day mark sends only the
   * 3-day reminder).
   */
  readonly keys: readonly string[];
}

/**
 * The key under which a reminder is recorded as sent: `userId:daysBefore:expiryISO`. Because it includes
 * the expiry instant, moving the date makes every reminder due again for the new date.
 *
 * @example
 * ```ts
 * reminderKey("u-1", 14, new Date("2026-04-01T22:00:00Z")); // "u-1:14:2026-04-01T22:00:00.000Z"
 * ```
 */
export function reminderKey(userId: string, daysBefore: number, expiresAt: Date): string {
  return `${userId}:${daysBefore}:${new Date(expiresAt.getTime()).toISOString()}`;
}

/**
 * The reminders due at `now`. The reminder for `N` days (each of `reminderDaysBefore`) is due from the
 * start of the local calendar day `N` days before the expiry (when `N` calendar days of access are left,
 * today included) until access ends, and is sent once: a reminder whose key is in `alreadySent` is not
 * planned again. At most one reminder per user and run: the one with the smallest due threshold; larger
 * thresholds due at the same time are covered by it (see {@link PlannedReminder.keys}), and once a smaller
 * one is sent the larger ones are never planned. Users who are not third party, have no date, are past
 * their expiry, or are de-activated or removed get none. Sorted by user id.
 *
 * @example
 * ```ts
 * const due = planReminders(users, now, settings, sentKeys);
 * for (const reminder of due) { queueMailToSponsor(reminder); reminder.keys.forEach((k) => sentKeys.add(k)); }
 * ```
 */
export function planReminders(
  users: readonly Pick<User, "id" | "thirdParty" | "accessExpiresAt" | "account" | "invitedBy">[],
  now: Date,
  settings: ReminderSettings,
  alreadySent: ReadonlySet<string>,
): PlannedReminder[] {
  const { timeZone } = settings;
  const thresholds = [...new Set(settings.thirdParty.reminderDaysBefore)].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
  const planned: PlannedReminder[] = [];
  for (const user of users) {
    const expiresAt = user.accessExpiresAt;
    if (!user.thirdParty || expiresAt === null || expiresAt.getTime() <= now.getTime()) continue;
    const status = effectiveStatus(user.account, now);
    if (status === "deactivated" || status === "removed") continue;
    const lastDay = lastAccessDay(expiresAt, timeZone);
    const due = thresholds.filter((n) => startOfLocalDate(addCalendarDays(lastDay, 1 - n), timeZone).getTime() <= now.getTime());
    const tightest = due[0];
    if (tightest === undefined) continue;
    const key = reminderKey(user.id, tightest, expiresAt);
    if (alreadySent.has(key)) continue;
    const keys = due.map((n) => reminderKey(user.id, n, expiresAt)).filter((k) => !alreadySent.has(k));
    const left = daysLeft(user, now, timeZone) ?? 0;
    planned.push({ userId: user.id, sponsorId: user.invitedBy, daysBefore: tightest, daysLeft: left, expiresAt, lastDay, key, keys });
  }
  return planned.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
