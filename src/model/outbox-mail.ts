import * as z from "zod";
import { mailIdSchema, organizationIdSchema } from "./ids.js";

/** Most secrets one outbox mail may name (a link rendered three ways is three). */
export const OUTBOX_MAIL_SECRETS_MAX = 32;

/**
 * A rendered mail waiting in the outbox; written in the same unit of work as the change that caused it.
 *
 * While `pending`, `subject`, `text` and `html` are the message as it will be sent, secrets included
 * (delivery needs them), and `secrets` lists every substring of them that is a secret. Once the mail is
 * `sent` or `dead`, the store has replaced each of those substrings by a marker and emptied `secrets`
 * (see `applyDeliveryOutcome`), so no finished mail holds a usable link.
 */
export const outboxMailSchema = z.object({
  id: mailIdSchema,
  organizationId: organizationIdSchema,
  /** Template the mail was rendered from, e.g. `invitation`. */
  template: z.string().min(1).max(100),
  to: z.object({ address: z.string().min(3).max(512), name: z.string().max(400).nullable() }),
  subject: z.string().max(998),
  text: z.string(),
  html: z.string().nullable(),
  /**
   * The secrets the message carries, exactly as they appear in `subject`, `text` or `html` (a
   * single-use link, and its HTML-escaped form): what the store redacts when it records the mail as
   * `sent` or `dead`. Empty for a mail without secrets and for every finished mail. Rows written
   * before this field existed read as `[]`.
   */
  secrets: z
    .array(z.string().min(1))
    .max(OUTBOX_MAIL_SECRETS_MAX)
    .default(() => []),
  status: z.enum(["pending", "sent", "dead"]),
  attempts: z.number().int().nonnegative(),
  /** Not delivered before this instant (retry back-off, or a claim by a delivering process). */
  nextAttemptAt: z.date(),
  lastError: z.string().max(2000).nullable(),
  sentAt: z.date().nullable(),
  createdAt: z.date(),
});
/** See {@link outboxMailSchema}. */
export type OutboxMail = z.output<typeof outboxMailSchema>;
