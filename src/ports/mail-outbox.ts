import type { Result } from "neverthrow";
import type { MailId, OrganizationId } from "../model/ids.js";
import type { OutboxMail } from "../model/outbox-mail.js";
import type { ConflictError, NotFoundError } from "../model/tenure-error.js";
import type { InsertResult } from "./write-result.js";

/**
 * The mail outbox. Mails are enqueued in the unit of work of the change that caused them and delivered
 * afterwards, so a mail server outage loses nothing.
 *
 * `claim` is the concurrency duty: a mail claimed by one caller is not returned to another until the
 * lease ends, so two delivering processes never send the same mail at once. A database adapter skips
 * rows another transaction has locked (`FOR UPDATE SKIP LOCKED`); a snapshot store may instead fail the
 * later of two overlapping claims with `conflict`, which the delivery loop treats as "nothing to do now".
 *
 * `markSent` and `markFailed` are compare-and-set on the claim: the caller passes the `leaseUntil` it
 * claimed with, and the outcome is recorded only while the mail is still `pending` with `nextAttemptAt`
 * equal to that instant, i.e. nobody claimed it since and nobody recorded an outcome for this claim.
 * Otherwise the call returns `conflict` and changes nothing, so a run whose lease ran out can never undo
 * what the run that took the mail over recorded (put a sent mail back to `pending`, say). A database
 * adapter puts the condition in the `UPDATE … WHERE id = $1 AND status = 'pending' AND
 * next_attempt_at = $lease` and answers `conflict` when no row matched but the mail exists.
 *
 * Secrets are the redaction duty: a pending mail holds, in `subject`/`text`/`html`, the single-use links
 * its delivery needs, and names them in `secrets`. In the same write that records a mail as `sent` or
 * `dead`, the store replaces every one of them by the marker and empties `secrets`: it stores exactly
 * what `applyDeliveryOutcome(stored, outcome)` returns for the stored pending mail (a database adapter
 * locks the row, computes it, and writes it in the compare-and-set `UPDATE`). No finished mail may hold
 * a usable link, in any column; a retry keeps the body and `secrets` (the next attempt needs them) but
 * stores the error redacted. The conformance kit checks this.
 */
export interface MailOutbox {
  /** Queues a mail (status `pending`), stored as given, `secrets` included (the later redaction needs them). */
  enqueue(mail: OutboxMail): InsertResult<OutboxMail>;
  /** Claims up to `limit` pending mails due at `now` (oldest first), leasing them until `leaseUntil`. */
  claim(options: { readonly now: Date; readonly limit: number; readonly leaseUntil: Date }): Promise<OutboxMail[]>;
  /**
   * Records a delivery (status `sent`, `sentAt = at`, one more attempt) and, in the same write, redacts
   * the mail's secrets (`applyDeliveryOutcome(mail, { kind: "sent", at })`), only under the caller's claim:
   * while the mail is `pending` and its `nextAttemptAt` equals `claim.leaseUntil`. Otherwise (re-claimed
   * by another run, or an outcome already recorded) `conflict`, changing nothing; `not_found` if no such mail.
   */
  markSent(id: MailId, at: Date, claim: { readonly leaseUntil: Date }): Promise<Result<OutboxMail, NotFoundError | ConflictError>>;
  /**
   * Records a failed attempt: retry at `retryAt`, or give up when `retryAt` is `null` (status `dead`,
   * secrets redacted in the same write), storing what `applyDeliveryOutcome(mail, { kind: "failed",
   * error, retryAt })` returns.
   * Compare-and-set on the claim like {@link MailOutbox.markSent}: applies only while the mail is
   * `pending` with `nextAttemptAt` equal to `claim.leaseUntil`, else `conflict` and nothing changes.
   */
  markFailed(
    id: MailId,
    error: string,
    retryAt: Date | null,
    claim: { readonly leaseUntil: Date },
  ): Promise<Result<OutboxMail, NotFoundError | ConflictError>>;
  /**
   * The mails of an organization, oldest first, optionally of one status (for admin views and tests).
   * Pending mails come with their live links and `secrets`: an admin view should not show their bodies.
   */
  list(organizationId: OrganizationId, options?: { readonly status?: OutboxMail["status"] }): Promise<OutboxMail[]>;
}
