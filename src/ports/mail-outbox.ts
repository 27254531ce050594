import type { Result } from "neverthrow";
import type { MailId, OrganizationId } from "../model/ids.js";
import type { OutboxMail } from "../model/outbox-mail.js";
import type { NotFoundError } from "../model/tenure-error.js";
import type { InsertResult } from "./write-result.js";

/**
 * The mail outbox. Mails are enqueued in the unit of work of the change that caused them and delivered
 * afterwards, so a mail server outage loses nothing.
 *
 * `claim` is the concurrency duty: a mail claimed by one caller is not returned to another until the
 * lease ends, so two delivering processes never send the same mail at once. A database adapter skips
 * rows another transaction has locked (`FOR UPDATE SKIP LOCKED`); a snapshot store may instead fail the
 * later of two overlapping claims with `conflict`, which the delivery loop treats as "nothing to do now".
 */
export interface MailOutbox {
  /** Queues a mail (status `pending`). */
  enqueue(mail: OutboxMail): InsertResult<OutboxMail>;
  /** Claims up to `limit` pending mails due at `now` (oldest first), leasing them until `leaseUntil`. */
  claim(options: { readonly now: Date; readonly limit: number; readonly leaseUntil: Date }): Promise<OutboxMail[]>;
  /** Records a delivery. */
  markSent(id: MailId, at: Date): Promise<Result<OutboxMail, NotFoundError>>;
  /** Records a failed attempt: retry at `retryAt`, or give up when `retryAt` is `null` (status `dead`). */
  markFailed(id: MailId, error: string, retryAt: Date | null): Promise<Result<OutboxMail, NotFoundError>>;
  /** The mails of an organization, oldest first, optionally of one status (for admin views and tests). */
  list(organizationId: OrganizationId, options?: { readonly status?: OutboxMail["status"] }): Promise<OutboxMail[]>;
}
