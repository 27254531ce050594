import { effectiveStatus, type AccountStatus } from "../model/account-state.js";
import type { AccessSubject } from "./access-subject.js";

/** A third-party user whose access has ended: no date (cleared), or a date at or before `now`. */
function thirdPartyAccessEnded(subject: Pick<AccessSubject, "thirdParty" | "accessExpiresAt">, now: Date): boolean {
  return subject.thirdParty && (subject.accessExpiresAt === null || subject.accessExpiresAt.getTime() <= now.getTime());
}

/**
 * The status every rule of the service judges an account by at `now`: the stored status with a
 * block's end applied (`effectiveStatus`), and a third-party user whose access has ended counted as
 * de-activated at once, as the expiry sweep will leave them, whether or not the sweep has run. So
 * "can this account be mailed a link, made the contact person, accept an invitation now" has the same
 * answer as the permission resolver's.
 */
export function accountStatusNow(subject: Pick<AccessSubject, "account" | "thirdParty" | "accessExpiresAt">, now: Date): AccountStatus {
  const status = effectiveStatus(subject.account, now);
  return status !== "removed" && thirdPartyAccessEnded(subject, now) ? "deactivated" : status;
}

/** Whether an account may hold permissions at an instant, and if not, exactly why. */
export type AccountStanding =
  | { readonly active: true; /** When this answer may change (a third-party window ends), or `null`. */ readonly until: Date | null }
  | { readonly active: false; readonly reason: InactiveReason; /** When it may change (a block ends), or `null`. */ readonly until: Date | null };

/** Why an account holds no permissions. */
export type InactiveReason =
  | { readonly code: "blocked"; readonly until: Date | null }
  | { readonly code: "access_expired"; readonly on: Date | null }
  | { readonly code: "not_active"; readonly status: AccountStatus };

/**
 * The standing of an account at `now`: active, or blocked (until when), third-party access expired (on
 * which date; `null` when no date was ever set), or in another inactive status. Invited, pending,
 * de-activated and removed accounts hold nothing, though their assignments are kept.
 */
export function accountStanding(subject: Pick<AccessSubject, "account" | "thirdParty" | "accessExpiresAt">, now: Date): AccountStanding {
  const status = effectiveStatus(subject.account, now);
  if (status === "blocked" && subject.account.status === "blocked") {
    return { active: false, reason: { code: "blocked", until: subject.account.until }, until: subject.account.until };
  }
  if (status !== "active") return { active: false, reason: { code: "not_active", status }, until: null };
  if (subject.thirdParty) {
    if (thirdPartyAccessEnded(subject, now)) return { active: false, reason: { code: "access_expired", on: subject.accessExpiresAt }, until: null };
    return { active: true, until: subject.accessExpiresAt };
  }
  return { active: true, until: null };
}
