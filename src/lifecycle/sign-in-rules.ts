import { err, ok, type Result } from "neverthrow";
import { accountStanding } from "../access/account-standing.js";
import type { Credential } from "../model/credential.js";
import type { Settings } from "../model/settings.js";
import { TenureErrors, type AuthenticationError } from "../model/tenure-error.js";
import type { User } from "../model/user.js";

/**
 * What an accepted password leads to: the user is signed in, or the account requires a second factor
 * (`twoFactorRequired`), which the host checks before it starts a session.
 */
export type SignInStep = "signed_in" | "second_factor_required";

/** The outcome of one sign-in attempt, and the credential as it must be stored afterwards. */
export interface SignInDecision {
  readonly outcome: Result<SignInStep, AuthenticationError>;
  /**
   * The credential to store, with its failure count and lock updated; `null` when the attempt records
   * nothing (no account or no password, a locked account, a refusal with no count to clear). An
   * accepted attempt always stores it, even when no field changes: that write is what makes concurrent
   * attempts on the account conflict with it, so it is decided on the latest count (see `signIn`).
   */
  readonly credential: Credential | null;
}

const INVALID = (): AuthenticationError => TenureErrors.authentication("invalid_credentials", "The username or password is not correct.");

/**
 * Decides a sign-in once the password has been checked against the stored hash (or a dummy hash when
 * there is no user, so timing reveals nothing).
 *
 * - A wrong password counts a failure; the `maxFailedAttempts`-th locks the account for `lockoutMinutes`.
 *   The answer is always `invalid_credentials`, the same as for a login that does not exist.
 * - Only the right password learns more: that the account is locked (until when), blocked, expired,
 *   not active, or that its password must be changed first (an admin-set initial password); and,
 *   once none of these holds, whether the account requires a second factor (`second_factor_required`,
 *   an accepted step: the host asks for the factor; the failure count is cleared like any right password).
 * - The right password clears the count and the lock. Accepted, it is recorded even when there was
 *   nothing to clear (`updatedAt` moves), so the store can order it among concurrent attempts: a
 *   caller that stores the returned credential version-checked, and decides again on a conflict, counts
 *   every attempt in the order they are decided.
 */
export function decideSignIn(input: {
  readonly user: Pick<User, "account" | "thirdParty" | "accessExpiresAt" | "twoFactorRequired"> | null;
  readonly credential: Credential | null;
  readonly passwordMatches: boolean;
  readonly now: Date;
  readonly settings: Pick<Settings, "signIn">;
}): SignInDecision {
  const { user, credential, now } = input;
  if (user === null || credential === null || credential.passwordHash === null) return { outcome: err(INVALID()), credential: null };
  const locked = credential.lockedUntil !== null && credential.lockedUntil.getTime() > now.getTime();
  if (!input.passwordMatches) {
    if (locked) return { outcome: err(INVALID()), credential: null };
    const failures = credential.failedAttempts + 1;
    const lockNow = failures >= input.settings.signIn.maxFailedAttempts;
    return {
      outcome: err(INVALID()),
      credential: {
        ...credential,
        failedAttempts: lockNow ? 0 : failures,
        lockedUntil: lockNow ? new Date(now.getTime() + input.settings.signIn.lockoutMinutes * 60_000) : credential.lockedUntil,
        updatedAt: now,
      },
    };
  }
  if (locked && credential.lockedUntil !== null) {
    return {
      outcome: err(TenureErrors.authentication("locked", "Too many failed attempts: sign-in is locked for a while.", credential.lockedUntil)),
      credential: null,
    };
  }
  const cleared: Credential = { ...credential, failedAttempts: 0, lockedUntil: null, updatedAt: now };
  const reset = credential.failedAttempts === 0 && credential.lockedUntil === null ? null : cleared;
  const standing = accountStanding(user, now);
  if (!standing.active) {
    const reason = standing.reason;
    const refusal =
      reason.code === "blocked"
        ? TenureErrors.authentication("blocked", "This account is blocked.", ...(reason.until === null ? [] : [reason.until]))
        : reason.code === "access_expired"
          ? TenureErrors.authentication("access_expired", "This account's access has expired.")
          : TenureErrors.authentication("not_active", `This account is ${reason.status.replace("_", " ")}.`);
    return { outcome: err(refusal), credential: reset };
  }
  if (credential.mustChangePassword) {
    return {
      outcome: err(TenureErrors.authentication("password_change_required", "The password must be changed before the first sign-in.")),
      credential: reset,
    };
  }
  return { outcome: ok(user.twoFactorRequired ? "second_factor_required" : "signed_in"), credential: cleared };
}
