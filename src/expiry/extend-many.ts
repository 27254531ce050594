import type { Result } from "neverthrow";
import type { UserId } from "../model/ids.js";
import type { User } from "../model/user.js";
import type { RequestedExpiry } from "./access-end.js";
import { moveExpiry, type ThirdPartyChangeError, type ThirdPartyChangeSettings } from "./third-party-change.js";

/** The outcome of {@link extendMany} for one user. */
export interface ExtensionOutcome<A extends object = Record<never, never>> {
  readonly userId: UserId;
  readonly result: Result<User<A>, ThirdPartyChangeError>;
}

/**
 * Moves the expiry of several third-party users to `newExpiry` at `now` (the management tool's "extend
 * selected"), one {@link moveExpiry} per user: a result per user, in input order, so one refusal (a
 * regular or removed user) does not stop the others. The new date is checked against the maximum counted
 * from `now`, so no result ever ends after `latestAllowedExpiry(now, settings)`.
 *
 * @example
 * ```ts
 * const outcomes = extendMany(selected, "2026-05-30", now, settings);
 * const saved = outcomes.flatMap(({ result }) => (result.isOk() ? [result.value] : []));
 * ```
 */
export function extendMany<A extends object>(
  users: readonly User<A>[],
  newExpiry: RequestedExpiry,
  now: Date,
  settings: ThirdPartyChangeSettings,
): ExtensionOutcome<A>[] {
  return users.map((user) => ({ userId: user.id, result: moveExpiry(user, newExpiry, now, settings) }));
}
