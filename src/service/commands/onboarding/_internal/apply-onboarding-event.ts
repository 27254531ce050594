import { err, ok, type Result } from "neverthrow";
import { transitionAccount, type AccountEvent } from "../../../../lifecycle/account-lifecycle.js";
import type { AccountStatus } from "../../../../model/account-state.js";
import type { UserId } from "../../../../model/ids.js";
import type { TenureError } from "../../../../model/tenure-error.js";
import type { User } from "../../../../model/user.js";
import type { CommandOutcome, CommandScope } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";
import { accountDiff } from "../../../_internal/account-diff.js";
import { loadOnboardingTarget } from "./onboarding-target.js";

/**
 * The body of an admin's onboarding step on an account (activate, verify): authorizes the actor, loads
 * the user at the version read in status `from`, applies the account state machine's event, stores
 * the user, and returns one audit entry (the account before and after) with the user's cached
 * permissions marked stale.
 */
export async function applyOnboardingEvent<UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<string, string, string, UA, OA, Native>, "catalog">,
  c: CommandScope<string, UA, OA, Native>,
  step: { readonly userId: UserId; readonly expectedVersion: number; readonly event: AccountEvent; readonly from: AccountStatus; readonly action: string },
): Promise<Result<CommandOutcome<User<UA>>, TenureError>> {
  const user = await loadOnboardingTarget(context.catalog, c, {
    userId: step.userId,
    expectedVersion: step.expectedVersion,
    statuses: [step.from],
    action: step.event.type,
  });
  if (user.isErr()) return err(user.error);
  const next = transitionAccount(step.userId, user.value.account, step.event, c.now);
  if (next.isErr()) return err(next.error);
  const updated = await c.tx.users.update({ ...user.value, account: next.value, updatedAt: c.now });
  if (updated.isErr()) return err(updated.error);
  return ok({
    value: updated.value,
    audit: {
      action: step.action,
      target: { entity: "user", id: step.userId },
      ...accountDiff(user.value, updated.value),
      details: { username: updated.value.username },
    },
    invalidate: { users: [step.userId] },
  });
}
