import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema, type InvitationId } from "../../../model/ids.js";
import type { Invitation } from "../../../model/invitation.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { invitationJson } from "./_internal/audit-json.js";
import { dispatchInvitation } from "../../_internal/dispatch-invitation.js";
import { invitationsOf, loadOnboardingTarget } from "./_internal/onboarding-target.js";
import { personalMessageSchema } from "./personal-message.js";
import { hasPassword } from "./_internal/set-password.js";

/** What sending an invitation later takes: the user, and optionally a personal message to put in it. */
export const sendInvitationInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  /** Replaces the invitation's personal message; absent keeps the one given at invite time. */
  message: personalMessageSchema.optional(),
});
/** See {@link sendInvitationInputSchema}. */
export type SendInvitationInput = z.input<typeof sendInvitationInputSchema>;

/**
 * Sends the sign-in invitation of a user who was added without one (the partner portal's "Send
 * Invitation" on the user details page): the mail with a single-use link is queued in the same unit of
 * work. Needs the user-management permission in the user's organization.
 *
 * The user's account must be `invited` or `active` and have no password yet (`invalid_state`
 * otherwise: a user with a password gets a password reset). The user's unsent invitation is sent; if
 * they have none, or their last one was revoked, a new one is made (granting no roles: the user's
 * roles were given when they were added). An invitation already sent is `invalid_state`: use
 * {@link resendInvitation}. Writes one audit event, `invitation.sent`.
 *
 * @example
 * ```ts
 * await sendInvitation(context, userActor(acme.id, adminId), { organizationId: acme.id, userId: ann.id });
 * ```
 */
export function sendInvitation<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: SendInvitationInput,
): ResultAsync<Invitation, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: sendInvitationInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: async (c, { userId, message }) => {
      const user = await loadOnboardingTarget(context.catalog, c, { userId, statuses: ["invited", "active"], action: "invite" });
      if (user.isErr()) return err(user.error);
      if (await hasPassword(c, user.value)) {
        return err(TenureErrors.invalidState("user", userId, "password_set", "This user has a password already; send a password reset instead."));
      }
      const { open, accepted } = await invitationsOf(c, userId);
      if (open === null && accepted) {
        return err(TenureErrors.invalidState("user", userId, "invitation_accepted", "This user accepted an invitation already."));
      }
      if (open !== null && open.sentAt !== null) {
        return err(TenureErrors.invalidState("invitation", open.id, "sent", "This invitation was sent already; resend it to get a new link."));
      }
      const base: Invitation = open ?? {
        id: c.newId("invitation") as InvitationId,
        organizationId: c.organization.id,
        userId,
        email: user.value.email,
        roles: [],
        message: null,
        invitedBy: c.actor.type === "user" ? c.actor.user.id : null,
        tokenId: null,
        sentAt: null,
        expiresAt: null,
        state: { status: "pending" },
        version: 0,
        createdAt: c.now,
        updatedAt: c.now,
      };
      const withMessage: Invitation = { ...base, email: user.value.email, ...(message === undefined ? {} : { message }) };
      const sent = await dispatchInvitation(context, c, withMessage, user.value);
      if (sent.isErr()) return err(sent.error);
      const stored = open === null ? await c.tx.invitations.insert(sent.value) : await c.tx.invitations.update(sent.value);
      if (stored.isErr()) return err(stored.error);
      return ok({
        value: stored.value,
        audit: {
          action: "invitation.sent",
          target: { entity: "user", id: userId },
          before: open === null ? null : invitationJson(open),
          after: invitationJson(stored.value),
          details: { invitationId: stored.value.id, newInvitation: open === null, personalMessage: stored.value.message !== null },
        },
      });
    },
  });
}
