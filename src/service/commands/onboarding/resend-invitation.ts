import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { invitationStatus } from "../../../lifecycle/invitation-lifecycle.js";
import { organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import type { Invitation } from "../../../model/invitation.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { invitationJson } from "./_internal/audit-json.js";
import { dispatchInvitation } from "../../_internal/dispatch-invitation.js";
import { invitationsOf, loadOnboardingTarget } from "./_internal/onboarding-target.js";

/** What resending an invitation takes: the invited user. */
export const resendInvitationInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
});
/** See {@link resendInvitationInputSchema}. */
export type ResendInvitationInput = z.input<typeof resendInvitationInputSchema>;

/**
 * Sends a user's pending (or expired) invitation again with a new link: the old link stops working
 * (its token is invalidated), a new token is issued, the invitation's expiry moves, and the mail, with
 * the same personal message, is queued in the same unit of work. Needs the user-management permission
 * in the user's organization; the account must be `invited` or `active`. An invitation never sent is
 * sent with {@link sendInvitation}; an accepted or revoked one cannot be resent (`invalid_state`).
 * Writes one audit event, `invitation.resent`.
 *
 * @example
 * ```ts
 * await resendInvitation(context, userActor(acme.id, adminId), { organizationId: acme.id, userId: ann.id });
 * ```
 */
export function resendInvitation<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ResendInvitationInput,
): ResultAsync<Invitation, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: resendInvitationInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: async (c, { userId }) => {
      const user = await loadOnboardingTarget(context.catalog, c, { userId, statuses: ["invited", "active"], action: "re-invite" });
      if (user.isErr()) return err(user.error);
      const { open } = await invitationsOf(c, userId);
      if (open === null) return err(TenureErrors.invalidState("user", userId, "no_open_invitation", "This user has no invitation to resend."));
      const status = invitationStatus(open, c.now);
      if (status === "unsent") return err(TenureErrors.invalidState("invitation", open.id, status, "This invitation was never sent; send it first."));
      const sent = await dispatchInvitation(context, c, open, user.value);
      if (sent.isErr()) return err(sent.error);
      const stored = await c.tx.invitations.update(sent.value);
      if (stored.isErr()) return err(stored.error);
      return ok({
        value: stored.value,
        audit: {
          action: "invitation.resent",
          target: { entity: "user", id: userId },
          before: invitationJson(open),
          after: invitationJson(stored.value),
          details: { invitationId: open.id, wasExpired: status === "expired" },
        },
      });
    },
  });
}
