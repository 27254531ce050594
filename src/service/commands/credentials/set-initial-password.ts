import { err, ok, ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { checkPasswordPolicy } from "./check-password-policy.js";
import type { CredentialOwner } from "./credential-owner.js";
import { newPasswordSchema } from "./_internal/credential-fields.js";
import { credentialDiff, storePassword } from "./_internal/credential-writes.js";
import { retryOnConflict } from "./_internal/retry-on-conflict.js";

/** What an admin's "Change password" form for another user takes. */
export const setInitialPasswordInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  /** The initial password the admin chose; see {@link checkPasswordPolicy}. */
  password: newPasswordSchema,
});
/** See {@link setInitialPasswordInputSchema}. */
export type SetInitialPasswordInput = z.input<typeof setInitialPasswordInputSchema>;

/**
 * The manuals' fallback when the user cannot use "Forgot password?": an admin chooses an initial
 * password and shares it with the user through a secure channel (e.g. Bitwarden Send). Needs
 * `manageUsers` in the user's organization (directly or by delegation); a super admin's password only
 * a super admin may set. The password must pass {@link checkPasswordPolicy} (a validation error naming
 * `password`); any account but a removed one (`invalid_state`) may get one.
 *
 * The password is stored (hashed) with `mustChangePassword`, so the first sign-in answers
 * `password_change_required` until the user changes it with `changePassword`; the failure count and
 * any lock are cleared. It is NEVER mailed: no mail is queued. Audit: `user.initial_password_set`, the
 * admin as actor, recording that a password is set and must be changed, never the password or its
 * hash. A `conflict` (a concurrent sign-in attempt counted a failure) is retried once.
 */
export function setInitialPassword<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: SetInitialPasswordInput,
): ResultAsync<CredentialOwner, TenureError> {
  const hashes = new Map<string, Promise<string>>();
  const hashOnce = (password: string): Promise<string> => {
    const known = hashes.get(password) ?? context.hasher.hash(password);
    hashes.set(password, known);
    return known;
  };
  const attempt = () =>
    runParsedCommand(context, {
      actor,
      schema: setInitialPasswordInputSchema,
      input,
      rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
      work: async (c, { organizationId, userId, password }) => {
        const user = await c.tx.users.get(organizationId, userId);
        if (user === null) return err(TenureErrors.notFound("user", userId));
        if (user.account.status === "removed") {
          return err(TenureErrors.invalidState("user", userId, "removed", "The account was removed; it gets no password."));
        }
        const policy = checkPasswordPolicy(password, user);
        if (policy.isErr()) return err(policy.error);
        const before = await c.tx.credentials.get(organizationId, userId);
        const after = await storePassword(c.tx, user, before, { passwordHash: await hashOnce(password), mustChangePassword: true, now: c.now });
        if (after.isErr()) return err(after.error);
        return ok({
          value: { organizationId, userId },
          audit: {
            action: "user.initial_password_set",
            target: { entity: "user", id: userId },
            ...credentialDiff(before, after.value),
            details: { passwordSet: true, mailed: false },
          },
        });
      },
    });
  return ResultAsync.fromSafePromise(retryOnConflict(2, attempt)).andThen((result) => result);
}
