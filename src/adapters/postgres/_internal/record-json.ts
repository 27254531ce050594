/**
 * JSON for `record jsonb` columns that keeps `Date`s: a date is written as `{"$date": "<ISO>"}` and
 * read back as a `Date`. A stored object that itself has the single key `$date` (host attributes can
 * hold anything) is wrapped as `{"$object": …}` on the way in, so it never reads back as a date.
 */
export function encodeRecord(value: unknown): string {
  // The wrapper's content is serialized next, and would be wrapped again: remember what was wrapped.
  const wrapped = new WeakSet<object>();
  return JSON.stringify(value, function replace(this: Record<string, unknown>, key: string, current: unknown) {
    const original = this[key];
    if (original instanceof Date) return { $date: original.toISOString() };
    if (isPlainObject(current) && isTagged(current) && !wrapped.has(current)) {
      wrapped.add(current);
      return { $object: current };
    }
    return current;
  });
}

/** Reverses {@link encodeRecord} on a value already parsed from JSON (drivers parse `jsonb` themselves). */
export function decodeRecord(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeRecord);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === "$date" && typeof value.$date === "string") {
    const date = new Date(value.$date);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  if (keys.length === 1 && keys[0] === "$object" && isPlainObject(value.$object)) {
    return decodeObject(value.$object);
  }
  return decodeObject(value);
}

function decodeObject(value: Record<string, unknown>): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) decoded[key] = decodeRecord(entry);
  return decoded;
}

function isTagged(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === "$date" || keys[0] === "$object");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
