import { err, ok, type Result } from "neverthrow";
import { transitionAccount } from "../lifecycle/account-lifecycle.js";
import { TenureErrors, type ForbiddenError, type InvalidStateError, type ValidationError } from "../model/tenure-error.js";
import type { User } from "../model/user.js";
import type { RequestedExpiry } from "./access-end.js";
import { checkRequestedExpiry, defaultExpiry, type AccessWindowSettings } from "./access-window.js";

/** The settings a third-party change depends on; a complete `Settings` object fits. */
export interface ThirdPartyChangeSettings extends AccessWindowSettings {
  readonly thirdParty: { readonly enabled: boolean; readonly maxAccessDays: number };
}

/** Why a third-party change was refused. */
export type ThirdPartyChangeError = ValidationError | InvalidStateError | ForbiddenError;

/** Options of {@link makeThirdParty}. */
export interface MakeThirdPartyOptions {
  /** The expiry the admin entered; when left out, the configured maximum ({@link defaultExpiry}). */
  readonly expiresOn?: RequestedExpiry;
}

/**
 * Makes `user` a third-party user at `now`: a new user, or a regular or directory user converted. The
 * expiry is the one given (checked by {@link checkRequestedExpiry}) or the configured maximum. The account
 * status is left as it is. Refused when third-party management is off (`forbidden`, rule
 * `third_party_disabled`), when the user is removed or already third party (`invalid_state`; move the
 * date instead), or when the date is malformed, past or beyond the maximum (`validation`).
 *
 * @example
 * ```ts
 * makeThirdParty(user, now, settings); // Ok({ ...user, thirdParty: true, accessExpiresAt: <now + 90 calendar days> })
 * makeThirdParty(user, now, settings, { expiresOn: "2026-04-15" });
 * ```
 */
export function makeThirdParty<A extends object>(
  user: User<A>,
  now: Date,
  settings: ThirdPartyChangeSettings,
  options: MakeThirdPartyOptions = {},
): Result<User<A>, ThirdPartyChangeError> {
  return usable(user, settings).andThen(() => {
    if (user.thirdParty) {
      return err(TenureErrors.invalidState("user", user.id, "third_party", "This user is already a third-party user; move the expiry date instead."));
    }
    const expiry = options.expiresOn === undefined ? ok(defaultExpiry(now, settings)) : checkRequestedExpiry(options.expiresOn, now, settings);
    return expiry.map((accessExpiresAt): User<A> => ({ ...user, thirdParty: true, accessExpiresAt, updatedAt: now }));
  });
}

/**
 * Moves a third-party user's expiry to `expiresOn` at `now`, earlier or later, but never beyond the
 * configured maximum counted from `now` nor into the past. The account status is left as it is: a user
 * already de-activated (because the date passed, or by an admin) gets the new date but stays
 * de-activated until an admin re-activates them, so no block or pending invitation is skipped.
 *
 * @example
 * ```ts
 * moveExpiry(user, "2026-05-30", now, settings); // Ok({ ...user, accessExpiresAt: 2026-05-30T22:00:00.000Z })
 * moveExpiry(user, "2026-05-31", now, settings); // Err(validation: expiry_beyond_maximum, "… latest allowed date is 2026-05-30 …")
 * ```
 */
export function moveExpiry<A extends object>(
  user: User<A>,
  expiresOn: RequestedExpiry,
  now: Date,
  settings: ThirdPartyChangeSettings,
): Result<User<A>, ThirdPartyChangeError> {
  return thirdPartyOnly(user, settings).andThen(() =>
    checkRequestedExpiry(expiresOn, now, settings).map((accessExpiresAt): User<A> => ({ ...user, accessExpiresAt, updatedAt: now })),
  );
}

/**
 * Clears a third-party user's expiry at `now`, which de-activates them at once (reason `access_cleared`).
 * A user already de-activated keeps that status (and its reason) and just loses the date.
 *
 * @example
 * ```ts
 * clearExpiry(user, now, settings);
 * // Ok({ ...user, accessExpiresAt: null, account: { status: "deactivated", reason: "access_cleared" } })
 * ```
 */
export function clearExpiry<A extends object>(user: User<A>, now: Date, settings: ThirdPartyChangeSettings): Result<User<A>, ThirdPartyChangeError> {
  return thirdPartyOnly(user, settings).andThen(() => {
    const account =
      user.account.status === "deactivated" ? ok(user.account) : transitionAccount(user.id, user.account, { type: "deactivate", reason: "access_cleared" }, now);
    return account.map((next): User<A> => ({ ...user, accessExpiresAt: null, account: next, updatedAt: now }));
  });
}

/**
 * Ends a user's third-party status at `now`: a regular user again, with no expiry. The account status
 * is left as it is: a user de-activated because the window ran out stays de-activated until an admin
 * re-activates them.
 *
 * @example
 * ```ts
 * endThirdParty(user, now, settings); // Ok({ ...user, thirdParty: false, accessExpiresAt: null })
 * ```
 */
export function endThirdParty<A extends object>(user: User<A>, now: Date, settings: ThirdPartyChangeSettings): Result<User<A>, ThirdPartyChangeError> {
  return thirdPartyOnly(user, settings).map((): User<A> => ({ ...user, thirdParty: false, accessExpiresAt: null, updatedAt: now }));
}

/** Third-party management is on and the user is not removed. */
function usable(user: User<object>, settings: ThirdPartyChangeSettings): Result<void, ThirdPartyChangeError> {
  if (!settings.thirdParty.enabled) {
    return err(TenureErrors.forbidden("third_party_disabled", "Third-party user management is turned off for this organization.", user.id));
  }
  if (user.account.status === "removed") {
    return err(TenureErrors.invalidState("user", user.id, "removed", "This user has been removed."));
  }
  return ok(undefined);
}

/** {@link usable}, and the user is a third-party user. */
function thirdPartyOnly(user: User<object>, settings: ThirdPartyChangeSettings): Result<void, ThirdPartyChangeError> {
  return usable(user, settings).andThen(() =>
    user.thirdParty ? ok(undefined) : err(TenureErrors.invalidState("user", user.id, "regular", "This user is not a third-party user.")),
  );
}
