import { accountStatusNow } from "../../../../access/account-standing.js";
import { err, ok, type Result } from "neverthrow";
import type { Catalog } from "../../../../access/catalog.js";
import { type AccountStatus } from "../../../../model/account-state.js";
import type { UserId } from "../../../../model/ids.js";
import type { Invitation } from "../../../../model/invitation.js";
import { TenureErrors, type TenureError } from "../../../../model/tenure-error.js";
import type { User } from "../../../../model/user.js";
import type { CommandScope } from "../../../_internal/run-command.js";

/**
 * The user an onboarding command of an admin is about: the actor must manage users in the command's
 * organization (directly or by delegation), the user must exist there (`not_found` otherwise, also for
 * another organization's user), be at `expectedVersion` when one is given (`conflict`), and be in one
 * of the `statuses` (`invalid_state` otherwise).
 */
export async function loadOnboardingTarget<UA extends object, OA extends object, Native>(
  catalog: Catalog<string, string, string>,
  c: CommandScope<string, UA, OA, Native>,
  target: { readonly userId: UserId; readonly expectedVersion?: number | undefined; readonly statuses: readonly AccountStatus[]; readonly action: string },
): Promise<Result<User<UA>, TenureError>> {
  const user = await c.tx.users.get(c.organization.id, target.userId);
  if (user === null) return err(TenureErrors.notFound("user", target.userId));
  if (target.expectedVersion !== undefined && user.version !== target.expectedVersion) {
    return err(TenureErrors.conflict("user", user.id, target.expectedVersion, user.version));
  }
  const status = accountStatusNow(user, c.now);
  if (!target.statuses.includes(status)) {
    return err(TenureErrors.invalidState("user", user.id, status, `Cannot ${target.action} a user whose account is ${status.replace("_", " ")}.`));
  }
  return ok(user);
}

/**
 * The user's invitations that matter: the open one (not yet accepted nor revoked: unsent, pending or
 * expired; the onboarding commands keep at most one open) and whether one was accepted.
 */
export async function invitationsOf<UA extends object, OA extends object, Native>(
  c: CommandScope<string, UA, OA, Native>,
  userId: UserId,
): Promise<{ readonly open: Invitation | null; readonly accepted: boolean }> {
  const invitations = await c.tx.invitations.listForUser(c.organization.id, userId);
  return {
    open: invitations.find((invitation) => invitation.state.status === "pending") ?? null,
    accepted: invitations.some((invitation) => invitation.state.status === "accepted"),
  };
}
