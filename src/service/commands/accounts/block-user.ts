import type { ResultAsync } from "neverthrow";
import * as z from "zod";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { userCommandShape } from "./_internal/account-target.js";
import { changeAccount } from "./_internal/change-account.js";
import { boundedString } from "../../../model/bounded-string.js";

/** Longest block reason accepted (the account state stores at most this many characters). */
export const BLOCK_REASON_MAX = 500;

/**
 * What blocking a user takes: the user as read (its version), when the block ends (`null`: until an
 * admin unblocks), and an optional reason shown to admins.
 */
export const blockUserInputSchema = z.object({
  ...userCommandShape,
  /** End of the block; must lie in the future. `null` blocks permanently. */
  until: z.date().nullable(),
  reason: boundedString(BLOCK_REASON_MAX, { trim: true })
    .min(1)
    .regex(/^[^\p{Cc}]*$/u, { message: "must not contain control characters" })
    .nullable()
    .default(null),
});
/** See {@link blockUserInputSchema}. */
export type BlockUserInput = z.input<typeof blockUserInputSchema>;

/**
 * Blocks a user temporarily (until a date in the future) or permanently (the document workspace: "the
 * user can also be temporarily or permanently blocked"). A blocked user holds no permissions and cannot
 * sign in; assignments and memberships stay. A temporary block ends by itself at its date: no job runs,
 * the account simply counts as active again from then on. Blocking a blocked user replaces the date and
 * reason.
 *
 * Needs the organization's user-management permission (a customer manager blocks users of customer
 * companies, not of his own); nobody blocks themselves, only a super admin blocks a super admin, and
 * the organization's last admin cannot be blocked (`last_admin`).
 *
 * @example
 * ```ts
 * await blockUser(context, userActor(acme, adminId), {
 *   organizationId: acme, userId: ann.id, expectedVersion: ann.version,
 *   until: new Date("2026-04-01T00:00:00Z"), reason: "Parental leave",
 * });
 * ```
 */
export function blockUser<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: BlockUserInput,
): ResultAsync<User<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: blockUserInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId], notOnOwnAccount: { verb: "block", userIds: [userId] } }),
    work: (c, { userId, expectedVersion, until, reason }) =>
      changeAccount(context, c, {
        userId,
        expectedVersion,
        event: { type: "block", until, reason },
        action: "user.blocked",
        takesRightsAway: true,
      }),
  });
}
