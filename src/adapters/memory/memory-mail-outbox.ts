import { err, ok } from "neverthrow";
import { applyDeliveryOutcome } from "../../mail/apply-delivery-outcome.js";
import type { OutboxMail } from "../../model/outbox-mail.js";
import { compareCodePoints } from "../../model/sort-key.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { MailOutbox } from "../../ports/mail-outbox.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import type { Row } from "./_internal/version-chain.js";
import { PENDING, type MemoryTables } from "./memory-tables.js";
import { ALL_KEY } from "./memory-user-tables.js";

/**
 * The mail outbox of one in-memory transaction. `claim` leases mails by moving their `nextAttemptAt` to
 * the lease end; two transactions claiming the same mail both write it, so the second to commit gets a
 * conflict and never delivers it twice. `markSent` and `markFailed` are compare-and-set on that lease:
 * they apply only while the mail is `pending` with `nextAttemptAt` equal to the caller's `leaseUntil`,
 * and store what `applyDeliveryOutcome` makes of the mail: a sent or dead mail has its secrets redacted
 * in that same write.
 */
export function createMemoryMailOutbox<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): MailOutbox {
  const outbox = () => transaction.view(tables.outbox);
  /** Applies `update` to the mail only while it is pending and still leased until `leaseUntil`. */
  const change = (id: string, leaseUntil: Date, update: (mail: OutboxMail) => OutboxMail) => {
    const view = outbox();
    const row = view.get(id);
    if (row === null) return err(TenureErrors.notFound("mail", id));
    if (row.value.status !== "pending" || row.value.nextAttemptAt.getTime() !== leaseUntil.getTime()) {
      return err(TenureErrors.conflict("mail", id));
    }
    const stored = update(cloneRecord(row.value));
    view.put(id, stored);
    return ok(cloneRecord(stored));
  };
  return {
    async enqueue(mail) {
      const view = outbox();
      if (view.get(mail.id) !== null) return err(TenureErrors.duplicate("mail", "id", mail.id));
      view.put(mail.id, cloneRecord(mail));
      return ok(cloneRecord(mail));
    },
    async claim({ now, limit, leaseUntil }) {
      const view = outbox();
      const due: Row<OutboxMail, string>[] = [];
      if (limit > 0) {
        view.scan(tables.outboxPending, PENDING, "asc", () => true, (row) => {
          if (row.value.nextAttemptAt.getTime() <= now.getTime()) due.push(row);
          return due.length < limit;
        });
      }
      return due.map((row) => {
        const stored = { ...cloneRecord(row.value), nextAttemptAt: new Date(leaseUntil.getTime()) };
        view.put(row.value.id, stored);
        return cloneRecord(stored);
      });
    },
    async markSent(id, at, claim) {
      return change(id, claim.leaseUntil, (mail) => applyDeliveryOutcome(mail, { kind: "sent", at }));
    },
    async markFailed(id, error, retryAt, claim) {
      return change(id, claim.leaseUntil, (mail) => applyDeliveryOutcome(mail, { kind: "failed", error, retryAt }));
    },
    async list(organizationId, options = {}) {
      return outbox()
        .lookup(tables.outboxByOrganization, organizationId, ALL_KEY)
        .filter((row) => options.status === undefined || row.value.status === options.status)
        .sort((a, b) => compareCodePoints(a.derived, b.derived) || compareCodePoints(a.value.id, b.value.id))
        .map((row) => cloneRecord(row.value));
    },
  };
}
