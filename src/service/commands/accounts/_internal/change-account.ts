import { err, ok, type Result } from "neverthrow";
import { transitionAccount, type AccountEvent } from "../../../../lifecycle/account-lifecycle.js";
import type { UserId } from "../../../../model/ids.js";
import type { TenureError } from "../../../../model/tenure-error.js";
import type { User } from "../../../../model/user.js";
import { changedFields } from "../../../_internal/audit-values.js";
import { adminsBefore, ensureAdminRemains } from "../../../_internal/ensure-admin-remains.js";
import type { CommandOutcome, CommandScope, JsonObject } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";
import { loadTargetUser } from "./account-target.js";

/** One change of a user's account state, as a command asks for it. */
export interface AccountChange {
  readonly userId: UserId;
  readonly expectedVersion: number;
  /** The state machine's event. */
  readonly event: AccountEvent;
  /** The audit action, e.g. `user.blocked`. */
  readonly action: string;
  /**
   * Set when the change takes the user's rights away (block, de-activate): the organization must keep an
   * admin. (That nobody does it to themselves, and only a super admin to a super admin, the command's
   * gate rule says.)
   */
  readonly takesRightsAway?: boolean;
}

/**
 * The body shared by the account-state commands: authorizes the actor (`manageUsers` here, directly or
 * by delegation), loads the user at the version read, asks the account state machine for the next
 * state, stores it, checks the last-admin rule after the write when rights are taken away, and returns
 * the outcome with one audit entry (the account before and after) and the user's cached permissions
 * marked stale.
 */
export async function changeAccount<P extends string, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<P, string, string, UA, OA, Native>, "catalog" | "access">,
  c: CommandScope<P, UA, OA, Native>,
  change: AccountChange,
): Promise<Result<CommandOutcome<User<UA>>, TenureError>> {
  const stored = await loadTargetUser(c, change.userId, change.expectedVersion);
  if (stored.isErr()) return err(stored.error);
  const next = transitionAccount(change.userId, stored.value.account, change.event, c.now);
  if (next.isErr()) return err(next.error);
  const admins = change.takesRightsAway === true ? await adminsBefore(context, c) : null;
  const updated = await c.tx.users.update({ ...stored.value, account: next.value, updatedAt: c.now });
  if (updated.isErr()) return err(updated.error);
  if (admins !== null) {
    const remains = await ensureAdminRemains(context, c, admins);
    if (remains.isErr()) return err(remains.error);
  }
  return ok({
    value: updated.value,
    audit: { action: change.action, target: { entity: "user", id: change.userId }, ...accountDiff(stored.value, updated.value) },
    invalidate: { users: [change.userId] },
  });
}

/** The audit before/after of an account change: the account state on each side. */
export function accountDiff(before: User<object>, after: User<object>): { readonly before: JsonObject; readonly after: JsonObject } {
  return changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, ["account"]);
}
