import * as z from "zod";
import { mailIdSchema, organizationIdSchema } from "./ids.js";

/** A rendered mail waiting in the outbox; written in the same unit of work as the change that caused it. */
export const outboxMailSchema = z.object({
  id: mailIdSchema,
  organizationId: organizationIdSchema,
  /** Template the mail was rendered from, e.g. `invitation`. */
  template: z.string().min(1).max(100),
  to: z.object({ address: z.string().min(3).max(512), name: z.string().max(400).nullable() }),
  subject: z.string().max(998),
  text: z.string(),
  html: z.string().nullable(),
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
