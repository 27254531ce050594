import type { ResultAsync } from "neverthrow";
import * as z from "zod";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { userCommandShape } from "./_internal/account-target.js";
import { changeAccount } from "./_internal/change-account.js";

/** What de-activating a user takes: the user as read (its version). */
export const deactivateUserInputSchema = z.object(userCommandShape);
/** See {@link deactivateUserInputSchema}. */
export type DeactivateUserInput = z.input<typeof deactivateUserInputSchema>;

/**
 * De-activates a user by hand: they cannot sign in and hold no permissions, but their settings, group
 * memberships and role assignments stay as they are "for possible re-activation" (the zoned workspace),
 * and whatever is done for their groups is done for them too. Applies to active, blocked, invited and
 * pending accounts.
 *
 * Needs the organization's user-management permission; nobody de-activates themselves, only a super
 * admin de-activates a super admin, and the organization's last admin cannot be de-activated
 * (`last_admin`).
 *
 * @example
 * ```ts
 * await deactivateUser(context, userActor(acme, adminId), { organizationId: acme, userId: ann.id, expectedVersion: ann.version });
 * ```
 */
export function deactivateUser<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: DeactivateUserInput,
): ResultAsync<User<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: deactivateUserInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId], notOnOwnAccount: { verb: "de-activate", userIds: [userId] } }),
    work: (c, { userId, expectedVersion }) =>
      changeAccount(context, c, {
        userId,
        expectedVersion,
        event: { type: "deactivate", reason: "admin" },
        action: "user.deactivated",
        takesRightsAway: true,
      }),
  });
}
