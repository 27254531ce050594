import { accountStatusNow } from "../../../access/account-standing.js";
import { err, errAsync, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { transitionAccount } from "../../../lifecycle/account-lifecycle.js";
import { parseInput } from "../../../model/parse-input.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { accountDiff } from "./_internal/account-diff.js";
import { redeemLink } from "./_internal/redeem-link.js";
import { setChosenPassword } from "./_internal/set-password.js";

/** The system actor name under which completed activations appear in the audit log. */
export const ACTIVATION_ACTOR = "activation";

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
 * `validation` error on `password`); it is stored hashed.
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
  return redeemLink(context, {
    purpose: "activation",
    actorName: ACTIVATION_ACTOR,
    secret,
    work: async (c, { user }) => {
      const status = accountStatusNow(user, c.now);
      if (status !== "invited" && status !== "active") {
        return err(TenureErrors.invalidState("user", user.id, status, `This account is ${status.replace("_", " ")}: it cannot be activated.`));
      }
      const account = status === "invited" ? transitionAccount(user.id, user.account, { type: "activate" }, c.now) : ok(user.account);
      if (account.isErr()) return err(account.error);
      const credential = await setChosenPassword(context, c, user, password);
      if (credential.isErr()) return err(credential.error);
      const updated = status === "invited" ? await c.tx.users.update({ ...user, account: account.value, updatedAt: c.now }) : ok(user);
      if (updated.isErr()) return err(updated.error);
      return ok({
        value: updated.value,
        audit: {
          action: "user.activation_completed",
          target: { entity: "user", id: user.id },
          ...accountDiff(user, updated.value),
          details: { username: user.username, passwordSet: true },
        },
        invalidate: { users: [user.id] },
      });
    },
  });
}
