import * as z from "zod";
import { organizationIdSchema, tokenIdSchema, userIdSchema } from "./ids.js";
import { boundedString } from "./bounded-string.js";

/** What a single-use token is good for; a token of one purpose is never accepted for another. */
export const tokenPurposeSchema = z.enum(["invitation", "activation", "password_reset"]);
/** See {@link tokenPurposeSchema}. */
export type TokenPurpose = z.output<typeof tokenPurposeSchema>;

/**
 * A stored single-use token. Only the SHA-256 hash of the secret is kept, so a leaked table grants
 * nothing; the secret itself travels once, in the link mailed to the user.
 */
export const tokenSchema = z.object({
  id: tokenIdSchema,
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  purpose: tokenPurposeSchema,
  /** Lower-case hex SHA-256 of the secret. */
  hash: boundedString(64).regex(/^[0-9a-f]{64}$/, { message: "must be a hex SHA-256 digest" }),
  expiresAt: z.date(),
  usedAt: z.date().nullable(),
  createdAt: z.date(),
});
/** See {@link tokenSchema}. */
export type Token = z.output<typeof tokenSchema>;
