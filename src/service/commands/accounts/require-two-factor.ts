import type { ResultAsync } from "neverthrow";
import * as z from "zod";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { userCommandShape } from "./_internal/account-target.js";
import { setUserFlag } from "./_internal/set-user-flag.js";

/** What requiring two-factor authentication takes: the user as read (its version). */
export const requireTwoFactorInputSchema = z.object(userCommandShape);
/** See {@link requireTwoFactorInputSchema}. */
export type RequireTwoFactorInput = z.input<typeof requireTwoFactorInputSchema>;

/**
 * Requires the user to sign in with a second factor (the document workspace: admins "activate 2FA" in
 * the user administration). `tenure` records the requirement (`twoFactorRequired`); the host's sign-in
 * enforces it. Needs the organization's user-management permission; requiring it again is
 * `invalid_state`.
 *
 * @example
 * ```ts
 * await requireTwoFactor(context, userActor(acme, adminId), { organizationId: acme, userId: ann.id, expectedVersion: ann.version });
 * ```
 */
export function requireTwoFactor<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RequireTwoFactorInput,
): ResultAsync<User<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: requireTwoFactorInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: (c, { userId, expectedVersion }) =>
      setUserFlag(context, c, {
        userId,
        expectedVersion,
        flag: "twoFactorRequired",
        value: true,
        action: "user.two_factor_required",
        unchanged: "already has to use two-factor authentication",
      }),
  });
}
