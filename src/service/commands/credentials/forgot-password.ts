import { err, errAsync, ok, ResultAsync } from "neverthrow";
import * as z from "zod";
import { maySelfResetPassword } from "../../../lifecycle/self-service-reset.js";
import { organizationIdSchema } from "../../../model/ids.js";
import { parseInput } from "../../../model/parse-input.js";
import { TenureErrors, type ValidationError } from "../../../model/tenure-error.js";
import { systemActor } from "../../actor.js";
import { appendAudit, runCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { loginSchema } from "./_internal/credential-fields.js";
import { findByLogin, NO_USER_ID } from "./_internal/find-by-login.js";
import { issuePasswordReset, resetAudit, type ResetRecipient } from "./_internal/issue-password-reset.js";
import { retryOnConflict } from "./_internal/retry-on-conflict.js";

/** What "Forgot your password?" takes: the organization whose sign-in page it is, and a username or e-mail address. */
export const forgotPasswordInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** A username, or an e-mail address that exactly one account of the organization has. */
  login: loginSchema,
});
/** See {@link forgotPasswordInputSchema}. */
export type ForgotPasswordInput = z.input<typeof forgotPasswordInputSchema>;

/** The audit actor of a self-service reset: nobody is signed in. */
export const PASSWORD_RESET_ACTOR = "password-reset";

/**
 * "Forgot your password?": when the login names an account that may reset its own password
 * (`maySelfResetPassword`: an active one, or an invited one whose invitation was sent and is pending),
 * invalidates the user's earlier unused reset links, issues a `password_reset` token (only its hash is stored; it lives
 * `tokens.passwordResetMinutes`, an hour by default) and queues the `password_reset` mail with the link.
 * No password ever travels by mail. Redeemed by an invited user, the link completes the invitation
 * (see `resetPassword`). A user added without a sign-in invitation (or whose invitation expired or was
 * revoked) gets nothing, exactly like an unknown address: the partner portal's admin who clears "Send
 * sign in-invitation" does "not want the user to be able to sign in", and "Forgot your password?" must
 * not open that door.
 *
 * The answer never tells whether the account exists:
 * - It is always the same `Ok`, whatever the login names (nobody, several users sharing the e-mail, a
 *   blocked or de-activated account, an invited user never sent an invitation, an unknown organization). Only malformed input is refused, with a
 *   validation error naming the field. A store or mail refusal while issuing the reset (a `conflict`
 *   retried once and lost again, a template that fails to render) is not reported either, since only an
 *   existing account could cause it; the user may simply ask again. Exceptions (the database is down)
 *   still reject.
 * - It takes comparable time: when no account qualifies, the same store work is done for a stand-in
 *   (lookups, the user's invitations, invalidating, storing a token, rendering and queueing the mail, appending the audit event)
 *   and then rolled back, so only the commit differs. The host's `links` function is called only for a
 *   real reset.
 * - The audit log records an event (`user.password_reset_requested`, actor system `password-reset`)
 *   only when a reset was issued, for the user it was issued for: a request for nobody leaves no trace,
 *   so the organization's log is not an oracle either (and cannot be flooded with requests for
 *   made-up addresses).
 */
export function forgotPassword<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: ForgotPasswordInput,
): ResultAsync<void, ValidationError> {
  const parsed = parseInput(forgotPasswordInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { organizationId, login } = parsed.value;
  const attempt = () =>
    runCommand(context, {
      actor: systemActor(PASSWORD_RESET_ACTOR),
      organizationId,
      rule: { needs: "system" },
      work: async (c) => {
        const user = await findByLogin(c.tx, organizationId, login);
        // Read for a stand-in too, so the store work does not depend on whether the login names anyone.
        const invitations = await c.tx.invitations.listForUser(organizationId, user?.id ?? NO_USER_ID);
        const eligible = user !== null && maySelfResetPassword(user, invitations, c.now);
        const recipient: ResetRecipient = eligible ? user : decoyRecipient(login);
        const issued = await issuePasswordReset(context, c, recipient, { decoy: !eligible });
        if (issued.isErr()) return err(issued.error);
        const audit = resetAudit(recipient.id, issued.value, "user");
        if (eligible) return ok({ value: undefined, audit });
        // The stand-in does the audit append too, then the whole unit of work is rolled back.
        await appendAudit(context, c.tx, c.actor, organizationId, c.now, audit);
        return err(TenureErrors.notFound("user", NO_USER_ID));
      },
    });
  return ResultAsync.fromSafePromise(retryOnConflict(2, attempt).then(() => undefined));
}

/** The stand-in recipient of a login that matched no account that may reset its password. */
function decoyRecipient(login: string): ResetRecipient {
  return { id: NO_USER_ID, username: login, fullName: login, email: "nobody@example.invalid" };
}
