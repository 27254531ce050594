import * as z from "zod";

/** A login as typed on a sign-in page: a username or an e-mail address; surrounding white space is dropped. */
export const loginSchema = z.string().trim().min(1).max(512);

/**
 * A password presented for checking. Anything longer than a password may be is refused before it is
 * hashed, so nobody makes the server hash megabytes; the limit is the policy's.
 */
export const presentedPasswordSchema = z.string().min(1).max(1024);

/** A new password as received; its rules are {@link checkPasswordPolicy}'s, checked once the account is known. */
export const newPasswordSchema = z.string();

/** The secret of a single-use link, as the host's link carried it. */
export const linkSecretSchema = z.string().min(1).max(512);
