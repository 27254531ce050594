import { err, ok, ResultAsync } from "neverthrow";
import type { OrganizationId, ProvisioningRunId } from "../../../model/ids.js";
import { PROVISIONING_ACTIONS, type ProvisioningAction } from "../../../model/provisioning-action.js";
import type { ProvisioningRun } from "../../../model/provisioning-run.js";
import type { SourceUnavailableError, TenureError } from "../../../model/tenure-error.js";
import type { ProvisioningSource } from "../../../provisioning/provisioning-source.js";
import type { Actor } from "../../actor.js";
import { auditActorOf } from "../../_internal/acting-party.js";
import { runCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { provisioningRule } from "./_internal/provisioning-rule.js";

/**
 * Puts a run that never started on record: the source could not be read completely, so nothing was
 * planned or written. The run is `failed` with zero counts, and one `provisioning.run_failed` audit
 * event names the reason, so an outage is visible in the history rather than silent.
 */
export function recordFailedRead<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: { readonly organizationId: OrganizationId; readonly source: ProvisioningSource; readonly mode: "new_only" | "all"; readonly failure: SourceUnavailableError },
): ResultAsync<ProvisioningRun, TenureError> {
  const { organizationId, source, mode, failure } = input;
  return runCommand(context, {
    actor,
    organizationId,
    rule: provisioningRule(source),
    work: async (c) => {
      const counts = Object.fromEntries([...PROVISIONING_ACTIONS, "failed", "errors"].map((key) => [key, 0])) as Record<ProvisioningAction | "failed" | "errors", number>;
      const run: ProvisioningRun = {
        id: c.newId("provisioning_run") as ProvisioningRunId,
        organizationId,
        source: source.name,
        sourceKind: source.kind,
        mode,
        scope: null,
        actor: auditActorOf(c.actor),
        status: "failed",
        startedAt: c.now,
        finishedAt: c.now,
        counts,
        version: 0,
      };
      const inserted = await c.tx.provisioningRuns.insert(run);
      if (inserted.isErr()) return err(inserted.error);
      return ok({
        value: inserted.value,
        audit: {
          action: "provisioning.run_failed",
          target: { entity: "provisioning_run", id: run.id },
          before: null,
          after: { status: "failed" },
          details: { source: source.name, sourceKind: source.kind, mode, reason: failure.reason, message: failure.message },
        },
      });
    },
  });
}
