import { err, ok, type Result } from "neverthrow";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { TenureErrors, type ValidationError } from "./tenure-error.js";

/** Name of the provisioning-run list's ordering (`startedAt`, then id, both descending) as its cursors carry it. */
export const PROVISIONING_RUN_ORDER = "provisioning_runs:desc";
/** Name of the record-outcome list's ordering (`sequence` ascending) as its cursors carry it. */
export const PROVISIONING_OUTCOME_ORDER = "provisioning_outcomes:asc";

/** Where a page of runs ends: the start and id of its last run. */
export interface ProvisioningRunPosition {
  readonly startedAt: Date;
  readonly id: string;
}

/** Where a page of one run's outcomes ends: the run and the sequence of its last outcome. */
export interface ProvisioningOutcomePosition {
  readonly runId: string;
  readonly sequence: number;
}

const invalid = (): ValidationError =>
  TenureErrors.validation([{ severity: "error", field: "after", code: "cursor_invalid", message: "The cursor is not one this list produced." }]);

/** The cursor after a run; the key is `startedAt.toISOString()`, so every adapter reads every other's cursors. */
export function encodeProvisioningRunCursor(position: ProvisioningRunPosition): string {
  return encodeCursor({ order: PROVISIONING_RUN_ORDER, key: position.startedAt.toISOString(), id: position.id });
}

/** Reads a run-list cursor: besides what `decodeCursor` refuses, a key that is not an instant from `toISOString` is `cursor_invalid` on `after`. */
export function decodeProvisioningRunCursor(cursor: string): Result<ProvisioningRunPosition, ValidationError> {
  const decoded = decodeCursor(cursor, PROVISIONING_RUN_ORDER);
  if (decoded.isErr()) return err(decoded.error);
  const startedAt = new Date(decoded.value.key);
  if (Number.isNaN(startedAt.getTime()) || startedAt.toISOString() !== decoded.value.key) return err(invalid());
  return ok({ startedAt, id: decoded.value.id });
}

/** The cursor after an outcome: the key is the sequence in decimal, the id the run's. */
export function encodeProvisioningOutcomeCursor(position: ProvisioningOutcomePosition): string {
  return encodeCursor({ order: PROVISIONING_OUTCOME_ORDER, key: String(position.sequence), id: position.runId });
}

/**
 * Reads an outcome-list cursor for the run `runId`: besides what `decodeCursor` refuses, a key that is
 * not a sequence in canonical decimal, or a cursor of another run, is `cursor_invalid` on `after`.
 */
export function decodeProvisioningOutcomeCursor(cursor: string, runId: string): Result<ProvisioningOutcomePosition, ValidationError> {
  const decoded = decodeCursor(cursor, PROVISIONING_OUTCOME_ORDER);
  if (decoded.isErr()) return err(decoded.error);
  const { key, id } = decoded.value;
  const sequence = Number(key);
  if (!/^(0|[1-9][0-9]{0,15})$/.test(key) || !Number.isSafeInteger(sequence) || id !== runId) return err(invalid());
  return ok({ runId, sequence });
}
