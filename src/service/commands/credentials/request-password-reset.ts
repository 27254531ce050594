import { err, ok, ResultAsync } from "neverthrow";
import * as z from "zod";
import { accountStatusNow } from "../../../access/account-standing.js";
import { pendingInvitation } from "../../../lifecycle/password-link-plan.js";
import { organizationIdSchema, userIdSchema, type UserId } from "../../../model/ids.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { issuePasswordReset, resetAudit } from "./_internal/issue-password-reset.js";
import { retryOnConflict } from "./_internal/retry-on-conflict.js";

/** What an admin's "Reset Password" (on the user details page) takes. */
export const requestPasswordResetInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
});
/** See {@link requestPasswordResetInputSchema}. */
export type RequestPasswordResetInput = z.input<typeof requestPasswordResetInputSchema>;

/** A reset an admin triggered: for whom, and until when the mailed link works. Never the secret. */
export interface PasswordResetRequested {
  readonly userId: UserId;
  readonly expiresAt: Date;
}

/**
 * An admin triggers a password reset for a user (the partner portal's "Reset Password", e.g. when the
 * invitation mail never arrived or the password is forgotten): needs `manageUsers` in the user's
 * organization, held directly (a company admin for his company) or by delegation (a customer manager
 * for a customer's user, not for his own company's). Invalidates the user's earlier unused reset links,
 * issues a `password_reset` token and queues the `password_reset` mail with the link; the admin never
 * sees the link, and no password travels by mail.
 *
 * Any account but a removed one (`invalid_state`) may be reset: an admin may reset a blocked account's
 * password before unblocking it; sign-in still tells the user the account's standing. An invited user
 * may be reset while their invitation is pending (the partner portal: "If a user did not receive the
 * invitation e-mail ... company admins can trigger a password reset"); the link then completes the
 * invitation. An invited user never sent an invitation, or whose invitation expired or was revoked, is
 * `invalid_state`: send (or resend) the invitation instead, since a reset link could not let them in. A `conflict` is
 * retried once. Audit: `user.password_reset_requested`, the admin as actor.
 */
export function requestPasswordReset<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RequestPasswordResetInput,
): ResultAsync<PasswordResetRequested, TenureError> {
  const attempt = () =>
    runParsedCommand(context, {
      actor,
      schema: requestPasswordResetInputSchema,
      input,
      rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
      work: async (c, { organizationId, userId }) => {
        const user = await c.tx.users.get(organizationId, userId);
        if (user === null) return err(TenureErrors.notFound("user", userId));
        if (user.account.status === "removed") {
          return err(TenureErrors.invalidState("user", userId, "removed", "The account was removed; its password cannot be reset."));
        }
        if (accountStatusNow(user, c.now) === "invited" && pendingInvitation(await c.tx.invitations.listForUser(organizationId, userId), c.now) === null) {
          return err(
            TenureErrors.invalidState("user", userId, "invited", "This user was not invited to sign in (or the invitation expired or was revoked): send or resend the invitation instead."),
          );
        }
        const issued = await issuePasswordReset(context, c, user);
        if (issued.isErr()) return err(issued.error);
        return ok({ value: { userId, expiresAt: issued.value.token.expiresAt }, audit: resetAudit(userId, issued.value, "admin") });
      },
    });
  return ResultAsync.fromSafePromise(retryOnConflict(2, attempt)).andThen((result) => result);
}
