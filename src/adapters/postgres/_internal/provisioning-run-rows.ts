import {
  provisioningRecordOutcomeSchema,
  provisioningRunSchema,
  type ProvisioningRecordOutcome,
  type ProvisioningRun,
} from "../../../model/provisioning-run.js";
import type { ProvisioningOutcomesTable, ProvisioningRunsTable } from "../tables.js";
import { corrupt, decodeRow, issue } from "./corrupt-record.js";
import { encodeRecord } from "./record-json.js";

/** The columns a run is read from. */
export const RUN_COLUMNS = ["organization_id", "id", "version", "source", "record"] as const;
/** The columns an outcome is read from. */
export const OUTCOME_COLUMNS = ["organization_id", "run_id", "sequence", "status", "record"] as const;

/** A `provisioning_runs` row as read. */
export type RunRow = Pick<ProvisioningRunsTable, "organization_id" | "id" | "version" | "source"> & { readonly record: unknown };
/** A `provisioning_outcomes` row as read. */
export type OutcomeRow = Pick<ProvisioningOutcomesTable, "organization_id" | "run_id" | "sequence" | "status"> & { readonly record: unknown };

/**
 * Turns a `provisioning_runs` row into a run: `organization_id`, `id` and `version` are authoritative
 * columns; `source` is an index column derived from the record, and a row where it disagrees (edited
 * by hand) is corrupt, since the list filters on it.
 */
export function decodeRunRow(row: RunRow): ProvisioningRun {
  const key = { table: "provisioning_runs", organizationId: row.organization_id, id: row.id };
  const run = decodeRow(provisioningRunSchema, "provisioning_run", key, row.record, {
    organizationId: row.organization_id,
    id: row.id,
    version: row.version,
  });
  if (run.source !== row.source) {
    throw corrupt("provisioning_run", key, [issue("source", "column_mismatch", "The source column disagrees with the record's source.")]);
  }
  return run;
}

/** Turns a `provisioning_outcomes` row into an outcome, as {@link decodeRunRow} does; `status` is its index column. */
export function decodeOutcomeRow(row: OutcomeRow): ProvisioningRecordOutcome {
  const key = { table: "provisioning_outcomes", organizationId: row.organization_id, runId: row.run_id, sequence: String(row.sequence) };
  const outcome = decodeRow(provisioningRecordOutcomeSchema, "provisioning_outcome", key, row.record, {
    organizationId: row.organization_id,
    runId: row.run_id,
    sequence: row.sequence,
  });
  if (outcome.status !== row.status) {
    throw corrupt("provisioning_outcome", key, [issue("status", "column_mismatch", "The status column disagrees with the record's status.")]);
  }
  return outcome;
}

/** The columns of a run: key and list columns, and in `record` everything else. */
export function runColumns(run: ProvisioningRun): Omit<ProvisioningRunsTable, "started_at" | "record"> & { started_at: Date; record: string } {
  const { organizationId, id, version, ...rest } = run;
  return { organization_id: organizationId, id, version, source: run.source, started_at: new Date(run.startedAt.getTime()), record: encodeRecord(rest) };
}

/** The columns of an outcome: its key and status, and in `record` everything else. */
export function outcomeColumns(outcome: ProvisioningRecordOutcome): Omit<ProvisioningOutcomesTable, "record"> & { record: string } {
  const { organizationId, runId, sequence, ...rest } = outcome;
  return { organization_id: organizationId, run_id: runId, sequence, status: outcome.status, record: encodeRecord(rest) };
}
