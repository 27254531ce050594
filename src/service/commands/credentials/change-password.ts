import { err, errAsync, ok, ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema } from "../../../model/ids.js";
import { parseInput } from "../../../model/parse-input.js";
import { TenureErrors, type AuthenticationError, type ValidationError } from "../../../model/tenure-error.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { checkPasswordPolicy } from "./check-password-policy.js";
import type { CredentialOwner } from "./credential-owner.js";
import type { DummyPasswordCheck } from "./dummy-password-check.js";
import { loginSchema, newPasswordSchema, presentedPasswordSchema } from "./_internal/credential-fields.js";
import { credentialDiff, storePassword } from "./_internal/credential-writes.js";
import { runPasswordAttempt } from "./_internal/password-attempt.js";

/** What a "change password" form sends: who (as on the sign-in page), the current password, and the new one. */
export const changePasswordInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** A username, or an e-mail address that exactly one account of the organization has. */
  login: loginSchema,
  currentPassword: presentedPasswordSchema,
  /** See {@link checkPasswordPolicy}; it must also differ from the current one. */
  newPassword: newPasswordSchema,
});
/** See {@link changePasswordInputSchema}. */
export type ChangePasswordInput = z.input<typeof changePasswordInputSchema>;

/**
 * A user changes their own password, e.g. at the first sign-in after an admin set an initial one
 * (`signIn` answered `password_change_required`). No actor: the current password is the proof.
 *
 * The current password is checked exactly as `signIn` checks it (dummy hash for an unknown login, the
 * lockout, a wrong password counted and answered `invalid_credentials`, the account's standing told only
 * to the right password), except that `password_change_required` means "may change". Only then is the
 * new password checked (so a policy error never hints at an account's username or e-mail): it must pass
 * {@link checkPasswordPolicy} and differ from the current one (`password_unchanged`), a validation error
 * naming `newPassword` that changes nothing. On success the new hash is stored, `mustChangePassword`,
 * the failure count and the lock are cleared, and the user may sign in. Audit:
 * `user.password_changed`, the user as actor, never the password or its hash.
 */
export function changePassword<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  dummy: DummyPasswordCheck,
  input: ChangePasswordInput,
): ResultAsync<CredentialOwner, AuthenticationError | ValidationError> {
  const parsed = parseInput(changePasswordInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { organizationId, login, currentPassword, newPassword } = parsed.value;
  let newHash: Promise<string> | null = null;
  const attempt = runPasswordAttempt(context, dummy, { organizationId, login, password: currentPassword }, {
    acceptAlso: "password_change_required",
    onAccepted: async ({ tx, now, user, previous, credential }) => {
      if (newPassword.normalize("NFKC") === currentPassword.normalize("NFKC")) {
        return err(
          TenureErrors.validation([
            { severity: "error", field: "newPassword", code: "password_unchanged", message: "must differ from the current password" },
          ]),
        );
      }
      const policy = checkPasswordPolicy(newPassword, user, { field: "newPassword" });
      if (policy.isErr()) return err(policy.error);
      newHash ??= context.hasher.hash(newPassword);
      const stored = await storePassword(tx, user, credential, { passwordHash: await newHash, mustChangePassword: false, now });
      if (stored.isErr()) return err(stored.error); // a `conflict` runs the attempt again on fresh data
      return ok({
        value: { organizationId: user.organizationId, userId: user.id },
        audit: { action: "user.password_changed", target: { entity: "user", id: user.id }, ...credentialDiff(previous, stored.value) },
      });
    },
  });
  return ResultAsync.fromSafePromise(attempt).andThen((result) => result);
}
