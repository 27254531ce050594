import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type Diagnostic, type ValidationError } from "../model/tenure-error.js";
import { sameValue } from "./_internal/same-value.js";
import { PROVISIONED_USER_FIELDS, type ProvisioningSource } from "./provisioning-source.js";
import type { SourceLinkedUser, SourceRecord } from "./source-record.js";

/** One field a plan changes on an existing user: its path (`email`, `attributes.costCentre`) and the values before and after. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Whether the source owns a field path (`email`, `roles`, `attributes.costCentre`): read-only by hand, overwritten by a sync. */
export function ownsField(source: ProvisioningSource, field: string): boolean {
  return (source.ownedFields as readonly string[]).includes(field);
}

/**
 * The manual-edit rule: a field the source owns is changed in the source, not by hand, so a manual
 * edit and the next sync never fight. Each owned field among `changedFields` is an issue `source_owned`
 * naming the field and the source; fields the source does not own allow manual entry.
 *
 * @example
 * ```ts
 * checkManualEdit(ldap, ["email", "phone"]); // Err: validation, field "email", code "source_owned" (if ldap owns email)
 * ```
 */
export function checkManualEdit(source: ProvisioningSource, changedFields: readonly string[]): Result<void, ValidationError> {
  const issues: Diagnostic[] = [...new Set(changedFields)]
    .filter((field) => ownsField(source, field))
    .map((field) => ({
      severity: "error",
      field,
      code: "source_owned",
      message: `is provided by the ${source.kind} source "${source.name}"; change it there`,
    }));
  return issues.length === 0 ? ok(undefined) : err(TenureErrors.validation(issues));
}

/**
 * The field changes a sync makes on a linked user: every field the source owns and the record
 * provides (a value other than `undefined`) whose value differs, in {@link PROVISIONED_USER_FIELDS}
 * order, then the owned attributes in the source's order. Fields the source does not own are never
 * among them. Roles and groups are compared separately.
 */
export function ownedChanges(source: ProvisioningSource, record: SourceRecord, user: SourceLinkedUser): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of PROVISIONED_USER_FIELDS) {
    if (!ownsField(source, field)) continue;
    const after = record.fields[field];
    if (after === undefined) continue;
    const before = user.fields[field];
    if (!sameValue(before, after)) changes.push({ field, before, after });
  }
  for (const field of source.ownedFields) {
    if (!field.startsWith("attributes.")) continue;
    const name = field.slice("attributes.".length);
    if (record.attributes === undefined || !Object.hasOwn(record.attributes, name)) continue;
    const after = record.attributes[name];
    if (after === undefined) continue;
    const before = Object.hasOwn(user.attributes, name) ? user.attributes[name] : undefined;
    if (!sameValue(before, after)) changes.push({ field, before, after });
  }
  return changes;
}
