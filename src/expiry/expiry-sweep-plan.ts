import { transitionAccount } from "../lifecycle/account-lifecycle.js";
import { effectiveStatus } from "../model/account-state.js";
import type { UserId } from "../model/ids.js";
import type { User } from "../model/user.js";

/** One third-party user the sweep de-activates. */
export interface ExpiryDeactivation<A extends object = Record<never, never>> {
  readonly userId: UserId;
  /** When access ended; `null` for a third-party user who had no date at all. */
  readonly expiredAt: Date | null;
  /** `access_expired` when the date passed; `access_cleared` when there was no date. */
  readonly reason: "access_expired" | "access_cleared";
  /** Who invited the user (their sponsor), if known. */
  readonly sponsorId: UserId | null;
  /** The user record after de-activation, ready to save. */
  readonly user: User<A>;
}

/** What one run of the expiry sweep does; the service saves each record, audits each, and mails one digest. */
export interface ExpirySweepPlan<A extends object = Record<never, never>> {
  /** Sorted by expiry (no date first), then by user id, whatever the order of the input. */
  readonly deactivations: readonly ExpiryDeactivation<A>[];
}

/**
 * Plans the expiry sweep at `now`: every third-party user who is `active` or `blocked` (a block that has
 * ended counts as active) and whose `accessExpiresAt` is at or before `now`, or who has no date at all, is
 * de-activated (reason `access_expired`, or `access_cleared` without a date). Users already de-activated,
 * invited, pending or removed are skipped, so applying a plan and planning again at the same or a later
 * instant plans nothing for them: the sweep is idempotent. The result does not depend on the order of
 * `users`.
 *
 * @example
 * ```ts
 * const plan = planExpirySweep(users, now);
 * for (const { user } of plan.deactivations) await repository.update(user);
 * ```
 */
export function planExpirySweep<A extends object>(users: readonly User<A>[], now: Date): ExpirySweepPlan<A> {
  const deactivations: ExpiryDeactivation<A>[] = [];
  for (const user of users) {
    if (!user.thirdParty) continue;
    const status = effectiveStatus(user.account, now);
    if (status !== "active" && status !== "blocked") continue;
    const expiredAt = user.accessExpiresAt;
    if (expiredAt !== null && expiredAt.getTime() > now.getTime()) continue;
    const reason = expiredAt === null ? "access_cleared" : "access_expired";
    const next = transitionAccount(user.id, user.account, { type: "deactivate", reason }, now);
    // Active and blocked accounts can always be de-activated; anything else is a broken state machine.
    if (next.isErr()) throw new Error(`Cannot de-activate ${user.id}: ${next.error.message}`);
    deactivations.push({ userId: user.id, expiredAt, reason, sponsorId: user.invitedBy, user: { ...user, account: next.value, updatedAt: now } });
  }
  deactivations.sort(byExpiryThenId);
  return { deactivations };
}

function byExpiryThenId(a: ExpiryDeactivation<object>, b: ExpiryDeactivation<object>): number {
  const at = a.expiredAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bt = b.expiredAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}
