import * as z from "zod";
import { organizationIdSchema, userIdSchema } from "./ids.js";

/**
 * A user's password credential, kept apart from the user record so that listing users never reads a
 * hash. Also counts failed sign-ins for the lockout.
 */
export const credentialSchema = z.object({
  userId: userIdSchema,
  organizationId: organizationIdSchema,
  /** Encoded hash from the `PasswordHasher` port; `null` while no password has been set. */
  passwordHash: z.string().min(1).max(1024).nullable(),
  /** Set by an admin-chosen initial password: it must be changed at the first sign-in. */
  mustChangePassword: z.boolean(),
  failedAttempts: z.number().int().nonnegative(),
  lockedUntil: z.date().nullable(),
  version: z.number().int().nonnegative(),
  updatedAt: z.date(),
});
/** See {@link credentialSchema}. */
export type Credential = z.output<typeof credentialSchema>;
