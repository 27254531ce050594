import { err, ok, type Result } from "neverthrow";
import { applyDeliveryOutcome, type DeliveryOutcome } from "../../mail/apply-delivery-outcome.js";
import type { OutboxMail } from "../../model/outbox-mail.js";
import { TenureErrors, type ConflictError, type NotFoundError } from "../../model/tenure-error.js";
import type { MailOutbox } from "../../ports/mail-outbox.js";
import { compareOutboxRows, decodeOutboxRow, OUTBOX_COLUMNS, outboxRowOf } from "./_internal/outbox-row.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import { guardedInsert } from "./_internal/versioned-write.js";

/**
 * The mail outbox of one PostgreSQL unit of work; `claim`, `markSent` and `markFailed` work across
 * organizations, by mail id.
 *
 * `claim` moves the lease end into `next_attempt_at` of the oldest due mails it selects `FOR UPDATE
 * SKIP LOCKED`, so a concurrent claimer skips the rows this one holds and two never claim the same
 * mail. Under `REPEATABLE READ` a due row another claimer changed and committed after this
 * transaction's snapshot cannot be locked: PostgreSQL fails with a serialization error, which is left
 * unguarded on purpose, so the store ends the whole unit of work with `conflict` (nothing claimed, as
 * the memory store does with the later of two overlapping claims); `deliverOutbox` counts it as a
 * conflict and tries again on its next run.
 *
 * `markSent` and `markFailed` are compare-and-set on the claim: they lock the row (`SELECT … FOR
 * UPDATE`), check that it is still `pending` with `next_attempt_at = lease`, and write the record
 * `applyDeliveryOutcome` makes of it in one `UPDATE … WHERE id = … AND status = 'pending' AND
 * next_attempt_at = lease`, so a sent or dead mail loses its secrets (subject, text and HTML redacted,
 * `secrets` emptied) in the very write that finishes it. `conflict` when the mail exists but is no
 * longer under that claim, or when a concurrent transaction changed it first; `not_found` when there
 * is no such mail.
 */
export function createPostgresMailOutbox<UA extends object, OA extends object>(context: PostgresContext<UA, OA>): MailOutbox {
  const { db, writes } = context;

  /** The update of mail `id` guarded by the caller's claim. */
  const underClaim = (id: string, leaseUntil: Date) =>
    db.updateTable("outbox").where("id", "=", id).where("status", "=", "pending").where("next_attempt_at", "=", new Date(leaseUntil.getTime()));

  /** Records `outcome` for mail `id` under the claim ending at `leaseUntil` (see the TSDoc above). */
  const settle = async (id: string, leaseUntil: Date, outcome: DeliveryOutcome): Promise<Result<OutboxMail, NotFoundError | ConflictError>> => {
    const settled = await writes.run(async (): Promise<OutboxMail | "missing" | "taken"> => {
      const row = await db.selectFrom("outbox").select(OUTBOX_COLUMNS).where("id", "=", id).forUpdate().executeTakeFirst();
      if (row === undefined) return "missing";
      const mail = decodeOutboxRow(row);
      if (mail.status !== "pending" || mail.nextAttemptAt.getTime() !== leaseUntil.getTime()) return "taken";
      const { status, attempts, next_attempt_at, last_error, sent_at, record } = outboxRowOf(applyDeliveryOutcome(mail, outcome));
      const updated = await underClaim(id, leaseUntil)
        .set({ status, attempts, next_attempt_at, last_error, sent_at, record })
        .returning(OUTBOX_COLUMNS)
        .executeTakeFirst();
      return updated === undefined ? "taken" : decodeOutboxRow(updated);
    });
    if (!settled.ok || settled.value === "taken") return err(TenureErrors.conflict("mail", id));
    if (settled.value === "missing") return err(TenureErrors.notFound("mail", id));
    return ok(settled.value);
  };

  return {
    async enqueue(mail) {
      return guardedInsert(
        writes,
        mail,
        "mail",
        mail.id,
        () => db.insertInto("outbox").values(outboxRowOf(mail)).execute(),
        () => TenureErrors.duplicate("mail", "id", mail.id),
      );
    },
    async claim({ now, limit, leaseUntil }) {
      if (!(limit > 0)) return [];
      // Nothing here is refused as a value (a lost race ends the unit of work), so no savepoint.
      return writes.inTurn(async () => {
        const rows = await db
          .updateTable("outbox")
          .set({ next_attempt_at: new Date(leaseUntil.getTime()) })
          .where("id", "in", (eb) => {
            const due = eb
              .selectFrom("outbox")
              .select("id")
              .where("status", "=", "pending")
              .where("next_attempt_at", "<=", new Date(now.getTime()))
              .orderBy("created_at")
              .orderBy("id");
            return (Number.isFinite(limit) ? due.limit(Math.ceil(limit)) : due).forUpdate().skipLocked();
          })
          .returning(OUTBOX_COLUMNS)
          .execute();
        // RETURNING follows no order: put the claimed mails oldest first, as they were chosen.
        return rows.sort(compareOutboxRows).map(decodeOutboxRow);
      });
    },
    async markSent(id, at, claim) {
      return settle(id, claim.leaseUntil, { kind: "sent", at });
    },
    async markFailed(id, error, retryAt, claim) {
      return settle(id, claim.leaseUntil, { kind: "failed", error, retryAt });
    },
    async list(organizationId, options = {}) {
      let select = db.selectFrom("outbox").select(OUTBOX_COLUMNS).where("organization_id", "=", organizationId);
      if (options.status !== undefined) select = select.where("status", "=", options.status);
      const rows = await select.orderBy("created_at").orderBy("id").execute();
      return rows.map(decodeOutboxRow);
    },
  };
}
