import type * as z from "zod";
import { zodIssuesToDiagnostics } from "../../../model/parse-input.js";
import { TenureErrors, type CorruptRecordError, type Diagnostic, type EntityName } from "../../../model/tenure-error.js";
import { decodeRecord } from "./record-json.js";

/**
 * Thrown by a repository that read a row breaking the model; the store's `transaction` catches it,
 * rolls back, and returns its `error`. Never escapes the store.
 */
export class CorruptRecordSignal extends Error {
  constructor(readonly error: CorruptRecordError) {
    super(error.message);
    this.name = "CorruptRecordSignal";
  }
}

/** Where a row lives, for the error: its table and primary key columns. */
export type RowKey = Readonly<Record<string, string>>;

/**
 * Turns a stored row into an entity: `record` (the fields not held in key columns) merged with
 * `columns` (the key columns, which are authoritative), checked against `schema`. A row that breaks
 * the schema throws a {@link CorruptRecordSignal} naming it.
 */
export function decodeRow<T>(
  schema: z.ZodType<T>,
  entity: EntityName,
  key: RowKey,
  record: unknown,
  columns: Readonly<Record<string, unknown>>,
): T {
  const parsedRecord = typeof record === "string" ? safeJsonParse(record) : record;
  if (typeof parsedRecord !== "object" || parsedRecord === null || Array.isArray(parsedRecord)) {
    throw corrupt(entity, key, [issue("record", "record_not_object", "The record column must hold a JSON object.")]);
  }
  const decoded = { ...(decodeRecord(parsedRecord) as Record<string, unknown>), ...columns };
  const result = schema.safeParse(decoded);
  if (!result.success) throw corrupt(entity, key, zodIssuesToDiagnostics(result.error.issues));
  return result.data;
}

/** A signal for a row whose columns disagree with each other or with the model. */
export function corrupt(entity: EntityName, key: RowKey, issues: readonly Diagnostic[]): CorruptRecordSignal {
  return new CorruptRecordSignal(TenureErrors.corruptRecord(entity, key, issues));
}

/** One error diagnostic about a stored field. */
export function issue(field: string, code: string, message: string): Diagnostic {
  return { severity: "error", field, code, message };
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
