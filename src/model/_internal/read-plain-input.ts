import type { Diagnostic } from "../tenure-error.js";

/** Bounds of {@link readPlainInput}. */
export interface PlainInputLimits {
  /** Deepest nesting of objects and arrays read. */
  readonly maxDepth: number;
  /** Most values read in all (each object, array, element and property value counts once). */
  readonly maxValues: number;
}

/** The bounds every parsed input is read within: far above any real input, far below a stack or memory exhaustion. */
export const PLAIN_INPUT_LIMITS: PlainInputLimits = Object.freeze({ maxDepth: 64, maxValues: 100_000 });

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Whether a string is well-formed Unicode: `isWellFormed` where the runtime has it (O(1) for one-byte strings), else a scan. */
const isWellFormed: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === "function"
    ? (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (text) => !LONE_SURROGATE.test(text);
/** Whether a string is text every store can hold as it is: no NUL character (PostgreSQL `text` and `jsonb` refuse it), well-formed Unicode (UTF-8 cannot encode a lone surrogate). */
const isStorableText = (text: string): boolean => !text.includes("\0") && isWellFormed(text);

type Read = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: readonly Diagnostic[] };

const INVALID_TEXT = "must not contain the NUL control character nor an unpaired UTF-16 surrogate";
const issue = (field: string, code: string, message: string): Diagnostic => ({ severity: "error", field, code, message });
const fieldOf = (path: readonly string[], prefix: string | undefined): string =>
  [prefix, ...path].filter((part) => part !== undefined && part !== "").join(".");

/**
 * Reads an untrusted value once into plain data, the form a schema parses: primitives as they are
 * (functions too: a schema refuses them where it expects data), a `Date` as a new `Date` of its time,
 * an array as a new array of its elements, and any other object as a new plain object of its own
 * enumerable string-keyed properties (as `structuredClone` and `JSON.stringify` read it). Every read
 * that can run the caller's code (a getter, a Proxy trap) runs exactly once, here, inside a `try`: the
 * schema then never meets the original, so a value that changes between two reads cannot slip past it.
 *
 * Refused, each as a diagnostic naming the field (dotted, after `fieldPrefix`):
 * - `unreadable`: a getter or a Proxy trap threw (the thrown value itself is never read);
 * - `invalid_text`: a string (or a key) with a NUL character or an unpaired UTF-16 surrogate, which
 *   PostgreSQL (`text`, `jsonb`) and UTF-8 cannot hold as it is;
 * - `circular`: an object contains itself;
 * - `too_deep`: nesting beyond `limits.maxDepth`;
 * - `too_large`: more than `limits.maxValues` values, or an array or object that claims to be larger.
 *
 * Shared references stay shared (an object reached twice is read once), so a value built as a
 * heavily-shared graph costs its size, not the number of its paths. Never throws.
 */
export function readPlainInput(input: unknown, fieldPrefix?: string, limits: PlainInputLimits = PLAIN_INPUT_LIMITS): Read {
  const issues: Diagnostic[] = [];
  const done = new Map<object, unknown>();
  const reading = new Set<object>();
  let budget = limits.maxValues;

  const refuse = (path: readonly string[], code: string, message: string): undefined => {
    issues.push(issue(fieldOf(path, fieldPrefix), code, message));
    return undefined;
  };

  /** Counts `count` more values; past the budget, refuses once (at the field that overran it) and reads nothing more. */
  const spend = (count: number, path: readonly string[]): boolean => {
    if (budget < 0) return false;
    budget -= count;
    if (budget >= 0) return true;
    refuse(path, "too_large", `is too large: more than ${limits.maxValues} values in the input`);
    return false;
  };

  const read = (value: unknown, path: readonly string[]): unknown => {
    if (typeof value === "string") return isStorableText(value) ? value : refuse(path, "invalid_text", INVALID_TEXT);
    if (typeof value !== "object" || value === null) return value;
    if (budget < 0) return undefined;
    if (reading.has(value)) return refuse(path, "circular", "contains itself");
    if (done.has(value)) return done.get(value);
    if (path.length >= limits.maxDepth) return refuse(path, "too_deep", `is nested more than ${limits.maxDepth} levels deep`);
    reading.add(value);
    try {
      const copy = readObject(value, path);
      done.set(value, copy);
      return copy;
    } catch {
      return refuse(path, "unreadable", "could not be read: a getter or a proxy of the input threw");
    } finally {
      reading.delete(value);
    }
  };

  /** May throw (a trap, a getter): the caller names the field. Properties are read one by one, each under its own name. */
  const readObject = (value: object, path: readonly string[]): unknown => {
    if (value instanceof Date) return new Date(Date.prototype.getTime.call(value));
    if (Array.isArray(value)) {
      const length: unknown = value.length;
      if (typeof length !== "number" || !spend(length, path)) return undefined;
      const copy: unknown[] = [];
      for (let index = 0; index < length; index += 1) copy.push(readProperty(value, String(index), path));
      return copy;
    }
    // Objects whose size is known before their keys are listed (listing them may be what costs).
    if (ArrayBuffer.isView(value) && !spend(value.byteLength, path)) return undefined;
    if (value instanceof String && !spend(String.prototype.valueOf.call(value).length, path)) return undefined;
    const keys = Object.keys(value);
    if (!spend(keys.length, path)) return undefined;
    const copy: Record<string, unknown> = {};
    for (const key of keys) {
      if (!isStorableText(key)) {
        refuse([...path, key], "invalid_text", "is a key with a NUL character or an unpaired surrogate");
        continue;
      }
      // defineProperty: a key named `__proto__` stays a key and never becomes the copy's prototype.
      Object.defineProperty(copy, key, { value: readProperty(value, key, path), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  };

  const readProperty = (holder: object, key: string, path: readonly string[]): unknown => {
    const at = [...path, key];
    let value: unknown;
    try {
      value = (holder as Record<string, unknown>)[key];
    } catch {
      return refuse(at, "unreadable", "could not be read: a getter or a proxy of the input threw");
    }
    return read(value, at);
  };

  const value = read(input, []);
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}
