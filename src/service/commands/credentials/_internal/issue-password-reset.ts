import { err, ok, type Result } from "neverthrow";
import type { TenureError } from "../../../../model/tenure-error.js";
import type { Token } from "../../../../model/token.js";
import type { User } from "../../../../model/user.js";
import type { AuditEntry, CommandScope } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";
import { issueLink } from "../../../_internal/issue-link.js";

/** Who a reset is issued for: a stored user, or the stand-in of a login that matched nobody. */
export type ResetRecipient = Pick<User, "id" | "username" | "fullName" | "email">;

/** A reset that was issued: the stored token (never the secret) and how many earlier ones it replaced. */
export interface IssuedReset {
  readonly token: Token;
  readonly invalidatedTokens: number;
}

/**
 * Issues a password reset inside the command's transaction: invalidates the user's earlier unused reset
 * tokens, stores a new one (only its hash), and queues the `password_reset` mail with the link.
 *
 * The token is issued by the one `issueLink` (rotating). With `decoy`, the same store work is done for
 * a login that matched nobody (the caller then rolls it back): only the host's `links` function is not
 * called, since no link may leave for a user who does not exist.
 */
export async function issuePasswordReset<P extends string, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<P, string, string, UA, OA, Native>, "secrets" | "links">,
  c: CommandScope<P, UA, OA, Native>,
  recipient: ResetRecipient,
  options: { readonly decoy?: boolean } = {},
): Promise<Result<IssuedReset, TenureError>> {
  const issued = await issueLink(context, c, { id: recipient.id, organizationId: c.organization.id }, "password_reset", {
    rotate: true,
    decoy: options.decoy === true,
  });
  if (issued.isErr()) return err(issued.error);
  const { token, link, invalidatedTokens } = issued.value;
  const mail = await c.queueMail(
    "password_reset",
    { address: recipient.email, name: recipient.fullName },
    { recipientName: recipient.fullName, organizationName: c.organization.name, username: recipient.username, link, expiresAt: token.expiresAt },
  );
  if (mail.isErr()) return err(mail.error);
  return ok({ token, invalidatedTokens });
}

/** The audit entry of an issued reset: when the link expires and how many earlier links it replaced; never the secret. */
export function resetAudit(userId: string, issued: IssuedReset, requestedBy: "user" | "admin"): AuditEntry {
  return {
    action: "user.password_reset_requested",
    target: { entity: "user", id: userId },
    before: null,
    after: null,
    details: { requestedBy, expiresAt: issued.token.expiresAt.toISOString(), invalidatedTokens: issued.invalidatedTokens },
  };
}
