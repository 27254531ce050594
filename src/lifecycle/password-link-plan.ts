import { err, ok, type Result } from "neverthrow";
import { accountStatusNow } from "../access/account-standing.js";
import type { AccountState } from "../model/account-state.js";
import type { Invitation } from "../model/invitation.js";
import { TenureErrors, type InvalidStateError, type InvalidTokenError, type ValidationError } from "../model/tenure-error.js";
import type { Token, TokenPurpose } from "../model/token.js";
import type { User } from "../model/user.js";
import { transitionAccount } from "./account-lifecycle.js";
import { invitationStatus, transitionInvitation } from "./invitation-lifecycle.js";

/** What redeeming a set-password link of a valid token does, besides storing the chosen password. */
export interface PasswordLinkPlan {
  /** The purpose the link fulfils: its token's. */
  readonly purpose: TokenPurpose;
  /** The account state to store, or `null` when the account does not change. */
  readonly account: AccountState | null;
  /**
   * The invitation as it must be stored (`accepted`), or `null`: the invitation of an invitation link,
   * and the pending invitation of an invited account that activates or resets its password instead.
   */
  readonly invitation: Invitation | null;
}

/** The user's invitation that is open and sent and not expired at `now` (an invited account holds at most one), or `null`. */
export function pendingInvitation(invitations: readonly Invitation[], now: Date): Invitation | null {
  return invitations.find((invitation) => invitationStatus(invitation, now) === "pending") ?? null;
}

/**
 * The one rule of every set-password link (invitation, activation, password reset), once its token was
 * checked (`checkToken`): what the link does to the account and its invitation at `now`, or why it
 * cannot. `acceptInvitation`, `completeActivation`, `resetPassword` and `setPasswordWithLink` all redeem
 * through it, so a link does the same whichever of them the host calls.
 *
 * - `invitation`: the invitation whose current token it is must accept (`pending`; expired or
 *   already accepted or revoked is `invalid_token`); the account must be `invited` (it becomes `active`)
 *   or `active`; any other state is `invalid_state`.
 * - `activation`: the account must be `invited` (it becomes `active`, and a pending invitation of it
 *   `accepted`, so the invitation's link dies) or `active`; else `invalid_state`.
 * - `password_reset`: a removed account is `invalid_token` (its links died with it). An `invited`
 *   account completes its invitation, exactly as accepting it would (the partner portal: an invited
 *   user who uses "Forgot your password?" instead of the invitation): its pending invitation becomes
 *   `accepted` and the account `active`. An invited account with no pending invitation (never sent,
 *   revoked, expired) was not invited to sign in, so the link sets nothing (`invalid_state`). Any other
 *   account keeps its state (a blocked one stays blocked).
 *
 * @example
 * ```ts
 * const plan = planPasswordLink({ token, user, invitations, now });
 * // Ok({ purpose: "password_reset", account: { status: "active" }, invitation: { …, state: { status: "accepted", at: now } } })
 * ```
 */
export function planPasswordLink(input: {
  readonly token: Pick<Token, "id" | "purpose">;
  readonly user: Pick<User, "id" | "account" | "thirdParty" | "accessExpiresAt">;
  readonly invitations: readonly Invitation[];
  readonly now: Date;
}): Result<PasswordLinkPlan, InvalidTokenError | InvalidStateError | ValidationError> {
  const { token, user, now } = input;
  const status = accountStatusNow(user, now);
  const activeOrInvited = (what: string): Result<void, InvalidStateError> =>
    status === "invited" || status === "active"
      ? ok(undefined)
      : err(TenureErrors.invalidState("user", user.id, status, `This account is ${status.replace("_", " ")}: ${what}.`));
  const next = (event: "accept_invitation" | "activate") =>
    status === "invited" ? transitionAccount(user.id, user.account, { type: event }, now).map((account): AccountState | null => account) : ok(null);

  switch (token.purpose) {
    case "invitation": {
      const invitation = input.invitations.find((candidate) => candidate.tokenId === token.id);
      if (invitation === undefined) return err(TenureErrors.invalidToken("unknown"));
      const accepted = transitionInvitation(invitation, { type: "accept" }, now);
      if (accepted.isErr()) return err(TenureErrors.invalidToken(accepted.error.state === "expired" ? "expired" : "used"));
      const allowed = activeOrInvited("the invitation cannot be accepted");
      if (allowed.isErr()) return err(allowed.error);
      return next("accept_invitation").map((account) => ({ purpose: token.purpose, account, invitation: accepted.value }));
    }
    case "activation": {
      const allowed = activeOrInvited("it cannot be activated");
      if (allowed.isErr()) return err(allowed.error);
      // An invited account activated this way is done with its invitation: it is accepted now, so its
      // link cannot set the password again later.
      const open = status === "invited" ? pendingInvitation(input.invitations, now) : null;
      const accepted = open === null ? ok(null) : transitionInvitation(open, { type: "accept" }, now);
      if (accepted.isErr()) return err(accepted.error);
      return next("activate").map((account) => ({ purpose: token.purpose, account, invitation: accepted.value }));
    }
    case "password_reset": {
      if (status === "removed") return err(TenureErrors.invalidToken("unknown"));
      if (status !== "invited") return ok({ purpose: token.purpose, account: null, invitation: null });
      const open = pendingInvitation(input.invitations, now);
      if (open === null) {
        return err(
          TenureErrors.invalidState("user", user.id, "invited", "This account was not invited to sign in (or its invitation expired or was revoked); ask an administrator for an invitation."),
        );
      }
      const accepted = transitionInvitation(open, { type: "accept" }, now);
      if (accepted.isErr()) return err(accepted.error);
      return next("accept_invitation").map((account) => ({ purpose: token.purpose, account, invitation: accepted.value }));
    }
  }
}
