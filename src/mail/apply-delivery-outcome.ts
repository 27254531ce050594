import type { OutboxMail } from "../model/outbox-mail.js";
import { truncate } from "./_internal/sanitize.js";
import { redactSecrets } from "./redact-secrets.js";
import { RENDERED_SUBJECT_MAX } from "./render-mail.js";

/** Longest `lastError` the outbox schema accepts; longer errors are cut (after redaction). */
const LAST_ERROR_MAX = 2000;

/**
 * What replaces a secret (a single-use link) in a finished mail, by the mail's status after the outcome:
 * `sent` and `dead` for the subject and bodies, and `pending` for the error of an attempt that will be
 * retried (the body keeps its link until the mail is finished).
 */
export const REDACTION_MARKERS: { readonly [Status in OutboxMail["status"]]: string } = Object.freeze({
  pending: "[link removed]",
  sent: "[link removed after delivery]",
  dead: "[link removed: the mail was not delivered]",
});

/** How one delivery attempt ended, as the outbox records it. */
export type DeliveryOutcome =
  /** The mailer accepted the mail at `at`. */
  | { readonly kind: "sent"; readonly at: Date }
  /** The attempt failed with `error`: retry at `retryAt`, or give up (`dead`) when it is `null`. */
  | { readonly kind: "failed"; readonly error: string; readonly retryAt: Date | null };

/**
 * The record a store writes for a pending mail when an attempt ends: what `MailOutbox.markSent` and
 * `markFailed` store, in the same write that changes the status (checking the claim stays the store's
 * work). Pure; the mail passed in is not changed.
 *
 * - `sent`: status `sent`, `sentAt`, one more attempt;
 * - `failed` with a `retryAt`: still `pending`, due at `retryAt`, one more attempt, the error kept as
 *   `lastError`; subject, bodies and `secrets` stay as they are, since the next attempt needs them;
 * - `failed` without: status `dead`, one more attempt, the error kept.
 *
 * A `sent` or `dead` mail is redacted: every secret the mail lists (`mail.secrets`) is replaced in the
 * subject, text, HTML and `lastError` by the marker of {@link REDACTION_MARKERS} (see
 * {@link redactSecrets}), and `secrets` becomes `[]`, so a finished mail holds no usable link. The error
 * of a retried attempt is redacted too (a mailer's message may quote the mail). A redacted subject is
 * cut at `RENDERED_SUBJECT_MAX`, the error at 2,000 characters, after redaction.
 *
 * @example
 * ```ts
 * // Inside a host's MailOutbox.markSent, after checking the claim on the locked row:
 * const next = applyDeliveryOutcome(stored, { kind: "sent", at });
 * await save(next); // subject, text, html, lastError and secrets as given: the link is gone
 * ```
 */
export function applyDeliveryOutcome(mail: OutboxMail, outcome: DeliveryOutcome): OutboxMail {
  const attempts = mail.attempts + 1;
  if (outcome.kind === "sent") {
    return redactFinished({ ...mail, status: "sent", sentAt: new Date(outcome.at.getTime()), attempts });
  }
  const status = outcome.retryAt === null ? "dead" : "pending";
  const lastError = truncate(redactSecrets(outcome.error, secretsOf(mail), REDACTION_MARKERS[status]), LAST_ERROR_MAX);
  if (outcome.retryAt !== null) return { ...mail, attempts, lastError, nextAttemptAt: new Date(outcome.retryAt.getTime()) };
  return redactFinished({ ...mail, status: "dead", attempts, lastError });
}

/** A finished mail with every secret replaced by the marker of its status, and no secret listed. */
function redactFinished(mail: OutboxMail): OutboxMail {
  const secrets = secretsOf(mail);
  if (secrets.length === 0) return { ...mail, secrets: [] };
  const marker = REDACTION_MARKERS[mail.status];
  const redact = (value: string): string => redactSecrets(value, secrets, marker);
  return {
    ...mail,
    subject: truncate(redact(mail.subject), RENDERED_SUBJECT_MAX),
    text: redact(mail.text),
    html: mail.html === null ? null : redact(mail.html),
    lastError: mail.lastError === null ? null : truncate(redact(mail.lastError), LAST_ERROR_MAX),
    secrets: [],
  };
}

/** The mail's secrets; a record from before the field existed (no `secrets`) has none. */
function secretsOf(mail: OutboxMail): readonly string[] {
  return (mail.secrets as readonly string[] | undefined) ?? [];
}
