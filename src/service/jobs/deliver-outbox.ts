import { err, ok, type Result } from "neverthrow";
import type { OutboxMail } from "../../model/outbox-mail.js";
import type { ConflictError, NotFoundError } from "../../model/tenure-error.js";
import type { Clock } from "../../ports/clock.js";
import type { MailDeliveryError, Mailer } from "../../ports/mailer.js";
import type { StoreTransaction, TenureStore } from "../../ports/tenure-store.js";
import type { DeliveryReport } from "../../mail/delivery-report.js";
import { checkDeliveryOptions, DEFAULT_MAIL_BACKOFF_MS, DEFAULT_MAIL_BATCH, DEFAULT_MAIL_LEASE_MS, retryAtAfterFailure } from "../../mail/delivery-schedule.js";

/** The options of {@link deliverOutbox}. */
export interface DeliverOutboxOptions<UA extends object, OA extends object, Native> {
  readonly store: TenureStore<UA, OA, Native>;
  readonly mailer: Mailer;
  readonly clock: Clock;
  /** Most mails claimed (and sent) by this run; default {@link DEFAULT_MAIL_BATCH}. */
  readonly limit?: number;
  /**
   * How long a claimed mail is reserved for this run; default {@link DEFAULT_MAIL_LEASE_MS}. Make it
   * longer than the slowest send (the mailer's timeout) times `limit`: a mail still unsent when its
   * lease ends is left for a later run rather than risk a second process sending it too.
   */
  readonly leaseMs?: number;
  /**
   * Waits before each retry, in milliseconds: entry `n` follows the `(n + 1)`-th failed attempt; once
   * the list is used up the mail is `dead`. Default {@link DEFAULT_MAIL_BACKOFF_MS}.
   */
  readonly backoff?: readonly number[];
}

/** The options of `tenure.jobs.deliverOutbox`: {@link DeliverOutboxOptions} without the store and the clock, which are the service's. */
export type OutboxJobOptions = Omit<DeliverOutboxOptions<object, object, unknown>, "store" | "clock">;

/** Status updates refused with `conflict` are tried this many times in all. */
const UPDATE_ATTEMPTS = 3;

/**
 * Delivers due mails from the outbox, once: claims up to `limit` pending mails whose `nextAttemptAt`
 * has come, in one short transaction that leases them for `leaseMs`; sends each through the `Mailer`
 * outside any transaction; records each outcome in its own transaction.
 *
 * - Success: `sent`. Failure with a retryable error (or a mailer that throws): pending again, due after
 *   the next wait of `backoff`; once the waits are used up, or for a non-retryable error: `dead`, kept
 *   with its `lastError` for an admin to see (the outbox's `list(…, { status: "dead" })`).
 * - Two runs at once never send the same mail: the claim is the lock. With the memory store the later
 *   of two overlapping claims fails with `conflict`, counted in `conflicts`; that run sends nothing.
 * - Outcomes are recorded under the claim: `markSent` / `markFailed` get the lease this run claimed
 *   with and the store applies them only if nobody re-claimed the mail since (compare-and-set). So a
 *   run whose send outlasted its lease cannot put back to `pending` a mail another run has sent since;
 *   its outcome is refused and counted in `deferred`. The local clock only serves as a pre-check: a
 *   send is not started once the lease has run out.
 * - At least once, not exactly once: if the process dies after the mailer accepted a mail but before
 *   `markSent` committed (or one send outlasts the lease), the lease ends and a later run sends it again. The mail's `id` is the same on
 *   every attempt, and mailers pass it on as the Message-ID (or an API's idempotency key) so the
 *   duplicate can be recognised. A mail is never lost: it stays pending until sent or dead.
 *
 * The I/O runner of the outbox: the schedule (defaults, retry times) is `mail/delivery-schedule.ts`'s and
 * what an outcome writes is `applyDeliveryOutcome`'s. Also on the service as `tenure.jobs.deliverOutbox`
 * (the service's store and clock). Call it on a timer, or right after a command that queued mail. A store that throws rejects the promise.
 *
 * @example
 * ```ts
 * const mailer = createNodemailerMailer({ transport, from: "Acme <no-reply@acme.example>" });
 * setInterval(async () => {
 *   const report = await deliverOutbox({ store, mailer, clock: systemClock });
 *   if (report.dead > 0) log.warn(`${report.dead} mails could not be delivered`);
 * }, 30_000);
 * ```
 */
export async function deliverOutbox<UA extends object, OA extends object, Native>(
  options: DeliverOutboxOptions<UA, OA, Native>,
): Promise<DeliveryReport> {
  const { store, mailer, clock } = options;
  const limit = options.limit ?? DEFAULT_MAIL_BATCH;
  const leaseMs = options.leaseMs ?? DEFAULT_MAIL_LEASE_MS;
  const backoff = options.backoff ?? DEFAULT_MAIL_BACKOFF_MS;
  checkDeliveryOptions({ limit, leaseMs, backoff });

  const report = { claimed: 0, sent: 0, retried: 0, dead: 0, deferred: 0, conflicts: 0 };
  const claimedAt = clock.now();
  const leaseUntil = new Date(claimedAt.getTime() + leaseMs);
  const claimed = await store.transaction(async (tx) => ok(await tx.outbox.claim({ now: claimedAt, limit, leaseUntil })));
  if (claimed.isErr()) {
    report.conflicts += 1;
    return report;
  }
  report.claimed = claimed.value.length;

  const claim = { leaseUntil };
  for (const mail of claimed.value) {
    // A cheap pre-check on the local clock: never start a send once the lease has run out. What is
    // recorded afterwards is guarded by the store itself (compare-and-set on the claim), not by this clock.
    if (clock.now().getTime() >= leaseUntil.getTime()) {
      report.deferred += 1;
      continue;
    }
    const outcome = await sendSafely(mailer, mail);
    const now = clock.now();
    if (outcome.isOk()) {
      const recorded = await record(store, (tx) => tx.outbox.markSent(mail.id, now, claim));
      if (recorded === "taken") report.deferred += 1;
      else report.sent += 1;
      if (recorded === "conflict") report.conflicts += 1;
      continue;
    }
    const retryAt = retryAtAfterFailure(outcome.error, mail.attempts, now, backoff);
    const recorded = await record(store, (tx) => tx.outbox.markFailed(mail.id, outcome.error.message, retryAt, claim));
    if (recorded === "taken") report.deferred += 1;
    else if (retryAt === null) report.dead += 1;
    else report.retried += 1;
    if (recorded === "conflict") report.conflicts += 1;
  }
  return report;
}

/** Calls the mailer; a throw or a broken return value becomes a retryable error, so nothing is lost. */
async function sendSafely(mailer: Mailer, mail: OutboxMail): Promise<Result<void, MailDeliveryError>> {
  try {
    const result = await mailer.send(mail);
    if (typeof result?.isOk === "function") return result;
    return retryable("the mailer returned no Result");
  } catch (error) {
    return retryable(`the mailer threw: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function retryable(message: string): Result<void, MailDeliveryError> {
  return err({ code: "mail_delivery", message, retryable: true });
}

/**
 * How a status update ended: `done` (recorded, or the mail is gone: `not_found` needs no update),
 * `taken` (the store refused it with `conflict` because the claim is no longer this run's: another run
 * re-claimed the mail or recorded its outcome; nothing was changed), or `conflict` (the transaction kept
 * meeting a concurrent write after {@link UPDATE_ATTEMPTS} tries).
 */
type Recorded = "done" | "taken" | "conflict";

/**
 * Runs one status update in its own transaction, again if its commit meets a `conflict` (a concurrent
 * write to the same mail). A `conflict` from the compare-and-set itself is not retried: it is `taken`.
 */
async function record<UA extends object, OA extends object, Native>(
  store: TenureStore<UA, OA, Native>,
  work: (tx: StoreTransaction<UA, OA, Native>) => Promise<Result<OutboxMail, NotFoundError | ConflictError>>,
): Promise<Recorded> {
  for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
    const result = await store.transaction(async (tx) => {
      const updated = await work(tx);
      // Nothing was written, so this transaction commits nothing; the claim belongs to another run now.
      if (updated.isErr() && updated.error.code === "conflict") return ok<Recorded>("taken");
      return updated.map((): Recorded => "done");
    });
    if (result.isOk()) return result.value;
    if (result.error.code !== "conflict") return "done";
  }
  return "conflict";
}
