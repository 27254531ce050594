import { err, errAsync, ok, ResultAsync, type Result } from "neverthrow";
import type { GateRule } from "../../_internal/gate.js";
import type { OrganizationId, UserId } from "../../../model/ids.js";
import type { ProvisioningRecordOutcome, ProvisioningRun } from "../../../model/provisioning-run.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import { planProvisioning, type PlannedChange, type ProvisioningPlan } from "../../../provisioning/plan-provisioning.js";
import type { ProvisioningSource } from "../../../provisioning/provisioning-source.js";
import type { Actor } from "../../actor.js";
import { adminsBefore, ensureAdminRemains } from "../../_internal/ensure-admin-remains.js";
import { parseRequest } from "../../_internal/parse-request.js";
import { runCommand, type AuditEntry } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { applyChange, type AppliedChange, type ChangeRun } from "./_internal/apply-change.js";
import { emptyCounts, newRun, type RunCounts } from "./_internal/new-run.js";
import { loadLinkedUsers } from "./_internal/linked-users.js";
import { provisioningRule, sourceNamed } from "./_internal/provisioning-rule.js";
import { applyProvisioningInputSchema, type ApplyProvisioningInput } from "./provisioning-input.js";

/** How far a run has come: records handled out of all the plan holds. */
export interface ProvisioningProgress {
  readonly done: number;
  readonly total: number;
}

/** Options of `provisioning.apply` that are not data: a callback told after each unit of work. */
export interface ApplyProvisioningOptions {
  /** Told after each committed unit of work how many of the plan's changes are done. */
  readonly onProgress?: (progress: ProvisioningProgress) => void;
}

/** A finished run: its record, and the plan it applied. */
export interface AppliedProvisioning {
  readonly run: ProvisioningRun;
  readonly plan: ProvisioningPlan;
}

/**
 * Applies what a source says should exist to one organization ("Update" from the directory, an
 * import, an identity provider's push): plans it ({@link planProvisioning}) in one snapshot, opens a
 * provisioning run, then writes the plan in batches, one unit of work each. A batch whose writes
 * fail is rolled back and written again record by record, so one bad record fails alone and is
 * recorded with its error. Each changed user gets one `user.provisioned` audit event; the run gets
 * `provisioning.run_finished` with its counts. Applying the same records twice changes nothing the
 * second time (the second plan holds only `unchanged`).
 *
 * Authorized once per batch by the run's rule: a directory source needs `directory_updater`
 * (`AdminsCanUpdateFromLDAP`), a spreadsheet `user_data_editor`, SCIM an administrator; the system
 * actor always passes. A plan refused by the safety guard (`mass_deactivation`) writes nothing.
 */
export function applyProvisioning<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ApplyProvisioningInput,
  options: ApplyProvisioningOptions = {},
): ResultAsync<AppliedProvisioning, TenureError> {
  const parsed = parseRequest(actor, applyProvisioningInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { value } = parsed.value;
  const rule = provisioningRule(context.sources.get(value.source));
  const organizationId = value.organizationId;
  const work = async (): Promise<Result<AppliedProvisioning, TenureError>> => {
    const opened = await openRun(context, parsed.value.actor, organizationId, rule, value);
    if (opened.isErr()) return err(opened.error);
    const { run, plan, source } = opened.value;
    const counts = emptyCounts();
    counts.errors = plan.problems.filter((problem) => problem.severity === "error").length;
    const changeRun: ChangeRun = { runId: run.id, source, newAccount: value.newAccounts ?? (source.kind === "spreadsheet" ? "invited" : "active") };
    const total = plan.changes.length;
    let done = 0;
    let failedRun = false;
    const writeOne = async (batch: readonly PlannedChange[]): Promise<boolean> => {
      const written = await writeBatch(context, parsed.value.actor, organizationId, rule, changeRun, batch);
      const outcomes = written.isOk() ? written.value : await writeOneByOne(context, parsed.value.actor, organizationId, rule, changeRun, batch);
      for (const outcome of outcomes) {
        if (outcome.status === "failed") counts.failed += 1;
        else if (outcome.action !== "error") counts[outcome.action] += 1;
      }
      if (outcomes.length < batch.length) return false;
      done += batch.length;
      options.onProgress?.({ done, total });
      return true;
    };
    for (const wave of batchWaves(plan.changes, value.batchSize, value.concurrency)) {
      const results = await Promise.all(wave.map(writeOne));
      if (results.includes(false)) {
        failedRun = true;
        break;
      }
    }
    return finishRun(context, parsed.value.actor, organizationId, rule, run, plan, counts, failedRun);
  };
  return ResultAsync.fromSafePromise(work()).andThen((result) => result);
}

/**
 * The plan's batches in waves written at the same time. Only batches of creates (and unchanged
 * records) share a wave: they cannot take an admin away, so the last-admin rule, checked per unit
 * of work, holds across them. The first batch writes alone (it may name the contact person), and
 * every batch that updates, re-activates, converts or de-activates writes alone, in plan order.
 */
function batchWaves(changes: readonly PlannedChange[], size: number, concurrency: number): PlannedChange[][][] {
  const waves: PlannedChange[][][] = [];
  let wave: PlannedChange[][] = [];
  for (let start = 0; start < changes.length; start += size) {
    const batch = changes.slice(start, start + size);
    const shareable = start > 0 && batch.every((change) => change.action === "create" || change.action === "unchanged");
    if (!shareable || wave.length >= concurrency) {
      if (wave.length > 0) waves.push(wave);
      wave = [];
    }
    wave.push(batch);
    if (!shareable) {
      waves.push(wave);
      wave = [];
    }
  }
  if (wave.length > 0) waves.push(wave);
  return waves;
}

async function openRun<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  organizationId: OrganizationId,
  rule: GateRule,
  value: ReturnType<typeof applyProvisioningInputSchema.parse>,
): Promise<Result<{ run: ProvisioningRun; plan: ProvisioningPlan; source: ProvisioningSource }, TenureError>> {
  return runCommand(context, {
    actor,
    organizationId,
    rule,
    work: async (c) => {
      const named = sourceNamed(context, value.source);
      if (named.isErr()) return err(named.error);
      const source = named.value;
      const linked = await loadLinkedUsers(c.tx, organizationId, source.name);
      if (linked.isErr()) return err(linked.error);
      const plan = planProvisioning(value.records, linked.value, {
        source,
        mode: value.mode,
        read: value.read,
        force: value.force,
        usernames: value.usernames,
        ...(value.scope === undefined ? {} : { scope: value.scope }),
      });
      if (plan.isErr()) return err(plan.error);
      const errors = plan.value.problems.filter((problem) => problem.severity === "error").length;
      const run = newRun(c, { source, mode: value.mode, scope: value.scope ?? null, status: "running", errors });
      const inserted = await c.tx.provisioningRuns.insert(run);
      if (inserted.isErr()) return err(inserted.error);
      const refused = plan.value.problems
        .filter((problem) => problem.severity === "error")
        .map(
          (problem, index): ProvisioningRecordOutcome => ({
            runId: run.id,
            organizationId,
            sequence: plan.value.changes.length + index,
            // A refused record's own id may be what was wrong with it: an empty one is kept as none.
            externalId: problem.externalId === "" ? null : problem.externalId,
            position: problem.position === "" ? null : problem.position,
            action: "error",
            userId: null,
            status: "refused",
            error: { code: problem.code, field: problem.field, message: problem.message },
          }),
        );
      if (refused.length > 0) {
        const appended = await c.tx.provisioningRuns.appendOutcomes(refused);
        if (appended.isErr()) return err(appended.error);
      }
      return ok({ value: { run: inserted.value, plan: plan.value, source }, audit: [] });
    },
  });
}

/** Writes a batch as one unit of work: every change, the last-admin rule over them all, their outcomes and audit events. */
function writeBatch<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  organizationId: OrganizationId,
  rule: GateRule,
  run: ChangeRun,
  batch: readonly PlannedChange[],
): ResultAsync<ProvisioningRecordOutcome[], TenureError> {
  return runCommand(context, {
    actor,
    organizationId,
    rule,
    writesFor: run.source,
    work: async (c) => {
      // Creates never take an admin away: a batch of them needs no last-admin check (nor its
      // serializing write of the organization, so such batches can run side by side).
      const mayTakeAdmins = batch.some((change) => change.action !== "create" && change.action !== "unchanged");
      const before = mayTakeAdmins ? await adminsBefore(context, c) : null;
      const applied: AppliedChange[] = [];
      for (const change of batch) {
        const one = await applyChange(context, c, run, change);
        if (one.isErr()) return err(one.error);
        applied.push(one.value);
      }
      if (before !== null && applied.some((change) => change.outcome.status === "applied")) {
        const kept = await ensureAdminRemains(context, c, before);
        if (kept.isErr()) return err(kept.error);
      }
      const outcomes = applied.map((change): ProvisioningRecordOutcome => ({ ...change.outcome, runId: run.runId, organizationId }));
      const appended = await c.tx.provisioningRuns.appendOutcomes(outcomes);
      if (appended.isErr()) return err(appended.error);
      return ok({
        value: outcomes,
        audit: applied.flatMap((change): AuditEntry[] => (change.audit === null ? [] : [change.audit])),
        invalidate: { users: applied.flatMap((change) => change.stale as UserId[]) },
      });
    },
  });
}

/**
 * A batch that failed, written again one change per unit of work: a change that fails alone is
 * recorded `failed` with its error. Stops early (returning fewer outcomes) only when even recording
 * an outcome fails, e.g. the actor lost the right to run the update.
 */
async function writeOneByOne<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  organizationId: OrganizationId,
  rule: GateRule,
  run: ChangeRun,
  batch: readonly PlannedChange[],
): Promise<ProvisioningRecordOutcome[]> {
  const outcomes: ProvisioningRecordOutcome[] = [];
  for (const change of batch) {
    const written = await writeBatch(context, actor, organizationId, rule, run, [change]);
    if (written.isOk()) {
      outcomes.push(...written.value);
      continue;
    }
    const failure: ProvisioningRecordOutcome = {
      runId: run.runId,
      organizationId,
      sequence: change.sequence,
      externalId: change.externalId,
      position: change.position ?? null,
      action: change.action,
      userId: change.userId,
      status: "failed",
      error: { code: written.error.code, field: "field" in written.error ? ((written.error as { field?: string | null }).field ?? null) : fieldOf(written.error), message: written.error.message },
    };
    const recorded = await runCommand(context, {
      actor,
      organizationId,
      rule,
      work: async (c) => {
        const appended = await c.tx.provisioningRuns.appendOutcomes([failure]);
        return appended.isErr() ? err(appended.error) : ok({ value: failure, audit: [] });
      },
    });
    if (recorded.isErr()) return outcomes;
    outcomes.push(failure);
  }
  return outcomes;
}

function fieldOf(error: TenureError): string | null {
  if (error.code === "validation") return error.issues.find((issue) => issue.severity === "error")?.field ?? null;
  if (error.code === "duplicate") return error.field;
  return null;
}

async function finishRun<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  organizationId: OrganizationId,
  rule: GateRule,
  run: ProvisioningRun,
  plan: ProvisioningPlan,
  counts: RunCounts,
  failed: boolean,
): Promise<Result<AppliedProvisioning, TenureError>> {
  return runCommand(context, {
    actor,
    organizationId,
    rule,
    work: async (c) => {
      const stored = await c.tx.provisioningRuns.get(organizationId, run.id);
      if (stored === null) return err(TenureErrors.notFound("provisioning_run", run.id));
      const finished = await c.tx.provisioningRuns.update({ ...stored, status: failed ? "failed" : "completed", finishedAt: c.now, counts });
      if (finished.isErr()) return err(finished.error);
      return ok({
        value: { run: finished.value, plan },
        audit: {
          action: "provisioning.run_finished",
          target: { entity: "provisioning_run", id: run.id },
          before: null,
          after: { status: finished.value.status, counts: { ...counts } },
          details: { source: run.source, sourceKind: run.sourceKind, mode: run.mode, scope: run.scope, startedAt: run.startedAt.toISOString() },
        },
      });
    },
  });
}
