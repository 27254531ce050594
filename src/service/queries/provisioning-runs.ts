import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { boundedString } from "../../model/bounded-string.js";
import { organizationIdSchema, provisioningRunIdSchema } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import type { ProvisioningRecordOutcome, ProvisioningRun } from "../../model/provisioning-run.js";
import { TenureErrors, type TenureError } from "../../model/tenure-error.js";
import type { Actor } from "../actor.js";
import { runQuery } from "../_internal/run-query.js";
import type { ServiceContext } from "../_internal/service-context.js";

const pageShape = { limit: z.number().int().min(1).max(1000).default(50), after: z.string().max(2048).optional() };

/** A page of an organization's provisioning runs, newest first, optionally of one source. */
export const listProvisioningRunsInputSchema = z.object({ organizationId: organizationIdSchema, source: boundedString(200).optional(), ...pageShape });
/** See {@link listProvisioningRunsInputSchema}. */
export type ListProvisioningRunsInput = z.input<typeof listProvisioningRunsInputSchema>;

/** One run, by id. */
export const getProvisioningRunInputSchema = z.object({ organizationId: organizationIdSchema, runId: provisioningRunIdSchema });
/** See {@link getProvisioningRunInputSchema}. */
export type GetProvisioningRunInput = z.input<typeof getProvisioningRunInputSchema>;

/** A page of one run's per-record outcomes in plan order, optionally only some statuses (e.g. the failures). */
export const listProvisioningOutcomesInputSchema = z.object({
  organizationId: organizationIdSchema,
  runId: provisioningRunIdSchema,
  statuses: z.array(z.enum(["applied", "unchanged", "failed", "refused"])).min(1).max(4).optional(),
  ...pageShape,
});
/** See {@link listProvisioningOutcomesInputSchema}. */
export type ListProvisioningOutcomesInput = z.input<typeof listProvisioningOutcomesInputSchema>;

/** The runs of an organization, newest first: for whoever manages its users. Reads only. */
export function listProvisioningRuns<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ListProvisioningRunsInput,
): ResultAsync<Page<ProvisioningRun>, TenureError> {
  return runQuery(context, {
    actor,
    schema: listProvisioningRunsInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    read: async ({ tx }, { organizationId, ...query }) => tx.provisioningRuns.list(organizationId, query),
  });
}

/** One run of the organization, with its counts; `not_found` for another organization's run. */
export function getProvisioningRun<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: GetProvisioningRunInput,
): ResultAsync<ProvisioningRun, TenureError> {
  return runQuery(context, {
    actor,
    schema: getProvisioningRunInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    read: async ({ tx }, { organizationId, runId }) => {
      const run = await tx.provisioningRuns.get(organizationId, runId);
      return run === null ? err(TenureErrors.notFound("provisioning_run", runId)) : ok(run);
    },
  });
}

/** The per-record outcomes of one run, in plan order. */
export function listProvisioningOutcomes<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ListProvisioningOutcomesInput,
): ResultAsync<Page<ProvisioningRecordOutcome>, TenureError> {
  return runQuery(context, {
    actor,
    schema: listProvisioningOutcomesInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    read: async ({ tx }, { organizationId, runId, ...query }) => {
      const run = await tx.provisioningRuns.get(organizationId, runId);
      if (run === null) return err(TenureErrors.notFound("provisioning_run", runId));
      return tx.provisioningRuns.listOutcomes(organizationId, runId, query);
    },
  });
}
