import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { issueLink } from "../../_internal/issue-link.js";
import { loadOnboardingTarget } from "./_internal/onboarding-target.js";
import { hasPassword } from "./_internal/set-password.js";

/** What sending an activation mail takes: the user. */
export const sendActivationInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
});
/** See {@link sendActivationInputSchema}. */
export type SendActivationInput = z.input<typeof sendActivationInputSchema>;

/** The user an activation mail was queued for, and until when its link works. */
export interface ActivationSent<UA extends object> {
  readonly user: User<UA>;
  readonly expiresAt: Date;
}

/**
 * Sends an activation mail (the marketplace's "Send Activation"): a single-use, time-limited link with
 * which the user chooses their first password ({@link completeActivation}). It never mails a password.
 * Sending again rotates the link (the previous one stops working). Needs the user-management permission
 * in the user's organization; the account must be `invited` or `active` and have no password yet
 * (`invalid_state` otherwise: a user with a password gets a password reset). Writes one audit event,
 * `user.activation_sent`.
 *
 * @example
 * ```ts
 * await sendActivation(context, userActor(acme.id, adminId), { organizationId: acme.id, userId: ann.id });
 * ```
 */
export function sendActivation<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: SendActivationInput,
): ResultAsync<ActivationSent<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: sendActivationInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: async (c, { userId }) => {
      const user = await loadOnboardingTarget(context.catalog, c, { userId, statuses: ["invited", "active"], action: "send an activation to" });
      if (user.isErr()) return err(user.error);
      if (await hasPassword(c, user.value)) {
        return err(TenureErrors.invalidState("user", userId, "password_set", "This user has a password already; send a password reset instead."));
      }
      const issued = await issueLink(context, c, user.value, "activation", { rotate: true });
      if (issued.isErr()) return err(issued.error);
      const mail = await c.queueMail(
        "activation",
        { address: user.value.email, name: user.value.fullName },
        {
          recipientName: user.value.fullName,
          organizationName: c.organization.name,
          username: user.value.username,
          link: issued.value.link,
          expiresAt: issued.value.token.expiresAt,
        },
      );
      if (mail.isErr()) return err(mail.error);
      return ok({
        value: { user: user.value, expiresAt: issued.value.token.expiresAt },
        audit: {
          action: "user.activation_sent",
          target: { entity: "user", id: userId },
          before: null,
          after: null,
          details: { username: user.value.username, expiresAt: issued.value.token.expiresAt.toISOString(), mailId: mail.value.id },
        },
      });
    },
  });
}
