import assert from "node:assert/strict";
import type { Result } from "neverthrow";

/** A printable form of an error value for assertion messages (dates as ISO strings). */
export function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Asserts that `result` is `Ok` and returns its value; `what` names the call in the failure message. */
export function expectOk<T, E>(result: Result<T, E>, what: string): T {
  if (result.isErr()) assert.fail(`${what}: expected Ok, got Err ${describeValue(result.error)}`);
  return result.value;
}

/**
 * Asserts that `result` is an `Err` whose `code` is `code`, and returns the error narrowed to that code.
 */
export function expectErr<T, E extends { readonly code: string }, C extends E["code"]>(
  result: Result<T, E>,
  code: C,
  what: string,
): Extract<E, { readonly code: C }> {
  if (result.isOk()) assert.fail(`${what}: expected Err "${code}", got Ok ${describeValue(result.value)}`);
  assert.equal(result.error.code, code, `${what}: expected Err "${code}", got ${describeValue(result.error)}`);
  return result.error as Extract<E, { readonly code: C }>;
}
