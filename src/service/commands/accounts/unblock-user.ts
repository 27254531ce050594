import type { ResultAsync } from "neverthrow";
import * as z from "zod";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { userCommandShape } from "./_internal/account-target.js";
import { changeAccount } from "./_internal/change-account.js";

/** What unblocking a user takes: the user as read (its version). */
export const unblockUserInputSchema = z.object(userCommandShape);
/** See {@link unblockUserInputSchema}. */
export type UnblockUserInput = z.input<typeof unblockUserInputSchema>;

/**
 * Ends a block before its date (or a permanent one): the user signs in again with every assignment and
 * membership they had. A temporary block whose date has passed has already ended, so unblocking it is
 * an `invalid_state` error, as is unblocking a user who is not blocked. Needs the organization's
 * user-management permission.
 *
 * @example
 * ```ts
 * await unblockUser(context, userActor(acme, adminId), { organizationId: acme, userId: ann.id, expectedVersion: ann.version });
 * ```
 */
export function unblockUser<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: UnblockUserInput,
): ResultAsync<User<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: unblockUserInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: (c, { userId, expectedVersion }) =>
      changeAccount(context, c, { userId, expectedVersion, event: { type: "unblock" }, action: "user.unblocked" }),
  });
}
