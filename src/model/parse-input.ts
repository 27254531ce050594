import { err, ok, type Result } from "neverthrow";
import type * as z from "zod";
import { readPlainInput } from "./_internal/read-plain-input.js";
import { TenureErrors, type Diagnostic, type ValidationError } from "./tenure-error.js";

/**
 * Parses untrusted input with a zod schema and returns the typed value, or a {@link ValidationError}
 * that lists every problem by field. Never throws, whatever the input.
 *
 * The input is first read once into plain data (own enumerable properties, array elements, dates),
 * each read inside a `try`, and the schema parses that copy. So a value that cannot be read as data is
 * a validation error naming its field rather than a throw: `unreadable` (a getter or a Proxy trap
 * threw), `circular` (an object contains itself), `too_deep` (nested more than 64 levels) or
 * `too_large` (more than 100,000 values in all, or an array claiming more). Getters run once, so the
 * value the schema checked is the value the caller gets. And every string (and key) must be text any
 * store can hold: one with a NUL character or an unpaired UTF-16 surrogate is `invalid_text`.
 *
 * @example
 * ```ts
 * const parsed = parseInput(userIdSchema, request.params.id);
 * if (parsed.isErr()) return reply(400, parsed.error);
 *
 * parseInput(actorSchema, { get type() { throw new Error("no") } }, { fieldPrefix: "actor" });
 * // Err: validation, field "actor.type", rule (diagnostic code) "unreadable"
 * ```
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  options: { readonly fieldPrefix?: string } = {},
): Result<z.output<Schema>, ValidationError> {
  const read = readPlainInput(input, options.fieldPrefix);
  if (!read.ok) return err(TenureErrors.validation(read.issues));
  const parsed = schema.safeParse(read.value);
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
