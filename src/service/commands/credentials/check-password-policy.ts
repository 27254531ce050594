import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type Diagnostic, type ValidationError } from "../../../model/tenure-error.js";

/** The bounds of a password chosen by a user or set by an admin, in characters (Unicode code points). */
export const PASSWORD_POLICY = Object.freeze({ minLength: 10, maxLength: 1024 });

/**
 * Checks a new password against the policy, before anything is hashed or stored:
 *
 * - at least {@link PASSWORD_POLICY}`.minLength` (10) characters (`password_too_short`);
 * - at most `maxLength` (1024) characters (`password_too_long`), so hashing stays cheap;
 * - not the account's username (`password_is_username`) nor its e-mail address (`password_is_email`),
 *   compared case-insensitively after NFKC normalization (as the password hasher normalizes).
 *
 * Characters are Unicode code points, so an emoji counts once. Every broken rule is listed (a password
 * too long is only that: it is not compared with the username and address), each as a
 * diagnostic on `field` (`password` unless told otherwise, e.g. `newPassword`). Pure: reused by every
 * command that sets a password (reset, admin-set initial password, change, onboarding).
 *
 * @example
 * ```ts
 * checkPasswordPolicy("ann", { username: "ann", email: "ann@example.com" });
 * // Err(validation: password_too_short, password_is_username on "password")
 * checkPasswordPolicy("correct horse battery", { username: "ann", email: "ann@example.com" }); // Ok
 * ```
 */
export function checkPasswordPolicy(
  password: string,
  account: { readonly username: string; readonly email: string },
  options: { readonly field?: string } = {},
): Result<void, ValidationError> {
  const field = options.field ?? "password";
  const issues: Diagnostic[] = [];
  const issue = (code: string, message: string): void => {
    issues.push({ severity: "error", field, code, message });
  };
  const length = codePointsUpTo(password, PASSWORD_POLICY.maxLength + 1);
  if (length < PASSWORD_POLICY.minLength) issue("password_too_short", `must be at least ${PASSWORD_POLICY.minLength} characters long`);
  if (length > PASSWORD_POLICY.maxLength) {
    issue("password_too_long", `must be at most ${PASSWORD_POLICY.maxLength} characters long`);
    // Not normalized nor compared: refused anyway, and a megabyte password must cost no more than a short one.
    return err(TenureErrors.validation(issues));
  }
  const folded = fold(password);
  if (folded === fold(account.username)) issue("password_is_username", "must not be the username");
  if (folded === fold(account.email)) issue("password_is_email", "must not be the e-mail address");
  return issues.length === 0 ? ok(undefined) : err(TenureErrors.validation(issues));
}

/** The code points of `text`, counted up to `limit` at most (so an overlong text is not walked to its end). */
function codePointsUpTo(text: string, limit: number): number {
  let count = 0;
  for (const _ of text) {
    count += 1;
    if (count >= limit) break;
  }
  return count;
}

function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}
