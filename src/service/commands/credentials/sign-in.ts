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
 * What a sign-in with the right password answers: signed in (start a session for `userId`), or the
 * account requires a second factor (`twoFactorRequired`): check it, and only then start a session for
 * `account.userId`. The account sits under `account` in the second case on purpose, so code that reads
 * `userId` without looking at `status` does not compile (and finds no user at run time).
 */
export type SignInResult =
  | ({ readonly status: "signed_in" } & CredentialOwner)
  | { readonly status: "second_factor_required"; readonly account: CredentialOwner };

/**
 * Checks a password and the account's standing; says who signed in, or why not. Sessions stay the
 * host's business: on `Ok` with `status: "signed_in"`, start one for the returned user; on
 * `status: "second_factor_required"` (the account requires 2FA, `accounts.requireTwoFactor`), ask for
 * the second factor first (checking it is the host's).
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
 * - A second factor is told only once everything else holds: after the right password, an account
 *   that may sign in and no pending password change. The attempt counts as a right password (the
 *   failure count is cleared, the credential written like any success); failures of the second factor
 *   are the host's to count.
 * - Audit: a successful sign-in (`user.signed_in`, the user as actor), a right password that awaits
 *   its second factor (`user.password_verified`, details `{ secondFactorRequired: true }`), and a
 *   lockout (`user.locked_out`, actor system `sign-in`). Other failures are not audited: an unknown login has nobody to record
 *   (and recording it would make the log an oracle and let anyone flood it); a wrong password shows in
 *   the failure count and, when it adds up, as the lockout.
 *
 * Malformed input (an empty login, a password over 1024 characters) is a validation error naming the field.
 */
export function signIn<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  dummy: DummyPasswordCheck,
  input: SignInInput,
): ResultAsync<SignInResult, AuthenticationError | ValidationError> {
  const parsed = parseInput(signInInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const attempt = runPasswordAttempt<P, R, S, UA, OA, Native, SignInResult>(context, dummy, parsed.value, {
    onAccepted: async ({ user, previous, credential, step }) => {
      const account: CredentialOwner = { organizationId: user.organizationId, userId: user.id };
      const target = { entity: "user", id: user.id };
      return step === "second_factor_required"
        ? ok({
            value: { status: "second_factor_required" as const, account },
            audit: { action: "user.password_verified", target, ...credentialDiff(previous, credential), details: { secondFactorRequired: true } },
          })
        : ok({ value: { status: "signed_in" as const, ...account }, audit: { action: "user.signed_in", target, ...credentialDiff(previous, credential) } });
    },
  });
  return ResultAsync.fromSafePromise(attempt).andThen((result) => result);
}
