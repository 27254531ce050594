import { err, ok, type Result } from "neverthrow";
import { effectiveStatus, type AccountState, type AccountStatus } from "../model/account-state.js";
import { TenureErrors, type InvalidStateError, type ValidationError } from "../model/tenure-error.js";

/** What can happen to an account. */
export type AccountEvent =
  /** The user accepted an invitation and set a password. */
  | { readonly type: "accept_invitation" }
  /** An admin activated the account (instant activation, or activating an invited user by hand). */
  | { readonly type: "activate" }
  /** An organization admin verified a self sign-up ("Force Verify User"). */
  | { readonly type: "verify" }
  /** Blocked until a date, or for good (`until: null`). */
  | { readonly type: "block"; readonly until: Date | null; readonly reason: string | null }
  | { readonly type: "unblock" }
  | { readonly type: "deactivate"; readonly reason: "admin" | "access_expired" | "access_cleared" | "source" | "directory" }
  | { readonly type: "reactivate" }
  | { readonly type: "remove" };

/** The statuses each event may start from. `remove` applies to any account not yet removed. */
const ALLOWED_FROM: Readonly<Record<AccountEvent["type"], readonly AccountStatus[]>> = {
  accept_invitation: ["invited"],
  activate: ["invited"],
  verify: ["pending_verification"],
  block: ["active", "blocked"],
  unblock: ["blocked"],
  deactivate: ["active", "blocked", "invited", "pending_verification"],
  reactivate: ["deactivated"],
  remove: ["invited", "pending_verification", "active", "blocked", "deactivated"],
};

/**
 * The account state machine: the next state after `event` at `now`, or why the event does not apply.
 * A temporary block whose end has passed counts as `active` (so blocking again or de-activating works
 * without an unblock first); a block must end in the future.
 *
 * @example
 * ```ts
 * transitionAccount({ status: "active" }, { type: "block", until: nextWeek, reason: "holiday" }, now);
 * // Ok({ status: "blocked", until: nextWeek, reason: "holiday" })
 * ```
 */
export function transitionAccount(
  userId: string,
  state: AccountState,
  event: AccountEvent,
  now: Date,
): Result<AccountState, InvalidStateError | ValidationError> {
  const status = effectiveStatus(state, now);
  if (!ALLOWED_FROM[event.type].includes(status)) {
    return err(
      TenureErrors.invalidState("user", userId, status, `Cannot ${event.type.replace("_", " ")} an account that is ${status.replace("_", " ")}.`),
    );
  }
  switch (event.type) {
    case "accept_invitation":
    case "activate":
    case "verify":
    case "unblock":
    case "reactivate":
      return ok({ status: "active" });
    case "block":
      if (event.until !== null && event.until.getTime() <= now.getTime()) {
        return err(
          TenureErrors.validation([
            { severity: "error", field: "until", code: "block_end_in_past", message: "A block must end in the future, or never." },
          ]),
        );
      }
      return ok({ status: "blocked", until: event.until, reason: event.reason });
    case "deactivate":
      return ok({ status: "deactivated", reason: event.reason });
    case "remove":
      return ok({ status: "removed", at: now });
  }
}

/** Whether an event may be applied to an account at `now` (for enabling buttons in an admin UI). */
export function canTransitionAccount(state: AccountState, eventType: AccountEvent["type"], now: Date): boolean {
  return ALLOWED_FROM[eventType].includes(effectiveStatus(state, now));
}
