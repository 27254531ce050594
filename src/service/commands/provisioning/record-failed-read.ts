import { err, ok, ResultAsync } from "neverthrow";
import type { OrganizationId } from "../../../model/ids.js";
import type { ProvisioningRun } from "../../../model/provisioning-run.js";
import type { SourceUnavailableError, TenureError } from "../../../model/tenure-error.js";
import type { ProvisioningSource } from "../../../provisioning/provisioning-source.js";
import type { Actor } from "../../actor.js";
import { runCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { newRun } from "./_internal/new-run.js";
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
      const run = newRun(c, { source, mode, scope: null, status: "failed", errors: 0 });
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
