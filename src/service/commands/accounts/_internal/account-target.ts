import { err, ok, type Result } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema, type UserId } from "../../../../model/ids.js";
import { TenureErrors, type ConflictError, type NotFoundError } from "../../../../model/tenure-error.js";
import type { User } from "../../../../model/user.js";
import type { CommandScope } from "../../../_internal/run-command.js";

/** The fields of every command on one user: the organization, the user, and the user's version as read. */
export const userCommandShape = {
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  /** The user's version as read; a stale one is a `conflict`, never a lost update. */
  expectedVersion: z.number().int().nonnegative(),
};

/** Loads the user a command acts on: `not_found` outside the command's organization, `conflict` when the version read is stale. */
export async function loadTargetUser<UA extends object, OA extends object, Native>(
  c: CommandScope<string, UA, OA, Native>,
  userId: UserId,
  expectedVersion: number,
): Promise<Result<User<UA>, NotFoundError | ConflictError>> {
  const stored = await c.tx.users.get(c.organization.id, userId);
  if (stored === null) return err(TenureErrors.notFound("user", userId));
  if (stored.version !== expectedVersion) return err(TenureErrors.conflict("user", userId, expectedVersion, stored.version));
  return ok(stored);
}
