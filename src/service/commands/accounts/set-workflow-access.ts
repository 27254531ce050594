import type { ResultAsync } from "neverthrow";
import * as z from "zod";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { userCommandShape } from "./_internal/account-target.js";
import { setUserFlag } from "./_internal/set-user-flag.js";

/** What granting or revoking workflow access takes: the user as read (its version) and the new value. */
export const setWorkflowAccessInputSchema = z.object({
  ...userCommandShape,
  /** `true` grants workflow access, `false` revokes it. */
  granted: z.boolean(),
});
/** See {@link setWorkflowAccessInputSchema}. */
export type SetWorkflowAccessInput = z.input<typeof setWorkflowAccessInputSchema>;

/**
 * Grants or revokes a user's workflow access (the document workspace: admins "activate users for the
 * workflow"). It is a per-user switch the host reads (`workflowAccess`), not a permission of the
 * catalog. Needs the organization's user-management permission; setting the value the user already has
 * is `invalid_state`.
 *
 * @example
 * ```ts
 * await setWorkflowAccess(context, userActor(acme, adminId), { organizationId: acme, userId: ann.id, expectedVersion: ann.version, granted: true });
 * ```
 */
export function setWorkflowAccess<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: SetWorkflowAccessInput,
): ResultAsync<User<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: setWorkflowAccessInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: (c, { userId, expectedVersion, granted }) =>
      setUserFlag(context, c, {
        userId,
        expectedVersion,
        flag: "workflowAccess",
        value: granted,
        action: granted ? "user.workflow_access_granted" : "user.workflow_access_revoked",
        unchanged: granted ? "already has workflow access" : "has no workflow access",
      }),
  });
}
