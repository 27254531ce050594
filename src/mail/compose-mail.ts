import { err, type Result } from "neverthrow";
import { isWellFormedEmail } from "../model/email.js";
import type { MailId, OrganizationId } from "../model/ids.js";
import { outboxMailSchema, type OutboxMail } from "../model/outbox-mail.js";
import { parseInput } from "../model/parse-input.js";
import { TenureErrors, type ValidationError } from "../model/tenure-error.js";
import { sanitizeHeaderValue, truncate } from "./_internal/sanitize.js";
import type { MailTemplateName } from "../model/mail-template.js";
import type { RenderedMail } from "./render-mail.js";

/** Longest recipient display name the outbox stores; longer names are cut. */
const RECIPIENT_NAME_MAX = 400;

/** What {@link composeOutboxMail} needs. */
export interface ComposeOutboxMailInput {
  /** A fresh id (`ids.next("mail")`); it is also the Message-ID / idempotency key of every delivery attempt. */
  readonly id: MailId;
  readonly organizationId: OrganizationId;
  /** The template the mail was rendered from (one of tenure's, or a host's own name). */
  readonly template: MailTemplateName | (string & {});
  readonly to: { readonly address: string; readonly name: string | null };
  /** The output of `renderMail`; its `secrets` (the values of its `secretVariables`) become the mail's `secrets`. */
  readonly rendered: RenderedMail;
  readonly now: Date;
}

/**
 * Builds the outbox record of a rendered mail: status `pending`, no attempt yet, due at `now`, and
 * `secrets` listing the rendered secrets (`rendered.secrets`), which the store redacts once the mail is
 * sent or given up.
 *
 * Refuses (a `validation` error) a recipient address that is not well formed (`isWellFormedEmail`),
 * which also refuses any CR, LF or other control character in it, and a subject containing a line
 * break. The recipient's display name is made header-safe: control characters become spaces, it is
 * trimmed and cut to 400 characters, and an empty name becomes `null`.
 *
 * @example
 * ```ts
 * const rendered = renderMail(template, variables, { secretVariables: SECRET_MAIL_VARIABLES.invitation });
 * const mail = rendered.andThen((r) =>
 *   composeOutboxMail({ id: ids.next("mail") as MailId, organizationId, template: "invitation",
 *     to: { address: invitee.email, name: invitee.fullName }, rendered: r, now }),
 * );
 * if (mail.isOk()) await tx.outbox.enqueue(mail.value);
 * ```
 */
export function composeOutboxMail(input: ComposeOutboxMailInput): Result<OutboxMail, ValidationError> {
  const { address } = input.to;
  if (/[\r\n]/.test(address) || !isWellFormedEmail(address)) {
    return err(
      TenureErrors.validation([
        { severity: "error", field: "to.address", code: "email_malformed", message: "is not a well-formed e-mail address" },
      ]),
    );
  }
  if (/[\p{Cc}\u2028\u2029]/u.test(input.rendered.subject)) {
    return err(
      TenureErrors.validation([
        { severity: "error", field: "rendered.subject", code: "header_injection", message: "the subject contains a line break or control character; render it with renderMail" },
      ]),
    );
  }
  const name = input.to.name === null ? "" : truncate(sanitizeHeaderValue(input.to.name).trim(), RECIPIENT_NAME_MAX).trim();
  const now = new Date(input.now.getTime());
  return parseInput(outboxMailSchema, {
    id: input.id,
    organizationId: input.organizationId,
    template: input.template,
    to: { address, name: name === "" ? null : name },
    subject: input.rendered.subject,
    text: input.rendered.text,
    html: input.rendered.html,
    secrets: [...new Set(input.rendered.secrets ?? [])].filter((secret) => secret !== ""),
    status: "pending",
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    sentAt: null,
    createdAt: new Date(now.getTime()),
  });
}
