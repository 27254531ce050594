import { outboxMailSchema, type OutboxMail } from "../../../model/outbox-mail.js";
import { compareCodePoints } from "../../../model/sort-key.js";
import type { OutboxTable } from "../tables.js";
import { decodeRow } from "./corrupt-record.js";
import { encodeRecord } from "./record-json.js";

/** The columns a mail is read from: every column of `outbox`. */
export const OUTBOX_COLUMNS = [
  "id",
  "organization_id",
  "status",
  "attempts",
  "next_attempt_at",
  "last_error",
  "sent_at",
  "created_at",
  "record",
] as const;

/** An `outbox` row as read. */
export type OutboxRow = Pick<OutboxTable, "id" | "organization_id" | "status" | "attempts" | "last_error"> & {
  readonly next_attempt_at: Date;
  readonly sent_at: Date | null;
  readonly created_at: Date;
  readonly record: unknown;
};

/** What `outbox` holds for a mail, as written. */
export type OutboxInsert = Omit<OutboxTable, "next_attempt_at" | "sent_at" | "created_at" | "record"> & {
  next_attempt_at: Date;
  sent_at: Date | null;
  created_at: Date;
  record: string;
};

/**
 * Turns an `outbox` row into a mail. The delivery state (`status`, `attempts`, `next_attempt_at`,
 * `last_error`, `sent_at`) lives in columns the SQL changes in place, authoritative like the keys and
 * `created_at`; `record` holds only the message. A row breaking the mail schema throws a
 * `CorruptRecordSignal` naming it.
 */
export function decodeOutboxRow(row: OutboxRow): OutboxMail {
  return decodeRow(outboxMailSchema, "mail", { table: "outbox", id: row.id }, row.record, {
    id: row.id,
    organizationId: row.organization_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  });
}

/** The `outbox` row of a mail: the columns, and in `record` the message (template, to, subject, text, html). */
export function outboxRowOf(mail: OutboxMail): OutboxInsert {
  const { id, organizationId, status, attempts, nextAttemptAt, lastError, sentAt, createdAt, ...message } = mail;
  return {
    id,
    organization_id: organizationId,
    status,
    attempts,
    next_attempt_at: new Date(nextAttemptAt.getTime()),
    last_error: lastError,
    sent_at: sentAt === null ? null : new Date(sentAt.getTime()),
    created_at: new Date(createdAt.getTime()),
    record: encodeRecord(message),
  };
}

/** Oldest first: by creation instant, then id by code point (the outbox order of every adapter). */
export function compareOutboxRows(a: OutboxRow, b: OutboxRow): number {
  return a.created_at.getTime() - b.created_at.getTime() || compareCodePoints(a.id, b.id);
}
