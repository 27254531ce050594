import { err, ok, type ResultAsync } from "neverthrow";
import type { TenureError } from "../../../model/tenure-error.js";
import { planProvisioning, type ProvisioningPlan } from "../../../provisioning/plan-provisioning.js";
import type { Actor } from "../../actor.js";
import { runQuery } from "../../_internal/run-query.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { loadLinkedUsers } from "./_internal/linked-users.js";
import { provisioningRule, sourceNamed } from "./_internal/provisioning-rule.js";
import { provisioningRequestSchema, type ProvisioningRequest } from "./provisioning-input.js";

/**
 * Plans a provisioning run without writing anything (the preview before "Update"): the same plan
 * `provisioning.apply` would write now, from the records given and the organization's users linked
 * to the source, under the same rule of who may run it. A plan the safety guard refuses is the
 * `mass_deactivation` error, as it would be on apply.
 */
export function planProvisioningRun<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ProvisioningRequest,
): ResultAsync<ProvisioningPlan, TenureError> {
  return runQuery(context, {
    actor,
    schema: provisioningRequestSchema,
    input,
    rule: (value) => provisioningRule(context.sources.get(value.source)),
    read: async ({ tx }, value) => {
      const resolved = sourceNamed(context, value.source);
      if (resolved.isErr()) return err(resolved.error);
      const linked = await loadLinkedUsers(tx, value.organizationId, resolved.value.name);
      if (linked.isErr()) return err(linked.error);
      const plan = planProvisioning(value.records, linked.value, {
        source: resolved.value,
        mode: value.mode,
        read: value.read,
        force: value.force,
        usernames: value.usernames,
        ...(value.scope === undefined ? {} : { scope: value.scope }),
      });
      return plan.isErr() ? err(plan.error) : ok(plan.value);
    },
  });
}
