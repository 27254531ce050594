import type { Result } from "neverthrow";
import type { OutboxMail } from "../model/outbox-mail.js";

/** Why a delivery failed, and whether trying again may help. */
export interface MailDeliveryError {
  readonly code: "mail_delivery";
  readonly message: string;
  /** `false` for a permanent refusal (an invalid mailbox): the mail is not retried. */
  readonly retryable: boolean;
}

/**
 * Delivers a rendered mail (SMTP, an HTTP mail API, a test inbox). Called only by the outbox delivery,
 * after the unit of work that queued the mail has committed. Must not throw for a delivery failure.
 */
export interface Mailer {
  /** Sends one mail. The mail's `id` is stable across retries: pass it on as a Message-ID or idempotency key. */
  send(mail: OutboxMail): Promise<Result<void, MailDeliveryError>>;
}
