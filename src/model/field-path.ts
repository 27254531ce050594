import { TenureErrors, type Diagnostic, type TenureError } from "./tenure-error.js";

/**
 * The path of a field inside an input, in the one shape every error uses: dot-separated names with
 * numeric indices (`user.email`, `roles.0.scope.kind`), `prefix` alone for the empty field.
 *
 * @example
 * ```ts
 * fieldPath("changes", "fullName"); // "changes.fullName"
 * fieldPath("userIds", 3); // "userIds.3"
 * ```
 */
export function fieldPath(prefix: string, field: string | number): string {
  return field === "" ? prefix : prefix === "" ? String(field) : `${prefix}.${field}`;
}

/**
 * A validation error whose diagnostics are moved to the place of the input they came from: a core rule
 * names a record's field (`accessExpiresAt`, `fullName`), and the command re-bases it on the path of its
 * input (`change.lastDay`, `changes.fullName`), so the host can put the message next to its form field.
 * Other errors are returned as they are.
 */
export function errorAtInput<E extends TenureError>(error: E, at: (field: string) => string): E | TenureError {
  return error.code === "validation" ? TenureErrors.validation(diagnosticsAtInput(error.issues, at)) : error;
}

/** The diagnostics moved to the input's paths (see {@link errorAtInput}), warnings included. */
export function diagnosticsAtInput(diagnostics: readonly Diagnostic[], at: (field: string) => string): Diagnostic[] {
  return diagnostics.map((diagnostic) => ({ ...diagnostic, field: at(diagnostic.field) }));
}
