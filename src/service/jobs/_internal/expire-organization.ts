import { err, ok, type Result } from "neverthrow";
import { lastAccessDay } from "../../../expiry/access-end.js";
import { planExpirySweep } from "../../../expiry/expiry-sweep-plan.js";
import type { UserId } from "../../../model/ids.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { StoreTransaction } from "../../../ports/tenure-store.js";
import { changedFields, toJson } from "../../_internal/audit-values.js";
import { appendAudit } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { ACCESS_EXPIRED_ACTION, SWEEP_PARTY, type PassTally, type SweepJob } from "./job-types.js";
import { organizationAdmins } from "./organization-admins.js";
import { queueMail } from "../../_internal/queue-mail.js";

interface BatchOutcome<UA extends object> {
  readonly expired: readonly User<UA>[];
  /** The last user read, where the next batch starts; `null` when the index holds no more due users. */
  readonly last: User<UA> | null;
}

/**
 * De-activates the organization's due third-party users in batches of `batchSize`, one transaction per
 * batch (each user: the account change, version-checked, and one `user.access_expired` audit event), and
 * queues one `expiry_digest` per admin listing every user this run expired. The digest rides in the
 * transaction of the last batch, so in the usual single-batch case it commits with the de-activations;
 * when an earlier batch committed and a later one failed, it is queued on its own afterwards.
 *
 * A batch refused with a `conflict` (another sweep changed one of its users first) is read again and
 * retried once; if it fails again, the pass stops and the next run picks up what is left. Users already
 * de-activated or removed are skipped, which makes the pass idempotent. Returns the users expired.
 */
export async function expireOrganization<P extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, string, string, UA, OA, Native>,
  job: SweepJob<OA>,
  tally: PassTally,
): Promise<User<UA>[]> {
  // Due means `accessExpiresAt <= now` (the plan's rule); the port's bound is exclusive.
  const before = new Date(job.now.getTime() + 1);
  const expired: User<UA>[] = [];
  let after: { at: Date; id: UserId } | undefined;
  let retried = false;
  let digestQueued = false;
  for (;;) {
    const batch = await context.store.transaction(async (tx): Promise<Result<BatchOutcome<UA>, TenureError>> => {
      const due = await tx.users.listAccessExpiring(job.organization.id, { before, limit: job.batchSize, claim: true, ...(after === undefined ? {} : { after }) });
      const previous = new Map(due.map((user) => [user.id, user]));
      const done: User<UA>[] = [];
      for (const { user, expiredAt, reason } of planExpirySweep(due, job.now).deactivations) {
        const updated = await tx.users.update(user);
        if (updated.isErr()) return err(updated.error);
        const stored = previous.get(user.id) as User<UA>;
        const audited = await appendAudit(context, tx, SWEEP_PARTY, job.organization.id, job.now, {
          action: ACCESS_EXPIRED_ACTION,
          target: { entity: "user", id: user.id },
          ...changedFields(stored as unknown as Record<string, unknown>, updated.value as unknown as Record<string, unknown>, ["account"]),
          details: { reason, expiredAt: toJson(expiredAt), sponsorId: user.invitedBy },
        });
        if (audited.isErr()) return err(audited.error);
        done.push(updated.value);
      }
      const finished = due.length < job.batchSize;
      if (finished) {
        const queued = await queueDigest(context, tx, job, [...expired, ...done]);
        if (queued.isErr()) return err(queued.error);
      }
      return ok({ expired: done, last: finished ? null : (due[due.length - 1] ?? null) });
    });
    if (batch.isErr()) {
      if (batch.error.code === "conflict") {
        tally.conflicts += 1;
        if (!retried) {
          retried = true;
          continue;
        }
      } else {
        tally.errors.push(batch.error);
      }
      break;
    }
    retried = false;
    expired.push(...batch.value.expired);
    context.cache.invalidateUsers(batch.value.expired.map((user) => user.id));
    const last = batch.value.last;
    if (last === null || last.accessExpiresAt === null) {
      digestQueued = true;
      break;
    }
    after = { at: last.accessExpiresAt, id: last.id };
  }
  if (!digestQueued && expired.length > 0) {
    const queued = await context.store.transaction((tx) => queueDigest(context, tx, job, expired));
    if (queued.isErr()) tally.errors.push(queued.error);
  }
  return expired;
}

/** Queues one `expiry_digest` to each admin of the organization (see `organizationAdmins`), if anyone expired. */
async function queueDigest<P extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, string, string, UA, OA, Native>,
  tx: StoreTransaction<UA, OA, Native>,
  job: SweepJob<OA>,
  expired: readonly User<UA>[],
): Promise<Result<void, TenureError>> {
  if (expired.length === 0) return ok(undefined);
  const timeZone = job.settings.timeZone;
  // Many users share an expiry instant (midnight of a day): convert each instant once.
  const lastDays = new Map<number, string>();
  const lastDayOf = (at: Date): string => {
    let day = lastDays.get(at.getTime());
    if (day === undefined) {
      day = lastAccessDay(at, timeZone);
      lastDays.set(at.getTime(), day);
    }
    return day;
  };
  const expiredList = expired
    .map((user) => `${user.fullName} (${user.username}), ${user.accessExpiresAt === null ? "no date" : `last day ${lastDayOf(user.accessExpiresAt)}`}`)
    .join("\n");
  for (const admin of await organizationAdmins(context, tx, job.organization, job.now)) {
    const queued = await queueMail(context, tx, job, "expiry_digest", { address: admin.email, name: admin.fullName }, {
      recipientName: admin.fullName,
      organizationName: job.organization.name,
      expiredCount: expired.length,
      expiredList,
      asOf: job.now,
    });
    if (queued.isErr()) return err(queued.error);
  }
  return ok(undefined);
}
