import type { ResultAsync } from "neverthrow";
import type { Page } from "../../../model/page.js";
import type { ProvisioningRecordOutcome, ProvisioningRun } from "../../../model/provisioning-run.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { ProvisioningPlan } from "../../../provisioning/plan-provisioning.js";
import type { Actor } from "../../actor.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import {
  getProvisioningRun,
  listProvisioningOutcomes,
  listProvisioningRuns,
  type GetProvisioningRunInput,
  type ListProvisioningOutcomesInput,
  type ListProvisioningRunsInput,
} from "../../queries/provisioning-runs.js";
import { applyProvisioning, type AppliedProvisioning, type ApplyProvisioningOptions } from "./apply-provisioning.js";
import { planProvisioningRun } from "./plan-provisioning-run.js";
import type { ApplyProvisioningInput, ProvisioningRequest } from "./provisioning-input.js";

/** Provisioning from a configured source (a directory, a spreadsheet, an identity provider): plan, apply, and the runs on record. */
export interface ProvisioningCommands {
  /** The plan applying these records would write now, without writing anything (the preview). */
  plan(actor: Actor, input: ProvisioningRequest): ResultAsync<ProvisioningPlan, TenureError>;
  /**
   * Plans and applies in batches, recording a provisioning run with its per-record outcomes; one audit
   * event per changed user and one for the run. Applying the same records again changes nothing.
   */
  apply(actor: Actor, input: ApplyProvisioningInput, options?: ApplyProvisioningOptions): ResultAsync<AppliedProvisioning, TenureError>;
  /** The organization's runs, newest first. */
  runs(actor: Actor, input: ListProvisioningRunsInput): ResultAsync<Page<ProvisioningRun>, TenureError>;
  /** One run with its counts. */
  run(actor: Actor, input: GetProvisioningRunInput): ResultAsync<ProvisioningRun, TenureError>;
  /** One run's per-record outcomes, in plan order (filter by status to list the failures). */
  outcomes(actor: Actor, input: ListProvisioningOutcomesInput): ResultAsync<Page<ProvisioningRecordOutcome>, TenureError>;
}

/** The provisioning commands, bound to the service's context. */
export function provisioningCommands<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
): ProvisioningCommands {
  return {
    plan: (actor, input) => planProvisioningRun(context, actor, input),
    apply: (actor, input, options) => applyProvisioning(context, actor, input, options),
    runs: (actor, input) => listProvisioningRuns(context, actor, input),
    run: (actor, input) => getProvisioningRun(context, actor, input),
    outcomes: (actor, input) => listProvisioningOutcomes(context, actor, input),
  };
}
