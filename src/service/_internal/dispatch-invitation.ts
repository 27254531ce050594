import { err, ok, type Result } from "neverthrow";
import { transitionInvitation } from "../../lifecycle/invitation-lifecycle.js";
import type { Invitation } from "../../model/invitation.js";
import type { TenureError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import type { CommandScope } from "./run-command.js";
import type { ServiceContext } from "./service-context.js";
import { issueLink } from "./issue-link.js";

/**
 * Sends an invitation inside the command's unit of work: invalidates the user's unused invitation
 * tokens (a resend rotates: the old link dies), issues a new one, moves the invitation to `pending`
 * with the token's expiry (the invitation state machine's `send`), and queues the `invitation` mail
 * with the link and the personal message. Returns the invitation as it must be stored; the caller
 * stores it (insert or update).
 */
export async function dispatchInvitation<UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<string, string, string, UA, OA, Native>, "secrets" | "links">,
  c: CommandScope<string, UA, OA, Native>,
  invitation: Invitation,
  user: User<UA>,
): Promise<Result<Invitation, TenureError>> {
  const issued = await issueLink(context, c, user, "invitation", { rotate: true });
  if (issued.isErr()) return err(issued.error);
  const sent = transitionInvitation(invitation, { type: "send", tokenId: issued.value.token.id, expiresAt: issued.value.token.expiresAt }, c.now);
  if (sent.isErr()) return err(sent.error);
  const mail = await c.queueMail(
    "invitation",
    { address: user.email, name: user.fullName },
    {
      recipientName: user.fullName,
      organizationName: c.organization.name,
      // The system (a set-up script, a sync) is nobody the recipient knows: the organization's team invites.
      inviterName: c.actor.type === "user" ? c.actor.user.fullName : `The ${c.organization.name} team`,
      link: issued.value.link,
      expiresAt: issued.value.token.expiresAt,
      personalMessage: invitation.message,
    },
  );
  return mail.isErr() ? err(mail.error) : ok(sent.value);
}
