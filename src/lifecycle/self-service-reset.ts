import { accountStatusNow } from "../access/account-standing.js";
import type { Invitation } from "../model/invitation.js";
import type { User } from "../model/user.js";
import { pendingInvitation } from "./password-link-plan.js";

/**
 * Whether an account may reset its own password ("Forgot your password?") at `now`: an active one (a
 * block whose date passed counts as ended), or an invited one whose invitation was sent and is pending
 * (its reset then completes the invitation, see `planPasswordLink`). Not an invited user added without
 * a sign-in invitation, nor one whose invitation expired or was revoked: the partner portal's admin
 * clears "Send sign in-invitation" when they "do not want the user to be able to sign in", and a
 * forgotten password must not open that door. Blocked, de-activated, pending, expired and removed
 * accounts may not either.
 *
 * @example
 * ```ts
 * maySelfResetPassword({ ...ivy, account: { status: "invited" } }, [unsentInvitation], now); // false
 * ```
 */
export function maySelfResetPassword(
  user: Pick<User, "account" | "thirdParty" | "accessExpiresAt">,
  invitations: readonly Invitation[],
  now: Date,
): boolean {
  const status = accountStatusNow(user, now);
  return status === "active" || (status === "invited" && pendingInvitation(invitations, now) !== null);
}
