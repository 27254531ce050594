import type { ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { applyOnboardingEvent } from "./_internal/apply-onboarding-event.js";

/** What verifying a self sign-up takes: the user as read (its version). */
export const verifyUserInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  /** The user's version as read; a stale one is a `conflict`. */
  expectedVersion: z.number().int().nonnegative(),
});
/** See {@link verifyUserInputSchema}. */
export type VerifyUserInput = z.input<typeof verifyUserInputSchema>;

/**
 * Verifies a self sign-up that waits under "Force Verify User": `pending_verification` becomes
 * `active`, and the user now holds the roles they have (an admin may revoke default roles before
 * verifying, so no moment exists in which the user holds them). Needs the user-management permission
 * in the user's organization; any other account state is `invalid_state`. Writes one audit event,
 * `user.verified`.
 *
 * @example
 * ```ts
 * await verifyUser(context, userActor(acme.id, adminId), { organizationId: acme.id, userId: sam.id, expectedVersion: sam.version });
 * ```
 */
export function verifyUser<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: VerifyUserInput,
): ResultAsync<User<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: verifyUserInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: (c, { userId, expectedVersion }) =>
      applyOnboardingEvent(context, c, { userId, expectedVersion, event: { type: "verify" }, from: "pending_verification", action: "user.verified" }),
  });
}
