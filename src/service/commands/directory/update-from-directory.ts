import * as z from "zod";
import { err, errAsync, ok, ResultAsync, type Result } from "neverthrow";
import { organizationIdSchema } from "../../../model/ids.js";
import type { ProvisioningRun } from "../../../model/provisioning-run.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import { directoryRecords } from "../../../provisioning/directory-records.js";
import type { ProvisioningPlan } from "../../../provisioning/plan-provisioning.js";
import type { Actor } from "../../actor.js";
import { parseRequest } from "../../_internal/parse-request.js";
import { runQuery } from "../../_internal/run-query.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { applyProvisioning, type ApplyProvisioningOptions } from "../provisioning/apply-provisioning.js";
import { planProvisioningRun } from "../provisioning/plan-provisioning-run.js";
import { recordFailedRead } from "../provisioning/record-failed-read.js";
import type { ProvisioningRequest } from "../provisioning/provisioning-input.js";

/** What `directory.update` takes: the manual's "Update" button and its choice. */
export const updateFromDirectoryInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** `partial`: only users new to `tenure` are added (Partial Update); `full`: everyone is refreshed, and who left is de-activated (Full Update). */
  mode: z.enum(["partial", "full"]),
  /** Read and plan, write nothing: the preview. */
  dryRun: z.boolean().default(false),
  /** Apply a plan that de-activates more than the source's `maxDeactivationShare` (after checking why). */
  force: z.boolean().default(false),
  /** Records per unit of work (1–1000, default 100). */
  batchSize: z.number().int().min(1).max(1000).default(100),
  /** Batches of new users written at the same time (1–8, default 4). */
  concurrency: z.number().int().min(1).max(8).default(4),
});
/** See {@link updateFromDirectoryInputSchema}. */
export type UpdateFromDirectoryInput = z.input<typeof updateFromDirectoryInputSchema>;

/** An update's result: the plan, and the run on record (`null` for a dry run). */
export interface DirectoryUpdate {
  readonly plan: ProvisioningPlan;
  readonly run: ProvisioningRun | null;
}

/**
 * "Update" from the organization's directory (the zoned workspace's LDAP): checks who may run it
 * (`directoryUpdaters`, the manual's `AdminsCanUpdateFromLDAP`) before the directory is contacted,
 * reads the whole population through the organization's `DirectoryBinding`, maps it, and plans and
 * applies it through `tenure.provisioning` with immutable usernames (a rename in the directory is
 * reported, never a second account). A read that fails (bind, timeout, size limit, a paged search
 * ended early) changes nothing and is put on record as a failed run; the answer is `source_unavailable`.
 */
export function updateFromDirectory<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: UpdateFromDirectoryInput,
  options: ApplyProvisioningOptions = {},
): ResultAsync<DirectoryUpdate, TenureError> {
  const parsed = parseRequest(actor, updateFromDirectoryInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { value } = parsed.value;
  const run = async (): Promise<Result<DirectoryUpdate, TenureError>> => {
    // The gate first: who may not update learns nothing, and the directory is not contacted for them.
    const allowed = await runQuery(context, {
      actor,
      schema: z.object({ organizationId: organizationIdSchema }),
      input: { organizationId: value.organizationId },
      rule: () => ({ needs: "directory_updater" }),
      read: async () => ok(undefined),
    });
    if (allowed.isErr()) return err(allowed.error);
    const binding = context.directoryOf(value.organizationId);
    if (binding === null) {
      return err(TenureErrors.invalidState("organization", value.organizationId, "no_directory", "This organization has no directory to update from (TenureOptions.directories)."));
    }
    const source = context.sources.get(binding.source);
    if (source === undefined || source.kind !== "directory") {
      throw new Error(`The directory of organization ${value.organizationId} names "${binding.source}", which is not a configured source of kind "directory".`);
    }
    const mode = value.mode === "partial" ? "new_only" : "all";
    const read = await binding.reader.read();
    if (read.isErr()) {
      if (!value.dryRun) {
        const recorded = await recordFailedRead(context, actor, { organizationId: value.organizationId, source, mode, failure: read.error });
        if (recorded.isErr()) return err(recorded.error);
      }
      return err(read.error);
    }
    const request = {
      organizationId: value.organizationId,
      source: source.name,
      records: directoryRecords(read.value, binding.mapping) as ProvisioningRequest["records"],
      mode,
      read: "complete",
      scope: read.value.scope,
      force: value.force,
      usernames: "immutable",
    } as const;
    if (value.dryRun) {
      const plan = await planProvisioningRun(context, actor, request);
      return plan.isErr() ? err(plan.error) : ok({ plan: plan.value, run: null });
    }
    const applied = await applyProvisioning(context, actor, { ...request, batchSize: value.batchSize, concurrency: value.concurrency }, options);
    return applied.isErr() ? err(applied.error) : ok({ plan: applied.value.plan, run: applied.value.run });
  };
  return ResultAsync.fromSafePromise(run()).andThen((result) => result);
}
