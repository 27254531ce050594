import { errAsync, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { parseInput } from "../../../model/parse-input.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { redeemPasswordLink } from "../credentials/redeem-password-link.js";

export { ACTIVATION_ACTOR } from "../credentials/redeem-password-link.js";

/** What completing an activation takes: the secret from the activation link, and the password the user chooses. */
export const completeActivationInputSchema = z.object({
  /** The secret the activation link carried. */
  secret: z.string().min(1).max(512),
  /** The user's new password: at least 10 characters, and not their username nor their e-mail address. */
  password: z.string(),
});
/** See {@link completeActivationInputSchema}. */
export type CompleteActivationInput = z.input<typeof completeActivationInputSchema>;

/**
 * Sets a user's first password through the link of an activation mail (the marketplace's "Send
 * Activation ... an automatic email to set the password"). No signed-in actor: the audit event
 * `user.activation_completed` is written by the system actor `activation`, with the user as target.
 *
 * The link is single-use and time-limited (an unknown, used, expired or other-purpose link is one
 * `invalid_token` error, and nothing changes). An `active` account stays active; an `invited` one
 * becomes active; any other state is `invalid_state`. The password must follow the policy (a
 * `validation` error on `password`); it is stored hashed. The same redemption as
 * `credentials.setPasswordWithLink` (one home: `redeemPasswordLink`), restricted to activation links.
 *
 * @example
 * ```ts
 * const user = await completeActivation(context, { secret: url.searchParams.get("token") ?? "", password });
 * ```
 */
export function completeActivation<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: CompleteActivationInput,
): ResultAsync<User<UA>, TenureError> {
  const parsed = parseInput(completeActivationInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { secret, password } = parsed.value;
  return redeemPasswordLink(context, { secret, password, purpose: "activation" }).map((redeemed) => redeemed.user);
}
