import { errAsync, ok, ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema } from "../../../model/ids.js";
import { parseInput } from "../../../model/parse-input.js";
import type { AuthenticationError, ValidationError } from "../../../model/tenure-error.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import type { CredentialOwner } from "./credential-owner.js";
import type { DummyPasswordCheck } from "./dummy-password-check.js";
import { loginSchema, presentedPasswordSchema } from "./_internal/credential-fields.js";
import { credentialDiff } from "./_internal/credential-writes.js";
import { runPasswordAttempt } from "./_internal/password-attempt.js";

/** What a sign-in page sends: the organization it belongs to, a username or e-mail address, and the password. */
export const signInInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** A username, or an e-mail address that exactly one account of the organization has. */
  login: loginSchema,
  password: presentedPasswordSchema,
});
/** See {@link signInInputSchema}. */
export type SignInInput = z.input<typeof signInInputSchema>;

/**
 * Checks a password and the account's standing; says who signed in, or why not. Sessions stay the
 * host's business: on `Ok`, start one for the returned user.
 *
 * - The login is a username (`findByUsername`) or, when it contains "@" and no username matches, an
 *   e-mail address (`findByEmail`) that exactly one account has; an address several users share matches
 *   nobody.
 * - The password is verified against the stored hash; with no such user, no credential or no password
 *   set, it is verified against the service's dummy hash, so timing does not tell whether the account
 *   exists. Then `decideSignIn` decides: a wrong password, an unknown login and a locked account given
 *   a wrong password are all `invalid_credentials`; only the right password learns that the account is
 *   `locked` (until when), `blocked`, `access_expired` (third-party), `not_active`, or that its
 *   (admin-set) password must be changed first (`password_change_required`, see `changePassword`).
 * - The `maxFailedAttempts`-th wrong password in a row locks the account for `lockoutMinutes`; while it
 *   is locked even the right password is refused (`locked`); a success clears the count. Every attempt
 *   that counts, a success included, writes the credential (version-checked) in its unit of work, so
 *   concurrent attempts on one account are decided one after the other: when another commits first,
 *   the attempt is decided again on the fresh count (without hashing again). No burst gets more than
 *   `maxFailedAttempts` failures counted before the lock, and a right password is never accepted on a
 *   count older than the failures committed before it. An attempt that keeps losing that race (a
 *   bounded number of times; a burst of wrong passwords alone never does) is answered `locked`
 *   without `until`, "try again shortly", whatever its password: it was not counted, so it tells
 *   nothing.
 * - Audit: a successful sign-in (`user.signed_in`, the user as actor) and a lockout (`user.locked_out`,
 *   actor system `sign-in`). Other failures are not audited: an unknown login has nobody to record
 *   (and recording it would make the log an oracle and let anyone flood it); a wrong password shows in
 *   the failure count and, when it adds up, as the lockout.
 *
 * Malformed input (an empty login, a password over 1024 characters) is a validation error naming the field.
 */
export function signIn<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  dummy: DummyPasswordCheck,
  input: SignInInput,
): ResultAsync<CredentialOwner, AuthenticationError | ValidationError> {
  const parsed = parseInput(signInInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const attempt = runPasswordAttempt(context, dummy, parsed.value, {
    onAccepted: async ({ user, previous, credential }) =>
      ok({
        value: { organizationId: user.organizationId, userId: user.id },
        audit: { action: "user.signed_in", target: { entity: "user", id: user.id }, ...credentialDiff(previous, credential) },
      }),
  });
  return ResultAsync.fromSafePromise(attempt).andThen((result) => result);
}
