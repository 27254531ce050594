import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRecord, encodeRecord } from "../../../src/adapters/postgres/_internal/record-json.js";

/** Values a record may hold: JSON, dates anywhere, and objects that look like the encoding's own tags. */
const storedValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 2 }),
    fc.date({ noInvalidDate: true }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie("value"), { maxKeys: 4 }),
    fc.record({ $date: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((date) => date.toISOString())) }),
    fc.record({ $object: tie("value") }),
  ),
})).value;

describe("record JSON", () => {
  test.prop([storedValue])("decoding what was encoded (and parsed by the database driver) gives the value back", (value) => {
    // -0 is not JSON; the database would store 0.
    const comparable = JSON.parse(JSON.stringify(value, (_key, current) => (Object.is(current, -0) ? 0 : current)));
    expect(decodeRecord(JSON.parse(encodeRecord(value)))).toEqual(value instanceof Date ? value : reviveDates(value, comparable));
  });

  it("writes dates as tagged ISO strings, readable in SQL", () => {
    expect(encodeRecord({ at: new Date("2026-03-02T09:00:00Z") })).toBe('{"at":{"$date":"2026-03-02T09:00:00.000Z"}}');
    expect(encodeRecord({ note: { $date: "not a date" } })).toBe('{"note":{"$object":{"$date":"not a date"}}}');
  });
});

/** The expected decoding: the original value, with -0 written as 0 as JSON does. */
function reviveDates(original: unknown, viaJson: unknown): unknown {
  if (original instanceof Date) return original;
  if (Array.isArray(original)) return original.map((item, index) => reviveDates(item, (viaJson as unknown[])[index]));
  if (typeof original === "object" && original !== null) {
    return Object.fromEntries(Object.entries(original).map(([key, item]) => [key, reviveDates(item, (viaJson as Record<string, unknown>)[key])]));
  }
  return viaJson;
}
