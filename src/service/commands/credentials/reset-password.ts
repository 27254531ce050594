import { err, errAsync, ok, ResultAsync, type Result } from "neverthrow";
import * as z from "zod";
import { checkToken, hashTokenSecret } from "../../../lifecycle/single-use-token.js";
import { parseInput } from "../../../model/parse-input.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Token } from "../../../model/token.js";
import type { User } from "../../../model/user.js";
import type { StoreTransaction } from "../../../ports/tenure-store.js";
import { userActor } from "../../actor.js";
import { runCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { checkPasswordPolicy } from "./check-password-policy.js";
import type { CredentialOwner } from "./credential-owner.js";
import { newPasswordSchema } from "./_internal/credential-fields.js";
import { credentialDiff, storePassword } from "./_internal/credential-writes.js";
import { retryOnConflict } from "./_internal/retry-on-conflict.js";

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
 * change (an invited user still accepts the invitation; a blocked one stays blocked). Audit:
 * `user.password_reset`, the user as actor (whoever holds the link acts as the user), recording that a
 * password is set, never the password or its hash.
 */
export function resetPassword<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: ResetPasswordInput,
): ResultAsync<CredentialOwner, TenureError> {
  const parsed = parseInput(resetPasswordInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { secret, password } = parsed.value;
  const hash = hashTokenSecret(secret);

  /** Finds the token and its user and checks both, and the password policy, as of `now`. */
  const redeemable = async (
    tx: StoreTransaction<UA, OA, Native>,
    now: Date,
  ): Promise<Result<{ readonly token: Token; readonly user: User<UA> }, TenureError>> => {
    const token = checkToken(await tx.tokens.findByHash(hash), secret, "password_reset", now);
    if (token.isErr()) return err(token.error);
    const user = await tx.users.get(token.value.organizationId, token.value.userId);
    if (user === null || user.account.status === "removed") return err(TenureErrors.invalidToken("unknown"));
    const policy = checkPasswordPolicy(password, user);
    return policy.isErr() ? err(policy.error) : ok({ token: token.value, user });
  };

  const run = async (): Promise<Result<CredentialOwner, TenureError>> => {
    // Check first, then hash outside any transaction (hashing is slow), then redeem in one unit of work.
    const found = await context.store.transaction((tx) => redeemable(tx, context.clock.now()));
    if (found.isErr()) return err(found.error);
    const { organizationId, userId } = found.value.token;
    const passwordHash = await context.hasher.hash(password);
    return retryOnConflict(2, () =>
      runCommand(context, {
        actor: userActor(organizationId, userId),
        organizationId,
        rule: { needs: "link_holder", self: userId },
        work: async (c) => {
          const current = await redeemable(c.tx, c.now);
          if (current.isErr()) return err(current.error);
          const { token, user } = current.value;
          const consumed = await c.tx.tokens.consume(organizationId, token.id, c.now);
          if (consumed.isErr()) return err(consumed.error.code === "conflict" ? TenureErrors.invalidToken("used") : consumed.error);
          const before = await c.tx.credentials.get(organizationId, userId);
          const after = await storePassword(c.tx, user, before, { passwordHash, mustChangePassword: false, now: c.now });
          if (after.isErr()) return err(after.error);
          return ok({
            value: { organizationId, userId },
            audit: { action: "user.password_reset", target: { entity: "user", id: userId }, ...credentialDiff(before, after.value), details: { tokenId: token.id } },
          });
        },
      }),
    );
  };
  return ResultAsync.fromSafePromise(run()).andThen((result) => result);
}
