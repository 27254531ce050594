/**
 * A deep copy of plain data: objects (keeping a null prototype), arrays and Dates are copied, primitives
 * returned as they are; anything else (a Map, a typed array in host attributes) goes through
 * `structuredClone`. Several times faster than `structuredClone` for records, which matters when a page or
 * a sweep copies thousands of them.
 */
export function cloneRecord<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(copy);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  // A spread copies the shape in one step; then only the nested objects need copying.
  const result: Record<string, unknown> = prototype === null ? Object.assign(Object.create(null), value) : { ...value };
  for (const key of Object.keys(result)) {
    const field = result[key];
    if (typeof field === "object" && field !== null) result[key] = copy(field);
  }
  return result;
}
