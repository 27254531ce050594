import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { transitionInvitation } from "../../../lifecycle/invitation-lifecycle.js";
import { organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import type { Invitation } from "../../../model/invitation.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { invitationJson } from "./_internal/audit-json.js";
import { invitationsOf, loadOnboardingTarget } from "./_internal/onboarding-target.js";

/** What revoking an invitation takes: the invited user. */
export const revokeInvitationInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
});
/** See {@link revokeInvitationInputSchema}. */
export type RevokeInvitationInput = z.input<typeof revokeInvitationInputSchema>;

/**
 * Revokes a user's open invitation (sent or not, expired or not): its link stops working at once. The
 * user stays as they are (`invited` stays `invited`, with their roles); removing them is a separate
 * command, and {@link sendInvitation} may invite them again later. Needs the user-management permission
 * in the user's organization; no open invitation is `invalid_state`. Writes one audit event,
 * `invitation.revoked`.
 *
 * @example
 * ```ts
 * await revokeInvitation(context, userActor(acme.id, adminId), { organizationId: acme.id, userId: ann.id });
 * ```
 */
export function revokeInvitation<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RevokeInvitationInput,
): ResultAsync<Invitation, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: revokeInvitationInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: async (c, { organizationId, userId }) => {
      const user = await loadOnboardingTarget(context.catalog, c, {
        userId,
        statuses: ["invited", "pending_verification", "active", "blocked", "deactivated"],
        action: "revoke the invitation of",
      });
      if (user.isErr()) return err(user.error);
      const { open } = await invitationsOf(c, userId);
      if (open === null) return err(TenureErrors.invalidState("user", userId, "no_open_invitation", "This user has no open invitation."));
      const revoked = transitionInvitation(open, { type: "revoke", by: c.actor.type === "user" ? c.actor.user.id : null }, c.now);
      if (revoked.isErr()) return err(revoked.error);
      const invalidatedTokens = await c.tx.tokens.invalidateForUser(organizationId, userId, "invitation", c.now);
      const stored = await c.tx.invitations.update(revoked.value);
      if (stored.isErr()) return err(stored.error);
      return ok({
        value: stored.value,
        audit: {
          action: "invitation.revoked",
          target: { entity: "user", id: userId },
          before: invitationJson(open),
          after: invitationJson(stored.value),
          details: { invitationId: open.id, invalidatedTokens },
        },
      });
    },
  });
}
