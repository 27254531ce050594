import { accountStatusNow } from "../../../access/account-standing.js";
import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema, type UserId } from "../../../model/ids.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { OutboxMail } from "../../../model/outbox-mail.js";
import type { Actor } from "../../actor.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { issueLink } from "../../_internal/issue-link.js";

/** What sending (or resending) the welcome message takes. */
export const sendWelcomeInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  /** The admin's own words added to the standard message. */
  message: z.string().trim().max(4000).optional(),
});
/** See {@link sendWelcomeInputSchema}. */
export type SendWelcomeInput = z.input<typeof sendWelcomeInputSchema>;

/**
 * The welcome mail that was queued, without its content: the set-password link in it is the user's
 * alone, so the admin who sent it gets the mail's id, template, recipient and the link's expiry only.
 */
export interface WelcomeSent {
  readonly mailId: OutboxMail["id"];
  readonly template: "welcome" | "welcome_third_party";
  readonly to: string;
  /** Until when the set-password link works. */
  readonly expiresAt: Date;
}

/**
 * Sends the welcome message (the zoned workspace's "Send Welcome"): the regular or the third-party
 * template, as the system admin wrote them, with the username and a set-password link, never a
 * password (where the manual mails one, tenure mails a single-use link). Any admin may send it, to every
 * user except a third-party user who is de-activated or whose last day has passed (even before the
 * sweep has run), and to local users only: directory users sign in with their directory password.
 */
export function sendWelcome<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: SendWelcomeInput,
): ResultAsync<WelcomeSent, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: sendWelcomeInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: async (c, { organizationId, userId, message }) => {
      const user = await c.tx.users.get(organizationId, userId as UserId);
      if (user === null) return err(TenureErrors.notFound("user", userId));
      const status = accountStatusNow(user, c.now);
      if (status === "removed" || (user.thirdParty && status === "deactivated")) {
        return err(TenureErrors.invalidState("user", userId, status, "A welcome message cannot be sent to this user now."));
      }
      if (user.source.type === "directory") {
        return err(TenureErrors.invalidState("user", userId, "directory", "Directory users sign in with their directory password; there is no password to set."));
      }
      const issued = await issueLink(context, c, user, "activation", { rotate: true });
      if (issued.isErr()) return err(issued.error);
      const common = {
        recipientName: user.fullName,
        organizationName: c.organization.name,
        username: user.username,
        link: issued.value.link,
        expiresAt: issued.value.token.expiresAt,
        personalMessage: message ?? null,
      };
      const to = { address: user.email, name: user.fullName };
      let mail;
      if (user.thirdParty && user.accessExpiresAt !== null) {
        const sponsor = user.invitedBy === null ? null : await c.tx.users.get(organizationId, user.invitedBy);
        mail = await c.queueMail("welcome_third_party", to, { ...common, accessEndsAt: user.accessExpiresAt, sponsorName: sponsor?.fullName ?? c.organization.name });
      } else {
        mail = await c.queueMail("welcome", to, common);
      }
      if (mail.isErr()) return err(mail.error);
      return ok({
        value: { mailId: mail.value.id, template: mail.value.template as WelcomeSent["template"], to: mail.value.to.address, expiresAt: issued.value.token.expiresAt },
        audit: { action: "user.welcome_sent", target: { entity: "user", id: userId }, before: null, after: null, details: { template: mail.value.template, mailId: mail.value.id } },
      });
    },
  });
}
