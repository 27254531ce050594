import type { ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { applyOnboardingEvent } from "./_internal/apply-onboarding-event.js";

/** What activating an invited user takes: the user as read (its version). */
export const activateUserInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  /** The user's version as read; a stale one is a `conflict`. */
  expectedVersion: z.number().int().nonnegative(),
});
/** See {@link activateUserInputSchema}. */
export type ActivateUserInput = z.input<typeof activateUserInputSchema>;

/**
 * Activates an invited user by hand (the marketplace's Case 1: "enable the Active checkbox"):
 * `invited` becomes `active`, and the user holds their roles from now on. They still have no password:
 * they choose one through an activation link ({@link sendActivation}) or their pending invitation; no
 * password is ever mailed. Needs the user-management permission in the user's organization; any other
 * account state is `invalid_state`. Writes one audit event, `user.activated`.
 *
 * @example
 * ```ts
 * await activateUser(context, userActor(acme.id, adminId), { organizationId: acme.id, userId: ann.id, expectedVersion: ann.version });
 * ```
 */
export function activateUser<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ActivateUserInput,
): ResultAsync<User<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: activateUserInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: (c, { userId, expectedVersion }) =>
      applyOnboardingEvent(context, c, { userId, expectedVersion, event: { type: "activate" }, from: "invited", action: "user.activated" }),
  });
}
