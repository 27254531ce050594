import type { ResultAsync } from "neverthrow";
import * as z from "zod";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { userCommandShape } from "./_internal/account-target.js";
import { setUserFlag } from "./_internal/set-user-flag.js";

/** What releasing the two-factor requirement takes: the user as read (its version). */
export const releaseTwoFactorInputSchema = z.object(userCommandShape);
/** See {@link releaseTwoFactorInputSchema}. */
export type ReleaseTwoFactorInput = z.input<typeof releaseTwoFactorInputSchema>;

/**
 * Lifts the two-factor requirement from a user (`twoFactorRequired: false`). It weakens the account's
 * protection, so releasing it for a super admin needs a super admin. Needs the organization's
 * user-management permission; releasing a requirement that is not set is `invalid_state`.
 *
 * @example
 * ```ts
 * await releaseTwoFactor(context, userActor(acme, adminId), { organizationId: acme, userId: ann.id, expectedVersion: ann.version });
 * ```
 */
export function releaseTwoFactor<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ReleaseTwoFactorInput,
): ResultAsync<User<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: releaseTwoFactorInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: (c, { userId, expectedVersion }) =>
      setUserFlag(context, c, {
        userId,
        expectedVersion,
        flag: "twoFactorRequired",
        value: false,
        action: "user.two_factor_released",
        unchanged: "does not have to use two-factor authentication",
      }),
  });
}
