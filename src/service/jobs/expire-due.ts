import { ok } from "neverthrow";
import * as z from "zod";
import type { OrganizationId, UserId } from "../../model/ids.js";
import { parseInput } from "../../model/parse-input.js";
import { settingsFor } from "../../model/settings.js";
import type { TenureError } from "../../model/tenure-error.js";
import type { ServiceContext } from "../_internal/service-context.js";
import { expireOrganization } from "./_internal/expire-organization.js";
import type { PassTally } from "./_internal/job-types.js";
import { remindOrganization } from "./_internal/remind-organization.js";

export { ACCESS_EXPIRED_ACTION, EXPIRY_SWEEP_ACTOR, REMINDER_SENT_ACTION } from "./_internal/job-types.js";

/** The options of `tenure.jobs.expireDue`. */
export interface ExpireDueOptions {
  /** The instant of the sweep; the context's clock by default. */
  readonly now?: Date;
  /** Users read and changed per transaction (default 500; a fraction is rounded down, below 1 is 1, above 10,000 is 10,000). */
  readonly batchSize?: number;
}

/** The schema of {@link ExpireDueOptions}: a valid date, a finite number (unknown keys are ignored). */
const expireDueOptionsSchema = z.object({ now: z.date().optional(), batchSize: z.number().optional() }).optional();

/** What one run of `tenure.jobs.expireDue` did. */
export interface ExpirySweepReport {
  /** Every user this run de-activated, by organization (in the order of the organizations' ids, then of expiry). */
  readonly expired: readonly { readonly organizationId: OrganizationId; readonly userId: UserId }[];
  /** How many users' sponsors (or admins) were reminded. */
  readonly reminded: number;
  /**
   * Batches refused with a `conflict` because another sweep (or an admin) changed one of their users
   * first. Each is read again and retried once; whatever is still left waits for the next run.
   */
  readonly conflicts: number;
  /**
   * Other failures of a batch (e.g. a broken mail template); that batch's work was not committed. Or
   * the `validation` error of malformed options (an invalid date, say), alone: then nothing ran.
   */
  readonly errors: readonly TenureError[];
}

const ORGANIZATION_PAGE = 100;
const BATCH_SIZE_MAX = 10_000;

/**
 * The third-party expiry sweep: run it on a schedule (e.g. hourly). For each organization (paged, by
 * id) whose settings enable third-party management:
 *
 * 1. Every third-party user whose `accessExpiresAt` is at or before `now` and whose account is active or
 *    blocked is de-activated (reason `access_expired`; settings and memberships kept), with one audit
 *    event per user (`user.access_expired`, actor system `expiry-sweep`, the account before and after),
 *    and their cached permissions are forgotten. Then ONE `expiry_digest` mail per admin of the
 *    organization lists who expired in this run: its system admins (holders of the catalog's
 *    `superAdmin` there), or if there are none, its user admins (`manageUsers`).
 * 2. Sponsors are reminded `reminderDaysBefore` days ahead (default 14 and 3), each reminder once per
 *    expiry date (moving the date makes them due again): an `expiry_reminder` mail to the user's sponsor
 *    (`invitedBy`) while active, else to the admins, and a `user.access_reminder_sent` audit event.
 *
 * Idempotent and safe to run concurrently: users already de-activated are skipped, every change is
 * version-checked and each batch is one transaction, so two sweeps at once de-activate and notify each
 * user exactly once (the loser's batch conflicts, is read again and finds nothing left to do). A failed
 * batch loses only its own work; the next run picks it up.
 *
 * Cost: reads only due users through `listAccessExpiring`'s index, not every user.
 *
 * Malformed options (an invalid date, a `batchSize` that is not a finite number, options that are not
 * an object) are a `validation` error in the report's `errors`, and nothing runs: never a throw.
 *
 * @example
 * ```ts
 * const report = await expireDue(context, { now: new Date() });
 * // { expired: [{ organizationId, userId }, …], reminded: 3, conflicts: 0, errors: [] }
 * ```
 */
export async function expireDue<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  options?: ExpireDueOptions,
): Promise<ExpirySweepReport> {
  const parsed = parseInput(expireDueOptionsSchema, options);
  if (parsed.isErr()) return { expired: [], reminded: 0, conflicts: 0, errors: [parsed.error] };
  const now = parsed.value?.now ?? context.clock.now();
  const batchSize = Math.min(BATCH_SIZE_MAX, Math.max(1, Math.floor(parsed.value?.batchSize ?? 500)));
  const expired: { organizationId: OrganizationId; userId: UserId }[] = [];
  const tally: PassTally = { conflicts: 0, errors: [] };
  let reminded = 0;
  let after: OrganizationId | undefined;
  for (;;) {
    const page = await context.store.transaction(async (tx) =>
      ok(await tx.organizations.list({ limit: ORGANIZATION_PAGE, ...(after === undefined ? {} : { after }) })),
    );
    if (page.isErr()) {
      tally.errors.push(page.error);
      break;
    }
    for (const organization of page.value) {
      const settings = settingsFor(context.settings, organization.settings);
      if (!settings.thirdParty.enabled) continue;
      const job = { organization, settings, now, batchSize };
      for (const user of await expireOrganization(context, job, tally)) expired.push({ organizationId: organization.id, userId: user.id });
      reminded += await remindOrganization(context, job, tally);
    }
    const last = page.value[page.value.length - 1];
    if (last === undefined || page.value.length < ORGANIZATION_PAGE) break;
    after = last.id;
  }
  return { expired, reminded, conflicts: tally.conflicts, errors: tally.errors };
}
