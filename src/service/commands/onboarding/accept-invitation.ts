import { errAsync, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { parseInput } from "../../../model/parse-input.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { redeemPasswordLink } from "../credentials/redeem-password-link.js";

export { INVITATION_ACTOR } from "../credentials/redeem-password-link.js";

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
 * - The same redemption as `credentials.setPasswordWithLink` (one home: `redeemPasswordLink`, rules in
 *   `planPasswordLink`), restricted to invitation links.
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
  return redeemPasswordLink(context, { secret, password, purpose: "invitation" }).map((redeemed) => redeemed.user);
}
