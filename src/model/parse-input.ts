import { err, ok, type Result } from "neverthrow";
import type * as z from "zod";
import { TenureErrors, type Diagnostic, type ValidationError } from "./tenure-error.js";

/**
 * Parses untrusted input with a zod schema and returns the typed value, or a {@link ValidationError}
 * that lists every problem by field. Never throws.
 *
 * @example
 * ```ts
 * const parsed = parseInput(userIdSchema, request.params.id);
 * if (parsed.isErr()) return reply(400, parsed.error);
 * ```
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  options: { readonly fieldPrefix?: string } = {},
): Result<z.output<Schema>, ValidationError> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err(TenureErrors.validation(zodIssuesToDiagnostics(parsed.error.issues, options.fieldPrefix)));
}

/** Maps zod issues to {@link Diagnostic}s, all of severity `error`. */
export function zodIssuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  fieldPrefix?: string,
): Diagnostic[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const field = [fieldPrefix, path].filter((part) => part !== undefined && part !== "").join(".");
    return { severity: "error", field, code: issue.code, message: issue.message };
  });
}
