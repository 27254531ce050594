import { err, ok } from "neverthrow";
import type { OutboxMail } from "../../model/outbox-mail.js";
import type { MailDeliveryError, Mailer } from "../../ports/mailer.js";
import { cloneRecord } from "./_internal/clone-record.js";

/** The options of {@link createMemoryMailer}. */
export interface MemoryMailerOptions {
  /**
   * Decides, per send attempt, whether it fails: return the error, or `null` to deliver. Lets a test
   * play a mail server outage (`retryable: true`) or a refused mailbox (`retryable: false`).
   */
  readonly fail?: (mail: OutboxMail) => MailDeliveryError | null;
}

/** A {@link Mailer} that keeps what it delivers in memory: for tests and demos. */
export interface MemoryMailer extends Mailer {
  /** Every mail delivered so far, oldest first (copies: changing them changes nothing). */
  readonly sent: readonly OutboxMail[];
  /** Forgets the delivered mails. */
  clear(): void;
}

/**
 * Creates a {@link MemoryMailer}. Each successful `send` records a copy of the mail; a `fail` option
 * makes chosen attempts fail instead.
 *
 * @example
 * ```ts
 * const mailer = createMemoryMailer({
 *   fail: (mail) => (mail.to.address.endsWith("@gone.example")
 *     ? { code: "mail_delivery", message: "550 no such user", retryable: false }
 *     : null),
 * });
 * await deliverOutbox({ store, mailer, clock });
 * mailer.sent.map((mail) => mail.subject);
 * ```
 */
export function createMemoryMailer(options: MemoryMailerOptions = {}): MemoryMailer {
  let delivered: OutboxMail[] = [];
  return {
    get sent() {
      return delivered.map((mail) => cloneRecord(mail));
    },
    clear() {
      delivered = [];
    },
    async send(mail) {
      const failure = options.fail?.(mail) ?? null;
      if (failure !== null) return err(failure);
      delivered.push(cloneRecord(mail));
      return ok(undefined);
    },
  };
}
