import * as z from "zod";

/**
 * A string schema whose length limit is checked before anything added after it: the `max` check
 * aborts the parse when it fails, so a pattern (`.regex`), a refinement, a transform, or a refinement
 * of an enclosing object never runs over an overlong value. (A backtracking pattern over a few million
 * characters overflows the stack; any pattern or template check over megabytes costs time.) An
 * overlong value is refused with one issue, `too_big`, naming the field.
 *
 * Every string schema with a pattern or a refinement, or inside an object that has one, starts here
 * (`test/model/bounded-strings.test.ts` checks the exported schemas).
 *
 * @param max - the most characters (UTF-16 code units, as `String.length` counts) accepted
 * @param options - `trim`: drop surrounding white space first, so the limit applies to what is kept
 *
 * @example
 * ```ts
 * const colour = boundedString(7).regex(/^#[0-9a-fA-F]{6}$/);
 * colour.safeParse("#".repeat(9_000_000)); // one issue: too_big, the pattern never ran
 * ```
 */
export function boundedString(max: number, options: { readonly trim?: boolean } = {}): z.ZodString {
  return (options.trim === true ? z.string().trim() : z.string()).max(max, { abort: true });
}
