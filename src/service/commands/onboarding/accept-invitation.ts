import { accountStatusNow } from "../../../access/account-standing.js";
import { err, errAsync, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { transitionAccount } from "../../../lifecycle/account-lifecycle.js";
import { transitionInvitation } from "../../../lifecycle/invitation-lifecycle.js";
import { parseInput } from "../../../model/parse-input.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { accountDiff } from "./_internal/account-diff.js";
import { invitationJson } from "./_internal/audit-json.js";
import { redeemLink } from "./_internal/redeem-link.js";
import { setChosenPassword } from "./_internal/set-password.js";

/** The system actor name under which accepted invitations appear in the audit log. */
export const INVITATION_ACTOR = "invitation";

/** What accepting an invitation takes: the secret from the link, and the password the user chooses. */
export const acceptInvitationInputSchema = z.object({
  /** The secret the invitation link carried. */
  secret: z.string().min(1).max(512),
  /** The user's new password: at least 10 characters, and not their username nor their e-mail address. */
  password: z.string(),
});
/** See {@link acceptInvitationInputSchema}. */
export type AcceptInvitationInput = z.input<typeof acceptInvitationInputSchema>;

/**
 * Accepts an invitation through its link: the person holding the link chooses their password ("the user
 * can assign themselves a password using the invitation link"). There is no signed-in actor; the audit
 * event `invitation.accepted` is written by the system actor `invitation`, with the user as its target.
 *
 * - The secret must redeem a current invitation token: an unknown, used, expired, rotated or revoked
 *   link, or a link of another purpose, is one `invalid_token` error, and nothing changes.
 * - The token is used exactly once: of two concurrent accepts one succeeds, the other is `invalid_token`.
 * - The invitation becomes `accepted`; an `invited` account becomes `active` (an instantly activated
 *   one stays `active`); an account in any other state is `invalid_state` and the link stays unused.
 * - The password must follow the policy (a `validation` error on `password`); it is stored hashed.
 * - No role is granted: the roles were given when the user was invited.
 *
 * @example
 * ```ts
 * const user = await acceptInvitation(context, { secret: url.searchParams.get("token") ?? "", password });
 * ```
 */
export function acceptInvitation<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: AcceptInvitationInput,
): ResultAsync<User<UA>, TenureError> {
  const parsed = parseInput(acceptInvitationInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { secret, password } = parsed.value;
  return redeemLink(context, {
    purpose: "invitation",
    actorName: INVITATION_ACTOR,
    secret,
    work: async (c, { token, user }) => {
      const invitations = await c.tx.invitations.listForUser(c.organization.id, user.id);
      const invitation = invitations.find((candidate) => candidate.tokenId === token.id);
      if (invitation === undefined) return err(TenureErrors.invalidToken("unknown"));
      const accepted = transitionInvitation(invitation, { type: "accept" }, c.now);
      if (accepted.isErr()) return err(TenureErrors.invalidToken(accepted.error.state === "expired" ? "expired" : "used"));
      const status = accountStatusNow(user, c.now);
      if (status !== "invited" && status !== "active") {
        return err(TenureErrors.invalidState("user", user.id, status, `This account is ${status.replace("_", " ")}: the invitation cannot be accepted.`));
      }
      const account = status === "invited" ? transitionAccount(user.id, user.account, { type: "accept_invitation" }, c.now) : ok(user.account);
      if (account.isErr()) return err(account.error);
      const credential = await setChosenPassword(context, c, user, password);
      if (credential.isErr()) return err(credential.error);
      const storedInvitation = await c.tx.invitations.update(accepted.value);
      if (storedInvitation.isErr()) return err(storedInvitation.error);
      const updated = status === "invited" ? await c.tx.users.update({ ...user, account: account.value, updatedAt: c.now }) : ok(user);
      if (updated.isErr()) return err(updated.error);
      return ok({
        value: updated.value,
        audit: {
          action: "invitation.accepted",
          target: { entity: "user", id: user.id },
          ...accountDiff(user, updated.value),
          details: { invitation: invitationJson(storedInvitation.value), username: user.username, passwordSet: true },
        },
        invalidate: { users: [user.id] },
      });
    },
  });
}
