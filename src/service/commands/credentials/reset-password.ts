import { errAsync, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { parseInput } from "../../../model/parse-input.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import type { CredentialOwner } from "./credential-owner.js";
import { redeemPasswordLink } from "./redeem-password-link.js";
import { newPasswordSchema } from "./_internal/credential-fields.js";

/** What the reset page sends: the secret from the mailed link, and the new password. */
export const resetPasswordInputSchema = z.object({
  /** The secret of the `password_reset` link, as the host's link carried it. */
  secret: z.string().min(1).max(512),
  /** The new password; see {@link checkPasswordPolicy}. */
  password: newPasswordSchema,
});
/** See {@link resetPasswordInputSchema}. */
export type ResetPasswordInput = z.input<typeof resetPasswordInputSchema>;

/**
 * Sets a new password with the secret of a `password_reset` link. A link that is unknown, already used,
 * expired or made for another purpose (an invitation, an activation) is one and the same
 * `invalid_token` error, and nothing changes. A new password that breaks the policy is a validation
 * error naming `password`; the link then stays usable.
 *
 * Otherwise, in one unit of work: the token is consumed (of two concurrent resets with the same link,
 * exactly one succeeds; the other gets `invalid_token`), the new hash is stored, `mustChangePassword`
 * is cleared, and the failure count and any sign-in lock are cleared. The account's status does not
 * change (a blocked one stays blocked), except for an invited account: its reset completes the
 * invitation, exactly as accepting it would (the invitation becomes `accepted`, the account `active`,
 * the invitation's own link dies), so an invited user who used "Forgot your password?" instead of the
 * invitation can sign in; an invited account with no pending invitation (never sent, revoked, expired)
 * is `invalid_state` and keeps no password. Audit: `user.password_reset`, the user as actor (whoever
 * holds the link acts as the user), recording that a password is set (and, for an invitation it
 * completed, the account before and after and the invitation), never the password or its hash. The
 * same redemption as `setPasswordWithLink` (one home: `redeemPasswordLink`), restricted to reset links.
 */
export function resetPassword<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: ResetPasswordInput,
): ResultAsync<CredentialOwner, TenureError> {
  const parsed = parseInput(resetPasswordInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { secret, password } = parsed.value;
  return redeemPasswordLink(context, { secret, password, purpose: "password_reset" }).map(({ user }) => ({ organizationId: user.organizationId, userId: user.id }));
}
