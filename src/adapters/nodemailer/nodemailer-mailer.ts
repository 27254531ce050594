import { err, ok } from "neverthrow";
import type { OutboxMail } from "../../model/outbox-mail.js";
import type { MailDeliveryError, Mailer } from "../../ports/mailer.js";

/** An address as nodemailer takes it. */
export interface NodemailerAddress {
  readonly name: string;
  readonly address: string;
}

/** The message {@link createNodemailerMailer} hands to `transport.sendMail`. */
export interface NodemailerMessage {
  readonly from: string | NodemailerAddress;
  readonly to: NodemailerAddress;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** `<mail id@domain>`: the same on every attempt of one outbox mail. */
  readonly messageId: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The part of a nodemailer transporter (`nodemailer.createTransport(…)`) that tenure uses. Declared
 * here rather than imported, so `tenure/nodemailer` works with any nodemailer from 6.9 on and its
 * types do not depend on nodemailer's.
 */
export interface NodemailerTransport {
  /** Sends one message; resolves with the transport's info (its `rejected` list is read), rejects on failure. */
  sendMail(message: NodemailerMessage): Promise<unknown>;
}

/** The options of {@link createNodemailerMailer}. */
export interface NodemailerMailerOptions {
  /** A transporter from `nodemailer.createTransport(…)` (SMTP, pool, SES, …). */
  readonly transport: NodemailerTransport;
  /** The sender, e.g. `"Acme <no-reply@acme.example>"` or `{ name: "Acme", address: "no-reply@acme.example" }`. */
  readonly from: string | NodemailerAddress;
  /** The domain part of the Message-ID `<mail id@domain>`; default `tenure`. Use your sending domain. */
  readonly messageIdDomain?: string;
}

/**
 * A {@link Mailer} over a nodemailer transport. Each mail goes out with Message-ID `<mail id@tenure>`
 * (the outbox id, the same on every retry, so a duplicate after a crash can be recognised) and
 * `Auto-Submitted: auto-generated` (RFC 3834: no vacation auto-replies). It never throws: an SMTP 5xx
 * reply (a refused mailbox, a message rejected for good) is a non-retryable error — except 503, "bad
 * sequence of commands", which concerns the session, not the message; any other failure (connection
 * refused, timeout, 4xx "try later", TLS, authentication) is retryable.
 *
 * @example
 * ```ts
 * import nodemailer from "nodemailer";
 * import { createNodemailerMailer } from "tenure/nodemailer";
 *
 * const transport = nodemailer.createTransport({ host: "smtp.acme.example", port: 587, auth: { user, pass } });
 * const mailer = createNodemailerMailer({ transport, from: "Acme <no-reply@acme.example>", messageIdDomain: "acme.example" });
 * await deliverOutbox({ store, mailer, clock: systemClock });
 * ```
 */
export function createNodemailerMailer(options: NodemailerMailerOptions): Mailer {
  const { transport, from } = options;
  const domain = options.messageIdDomain ?? "tenure";
  const fromAddress = typeof from === "string" ? from : `${from.name} ${from.address}`;
  if (/[\p{Cc}\u2028\u2029]/u.test(fromAddress)) throw new TypeError("The sender must not contain line breaks or control characters.");
  if (!/^[A-Za-z0-9.-]+$/.test(domain)) throw new TypeError(`"${domain}" is not a domain for a Message-ID.`);
  return {
    async send(mail: OutboxMail) {
      try {
        const info = await transport.sendMail(messageOf(mail, from, domain));
        const rejected = rejectedOf(info);
        if (rejected.length > 0) {
          return err({ code: "mail_delivery", message: `The server refused ${rejected.join(", ")}.`, retryable: false });
        }
        return ok(undefined);
      } catch (error) {
        return err(deliveryError(error));
      }
    },
  };
}

function messageOf(mail: OutboxMail, from: string | NodemailerAddress, domain: string): NodemailerMessage {
  return {
    from,
    to: { name: mail.to.name ?? "", address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
    ...(mail.html === null ? {} : { html: mail.html }),
    messageId: `<${messageIdLocalPart(mail.id)}@${domain}>`,
    headers: { "Auto-Submitted": "auto-generated" },
  };
}

/**
 * The id as the left part of a Message-ID (an RFC 5322 dot-atom): `:` (allowed in ids, not in an atom)
 * is written `=3A`, and an id whose dots would break the dot-atom has every dot written `=2E`. Ids hold
 * no `=`, so two ids never give the same Message-ID.
 */
function messageIdLocalPart(id: string): string {
  const atoms = id.replaceAll(":", "=3A");
  return /^[^.]+(\.[^.]+)*$/.test(atoms) ? atoms : atoms.replaceAll(".", "=2E");
}

function rejectedOf(info: unknown): string[] {
  if (typeof info !== "object" || info === null || !("rejected" in info) || !Array.isArray(info.rejected)) return [];
  return info.rejected.map((entry: unknown) =>
    typeof entry === "object" && entry !== null && "address" in entry ? String(entry.address) : String(entry),
  );
}

/** Maps what nodemailer throws to a {@link MailDeliveryError}. */
function deliveryError(error: unknown): MailDeliveryError {
  const fields = typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
  const responseCode = typeof fields["responseCode"] === "number" ? fields["responseCode"] : null;
  const code = typeof fields["code"] === "string" ? fields["code"] : null;
  const text = error instanceof Error ? error.message : String(error);
  const permanent = responseCode !== null && responseCode >= 500 && responseCode <= 599 && responseCode !== 503;
  const prefix = [code, responseCode === null ? null : `SMTP ${responseCode}`].filter((part) => part !== null).join(" ");
  return { code: "mail_delivery", message: prefix === "" ? text : `${prefix}: ${text}`, retryable: !permanent };
}
