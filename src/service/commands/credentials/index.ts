import type { ResultAsync } from "neverthrow";
import type { AuthenticationError, TenureError, ValidationError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { changePassword, type ChangePasswordInput } from "./change-password.js";
import type { CredentialOwner } from "./credential-owner.js";
import { createDummyPasswordCheck } from "./dummy-password-check.js";
import { forgotPassword, type ForgotPasswordInput } from "./forgot-password.js";
import { requestPasswordReset, type PasswordResetRequested, type RequestPasswordResetInput } from "./request-password-reset.js";
import { resetPassword, type ResetPasswordInput } from "./reset-password.js";
import { setInitialPassword, type SetInitialPasswordInput } from "./set-initial-password.js";
import { inspectLink, type InspectLinkInput, type LinkInspection } from "./inspect-link.js";
import { setPasswordWithLink, type PasswordSetWithLink, type SetPasswordWithLinkInput } from "./set-password-with-link.js";
import { signIn, type SignInInput, type SignInResult } from "./sign-in.js";

/**
 * Passwords and sign-in. No password ever travels by mail: resets mail a single-use link (stored only
 * as a hash, one hour by default), and an admin-set initial password is shared by the admin through a
 * secure channel and must be changed at the first sign-in. Nothing here reveals whether an account
 * exists: "forgot password" always answers the same, and sign-in answers an unknown login and a wrong
 * password alike, in comparable time. Sessions stay the host's business.
 */
export interface CredentialCommands {
  /**
   * "Forgot your password?" on the sign-in page (no actor): mails a reset link when the login names an
   * active account, or an invited one whose invitation is pending (its reset completes the invitation);
   * a user added without a sign-in invitation gets nothing. Always the same `Ok`, in comparable time, and an audit event only when a
   * reset was issued; only malformed input is an error.
   */
  forgotPassword(input: ForgotPasswordInput): ResultAsync<void, ValidationError>;
  /**
   * An admin's "Reset Password" on the user details page: mails the user a reset link. Needs
   * `manageUsers` in the user's organization (directly, or by delegation for a customer's users).
   */
  requestReset(actor: Actor, input: RequestPasswordResetInput): ResultAsync<PasswordResetRequested, TenureError>;
  /**
   * Sets a new password with the secret of a reset link (no actor): the link works once and until it
   * expires; any bad link is one `invalid_token` error. Clears `mustChangePassword` and the lockout; an
   * invited account's reset accepts its pending invitation. See also `setPasswordWithLink`.
   */
  resetPassword(input: ResetPasswordInput): ResultAsync<CredentialOwner, TenureError>;
  /**
   * An admin chooses a user's initial password, to be shared through a secure channel; never mailed,
   * and it must be changed at the first sign-in. Needs `manageUsers` (a super admin's, a super admin).
   */
  setInitialPassword(actor: Actor, input: SetInitialPasswordInput): ResultAsync<CredentialOwner, TenureError>;
  /**
   * A user changes their own password with the current one (no actor), e.g. after `signIn` answered
   * `password_change_required`; the current password is checked as `signIn` checks it, lockout included.
   */
  changePassword(input: ChangePasswordInput): ResultAsync<CredentialOwner, AuthenticationError | ValidationError>;
  /**
   * A host's one "set your password" page, whatever the link (no actor): the token's purpose decides,
   * and the link does exactly what `acceptInvitation`, `completeActivation` or `resetPassword` does
   * with it (one shared redemption); the answer names the purpose fulfilled.
   */
  setPasswordWithLink(input: SetPasswordWithLinkInput): ResultAsync<PasswordSetWithLink, TenureError>;
  /**
   * Reads a link to render its page before submit (no actor, never consumes it): purpose, account,
   * expiry, fields; or the error a submit would get (`invalid_token`, `invalid_state`).
   */
  inspectLink(input: InspectLinkInput): ResultAsync<LinkInspection, TenureError>;
  /**
   * Checks a login and password and the account's standing: signed in, or a second factor required
   * (the account's `twoFactorRequired`), or why not (the reason told only to the right password), with
   * a lockout after repeated failures.
   */
  signIn(input: SignInInput): ResultAsync<SignInResult, AuthenticationError | ValidationError>;
}

/**
 * The credential commands on a service context. Makes the service's dummy password hash once (it
 * starts at once), which sign-in and password change verify against when a login has no password, so
 * the time of an answer does not tell whether the account exists.
 *
 * @example
 * ```ts
 * const credentials = credentialCommands(context);
 * const signedIn = await credentials.signIn({ organizationId, login: "ann@example.com", password });
 * if (signedIn.isErr() && signedIn.error.code === "authentication" && signedIn.error.reason === "password_change_required") {
 *   // show the change-password form, then call credentials.changePassword(…)
 * } else if (signedIn.isOk() && signedIn.value.status === "second_factor_required") {
 *   // ask for the second factor of signedIn.value.account, then start the session
 * }
 * ```
 */
export function credentialCommands<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
): CredentialCommands {
  const dummy = createDummyPasswordCheck(context.hasher, context.secrets);
  return {
    forgotPassword: (input) => forgotPassword(context, input),
    requestReset: (actor, input) => requestPasswordReset(context, actor, input),
    resetPassword: (input) => resetPassword(context, input),
    setInitialPassword: (actor, input) => setInitialPassword(context, actor, input),
    changePassword: (input) => changePassword(context, dummy, input),
    setPasswordWithLink: (input) => setPasswordWithLink(context, input),
    inspectLink: (input) => inspectLink(context, input),
    signIn: (input) => signIn(context, dummy, input),
  };
}
