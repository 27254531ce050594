import type { ProvisioningRunId } from "../../../../model/ids.js";
import { PROVISIONING_ACTIONS, type ProvisioningAction } from "../../../../model/provisioning-action.js";
import type { ProvisioningRun } from "../../../../model/provisioning-run.js";
import type { ProvisioningSource } from "../../../../provisioning/provisioning-source.js";
import { auditActorOf } from "../../../_internal/acting-party.js";
import type { CommandScope } from "../../../_internal/run-command.js";

/** A run's counts: records per planned action, plus `failed` (writes refused) and `errors` (records the plan refused). */
export type RunCounts = Record<ProvisioningAction | "failed" | "errors", number>;

/** Every count at zero. */
export function emptyCounts(): RunCounts {
  return { ...(Object.fromEntries(PROVISIONING_ACTIONS.map((action) => [action, 0])) as Record<ProvisioningAction, number>), failed: 0, errors: 0 };
}

/** A run of `source` begun now by the command's actor: `running` (to be finished), or `failed` at once (the source could not be read). */
export function newRun(
  c: Pick<CommandScope<string, object, object, unknown>, "newId" | "organization" | "actor" | "now">,
  run: { readonly source: ProvisioningSource; readonly mode: "new_only" | "all"; readonly scope: string | null; readonly status: "running" | "failed"; readonly errors: number },
): ProvisioningRun {
  return {
    id: c.newId("provisioning_run") as ProvisioningRunId,
    organizationId: c.organization.id,
    source: run.source.name,
    sourceKind: run.source.kind,
    mode: run.mode,
    scope: run.scope,
    actor: auditActorOf(c.actor),
    status: run.status,
    startedAt: c.now,
    finishedAt: run.status === "failed" ? c.now : null,
    counts: { ...emptyCounts(), errors: run.errors },
    version: 0,
  };
}
