import type { JsonObject, JsonValue } from "./run-command.js";

/** A value as the audit log stores it: Dates as ISO strings, `undefined` dropped, everything else as JSON. */
export function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined);
    return Object.fromEntries(entries.map(([key, field]) => [key, toJson(field)]));
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

/** The fields of `before` and `after` that differ, each side as JSON: the audit log's before/after of an edit. */
export function changedFields(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): { readonly before: JsonObject; readonly after: JsonObject } {
  const changed = fields.filter((field) => JSON.stringify(toJson(before[field])) !== JSON.stringify(toJson(after[field])));
  return {
    before: Object.fromEntries(changed.map((field) => [field, toJson(before[field])])),
    after: Object.fromEntries(changed.map((field) => [field, toJson(after[field])])),
  };
}

/** Picks fields of a record as JSON, for the `after` of a creation or the `before` of a removal. */
export function pickJson(record: Readonly<Record<string, unknown>>, fields: readonly string[]): JsonObject {
  return Object.fromEntries(fields.filter((field) => field in record).map((field) => [field, toJson(record[field])]));
}
