import { accountStatusNow } from "../../../access/account-standing.js";
import { err, ok, type Result } from "neverthrow";
import { planReminders, type PlannedReminder } from "../../../expiry/reminder-plan.js";
import type { UserId } from "../../../model/ids.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { StoreTransaction } from "../../../ports/tenure-store.js";
import { toJson } from "../../_internal/audit-values.js";
import { appendAudit } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { REMINDER_SENT_ACTION, SWEEP_PARTY, type PassTally, type SweepJob } from "./job-types.js";
import { organizationAdmins } from "./organization-admins.js";
import { queueMail } from "../../_internal/queue-mail.js";

const DAY_MS = 86_400_000;

interface BatchOutcome<UA extends object> {
  readonly reminded: number;
  readonly last: User<UA> | null;
}

/**
 * Sends the reminders due at `now` for the organization's third-party users whose access ends within
 * the largest `reminderDaysBefore` (the pure `planReminders` decides), one transaction per batch. What
 * was already sent is read from the audit log (`user.access_reminder_sent`, its `details.keys`); each
 * reminder writes that event and bumps the user's version, so two sweeps running at once conflict
 * instead of both reminding (the loser's batch is read again and retried once).
 *
 * The reminder goes to the sponsor (`invitedBy`) while their account is active, else to the
 * organization's admins (see `organizationAdmins`). Returns how many users were reminded.
 */
export async function remindOrganization<P extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, string, string, UA, OA, Native>,
  job: SweepJob<OA>,
  tally: PassTally,
): Promise<number> {
  const horizon = Math.max(0, ...job.settings.thirdParty.reminderDaysBefore);
  if (horizon === 0) return 0;
  // A generous bound (calendar days vary with DST and the time zone); planReminders applies the exact rule.
  const before = new Date(job.now.getTime() + (horizon + 2) * DAY_MS);
  let after: { at: Date; id: UserId } = { at: job.now, id: "" as UserId };
  let reminded = 0;
  let retried = false;
  for (;;) {
    const batch = await context.store.transaction((tx) => remindBatch(context, tx, job, before, after));
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
      return reminded;
    }
    retried = false;
    reminded += batch.value.reminded;
    const last = batch.value.last;
    if (last === null || last.accessExpiresAt === null) return reminded;
    after = { at: last.accessExpiresAt, id: last.id };
  }
}

async function remindBatch<P extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, string, string, UA, OA, Native>,
  tx: StoreTransaction<UA, OA, Native>,
  job: SweepJob<OA>,
  before: Date,
  after: { at: Date; id: UserId },
): Promise<Result<BatchOutcome<UA>, TenureError>> {
  const organizationId = job.organization.id;
  const candidates = await tx.users.listAccessExpiring(organizationId, { before, limit: job.batchSize, after });
  const last = candidates.length < job.batchSize ? null : (candidates[candidates.length - 1] ?? null);
  // Only users with a reminder due whatever was sent before need their audit trail read.
  const dueIds = new Set(planReminders(candidates, job.now, job.settings, new Set()).map((reminder) => reminder.userId));
  if (dueIds.size === 0) return ok({ reminded: 0, last });
  const due = candidates.filter((user) => dueIds.has(user.id));
  const alreadySent = new Set<string>();
  for (const user of due) {
    const events = await tx.audit.query(organizationId, { targetId: user.id, actions: [REMINDER_SENT_ACTION], limit: 1000 });
    if (events.isErr()) return err(events.error);
    for (const event of events.value.items) {
      const keys = event.details?.["keys"];
      if (Array.isArray(keys)) for (const key of keys) if (typeof key === "string") alreadySent.add(key);
    }
  }
  const byId = new Map(due.map((user) => [user.id, user]));
  let admins: User<UA>[] | null = null;
  let reminded = 0;
  for (const reminder of planReminders(due, job.now, job.settings, alreadySent)) {
    const user = byId.get(reminder.userId) as User<UA>;
    const touched = await tx.users.update({ ...user, updatedAt: job.now });
    if (touched.isErr()) return err(touched.error);
    const sponsor = reminder.sponsorId === null ? null : await tx.users.get(organizationId, reminder.sponsorId);
    let recipients: readonly User<UA>[];
    if (sponsor !== null && accountStatusNow(sponsor, job.now) === "active") recipients = [sponsor];
    else recipients = admins ??= await organizationAdmins(context, tx, job.organization, job.now);
    const sent = await sendReminder(context, tx, job, user, reminder, recipients);
    if (sent.isErr()) return err(sent.error);
    reminded += 1;
  }
  return ok({ reminded, last });
}

async function sendReminder<P extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, string, string, UA, OA, Native>,
  tx: StoreTransaction<UA, OA, Native>,
  job: SweepJob<OA>,
  user: User<UA>,
  reminder: PlannedReminder,
  recipients: readonly User<UA>[],
): Promise<Result<void, TenureError>> {
  for (const recipient of recipients) {
    const queued = await queueMail(context, tx, job, "expiry_reminder", { address: recipient.email, name: recipient.fullName }, {
      recipientName: recipient.fullName,
      organizationName: job.organization.name,
      userName: user.fullName,
      username: user.username,
      accessEndsAt: reminder.expiresAt,
      daysLeft: reminder.daysLeft,
    });
    if (queued.isErr()) return err(queued.error);
  }
  return appendAudit(context, tx, SWEEP_PARTY, job.organization.id, job.now, {
    action: REMINDER_SENT_ACTION,
    target: { entity: "user", id: user.id },
    before: null,
    after: null,
    details: {
      keys: [...reminder.keys],
      daysBefore: reminder.daysBefore,
      daysLeft: reminder.daysLeft,
      expiresAt: toJson(reminder.expiresAt),
      lastDay: reminder.lastDay,
      recipients: recipients.map((recipient) => recipient.id),
    },
  });
}
