import { err, ok, type Result } from "neverthrow";
import type { UserId } from "../../../../model/ids.js";
import { TenureErrors, type TenureError } from "../../../../model/tenure-error.js";
import type { User } from "../../../../model/user.js";
import { changedFields } from "../../../_internal/audit-values.js";
import type { CommandOutcome, CommandScope } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";
import { loadTargetUser } from "./account-target.js";

/** A per-user switch an admin turns on or off. */
export type UserFlag = "twoFactorRequired" | "workflowAccess";

/** One change of a {@link UserFlag}, as a command asks for it. */
export interface FlagChange {
  readonly userId: UserId;
  readonly expectedVersion: number;
  readonly flag: UserFlag;
  readonly value: boolean;
  /** The audit action, e.g. `user.two_factor_required`. */
  readonly action: string;
  /** What the refusal says when the flag already has the value, e.g. "already has to use two-factor authentication". */
  readonly unchanged: string;
}

/**
 * The body shared by the per-user switches: authorizes the actor (`manageUsers` here), loads the user at
 * the version read, refuses a removed account or a switch that already has the value (`invalid_state`:
 * every success changes something and writes one audit entry), and stores the new value.
 */
export async function setUserFlag<P extends string, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<P, string, string, UA, OA, Native>, "catalog" | "access">,
  c: CommandScope<P, UA, OA, Native>,
  change: FlagChange,
): Promise<Result<CommandOutcome<User<UA>>, TenureError>> {
  const stored = await loadTargetUser(c, change.userId, change.expectedVersion);
  if (stored.isErr()) return err(stored.error);
  if (stored.value.account.status === "removed") {
    return err(TenureErrors.invalidState("user", change.userId, "removed", "The account was removed; its settings no longer change."));
  }
  if (stored.value[change.flag] === change.value) {
    return err(TenureErrors.invalidState("user", change.userId, `${change.flag}=${String(change.value)}`, `The user ${change.unchanged}.`));
  }
  const updated = await c.tx.users.update({ ...stored.value, [change.flag]: change.value, updatedAt: c.now });
  if (updated.isErr()) return err(updated.error);
  return ok({
    value: updated.value,
    audit: {
      action: change.action,
      target: { entity: "user", id: change.userId },
      ...changedFields(stored.value as unknown as Record<string, unknown>, updated.value as unknown as Record<string, unknown>, [change.flag]),
    },
  });
}
