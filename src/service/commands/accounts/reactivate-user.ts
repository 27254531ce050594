import type { ResultAsync } from "neverthrow";
import * as z from "zod";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { userCommandShape } from "./_internal/account-target.js";
import { changeAccount } from "./_internal/change-account.js";

/** What re-activating a user takes: the user as read (its version). */
export const reactivateUserInputSchema = z.object(userCommandShape);
/** See {@link reactivateUserInputSchema}. */
export type ReactivateUserInput = z.input<typeof reactivateUserInputSchema>;

/**
 * Re-activates a de-activated user: they sign in again and get back every membership and assignment
 * they had, since de-activation kept them. Only a de-activated account can be re-activated
 * (`invalid_state` otherwise). Needs the organization's user-management permission.
 *
 * A third-party user whose access window has passed stays without permissions until the window is
 * moved: re-activation changes the account state, not the access date.
 *
 * @example
 * ```ts
 * await reactivateUser(context, userActor(acme, adminId), { organizationId: acme, userId: ann.id, expectedVersion: ann.version });
 * ```
 */
export function reactivateUser<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ReactivateUserInput,
): ResultAsync<User<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: reactivateUserInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: (c, { userId, expectedVersion }) =>
      changeAccount(context, c, { userId, expectedVersion, event: { type: "reactivate" }, action: "user.reactivated" }),
  });
}
