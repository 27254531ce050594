// parseInput reads the input once into plain data before the schema sees it: a value that cannot be
// read as data (a throwing getter or Proxy trap, a cycle, a nesting or size beyond the limits) or a
// string no store can hold is a validation error naming the field and the rule, never a throw.
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { parseInput, type Diagnostic } from "../../src/index.js";

const throwing = (): never => {
  throw new Error("read me not");
};
const throwingHandler: ProxyHandler<object> = { get: throwing, ownKeys: throwing, getPrototypeOf: throwing, getOwnPropertyDescriptor: throwing, has: throwing };
const anyObject = z.object({ a: z.unknown() });
const actorSchema = z.object({ type: z.literal("system"), name: z.string() });

/** The diagnostics of a parse that must fail, as `field: code`. */
function refusal(schema: z.ZodType, input: unknown, fieldPrefix?: string): string[] {
  const parsed = parseInput(schema, input, fieldPrefix === undefined ? {} : { fieldPrefix });
  expect(parsed.isErr(), "expected a validation error").toBe(true);
  const error = parsed._unsafeUnwrapErr();
  expect(error.code).toBe("validation");
  expect(error.field).toBe(error.issues[0]?.field);
  return error.issues.map((issue: Diagnostic) => `${issue.field}: ${issue.code}`);
}

describe("parseInput reads hostile input as a validation error naming the field", () => {
  it("a getter that throws, at any depth, is `unreadable` at its field (the actor's fields under `actor`)", () => {
    expect(refusal(actorSchema, { type: "system", get name(): never { return throwing(); } }, "actor")).toEqual(["actor.name: unreadable"]);
    expect(refusal(anyObject, { a: { b: [1, { get c(): never { return throwing(); } }] } })).toEqual(["a.b.1.c: unreadable"]);
  });

  it("a getter that throws a value that throws again is refused without reading what it threw", () => {
    const thrower = { get a(): never {
      throw new Proxy({}, throwingHandler);
    } };
    expect(refusal(anyObject, thrower)).toEqual(["a: unreadable"]);
  });

  it("a Proxy whose traps throw, or a revoked Proxy, is `unreadable` where it stands", () => {
    expect(refusal(anyObject, new Proxy({}, throwingHandler))).toEqual([": unreadable"]);
    expect(refusal(actorSchema, new Proxy({}, throwingHandler), "actor")).toEqual(["actor: unreadable"]);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(refusal(anyObject, { a: proxy })).toEqual(["a: unreadable"]);
    expect(refusal(anyObject, { a: new Proxy([1, 2], { get: throwing }) })).toEqual(["a: unreadable"]);
  });

  it("an object that contains itself is `circular`; a shared object is read once and stays shared", () => {
    const loop: Record<string, unknown> = {};
    loop["self"] = loop;
    expect(refusal(anyObject, { a: loop })).toEqual(["a.self: circular"]);
    // 2^60 paths through 61 objects: read in linear time.
    let shared: object = { leaf: true };
    for (let level = 0; level < 60; level += 1) shared = { left: shared, right: shared };
    expect(parseInput(z.object({}).loose(), shared).isOk()).toBe(true);
  });

  it("nesting beyond 64 levels is `too_deep` at the field where it passes the limit; 100,000 levels do not overflow the stack", () => {
    let deep: unknown = "bottom";
    for (let level = 0; level < 100_000; level += 1) deep = { a: deep };
    const [issue] = refusal(anyObject, deep);
    expect(issue).toBe(`${Array.from({ length: 64 }, () => "a").join(".")}: too_deep`);
  });

  it("an array claiming 2³² − 1 elements, or more than 100,000 values in all, is `too_large` at once", () => {
    const started = Date.now();
    expect(refusal(anyObject, { a: new Array(2 ** 32 - 1) })).toEqual(["a: too_large"]);
    expect(refusal(anyObject, { a: Array.from({ length: 200 }, () => Array.from({ length: 1000 }, () => 0)) })).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a string or a key with a NUL character or an unpaired surrogate is `invalid_text`; paired surrogates are text", () => {
    expect(refusal(anyObject, { a: "before\u0000after" })).toEqual(["a: invalid_text"]);
    expect(refusal(anyObject, { a: ["\ud800"] })).toEqual(["a.0: invalid_text"]);
    expect(refusal(anyObject, { a: "\udc00 trailing" })).toEqual(["a: invalid_text"]);
    expect(refusal(z.object({ a: z.record(z.string(), z.number()) }), { a: { "bad\u0000key": 1 } })).toEqual(["a.bad\u0000key: invalid_text"]);
    expect(parseInput(anyObject, { a: "emoji 😀 and ümlauts" })._unsafeUnwrap()).toEqual({ a: "emoji 😀 and ümlauts" });
  });

  it("getters run once: the value checked is the value returned", () => {
    let reads = 0;
    const shifty = { get a(): string {
      reads += 1;
      return reads === 1 ? "checked" : "swapped";
    } };
    expect(parseInput(z.object({ a: z.literal("checked") }), shifty)._unsafeUnwrap()).toEqual({ a: "checked" });
    expect(reads).toBe(1);
  });

  it("reads own enumerable properties (as structuredClone does), dates as dates, and a `__proto__` key as a key", () => {
    class Request {
      constructor(readonly a: number) {}
      get b(): never {
        return throwing(); // on the prototype: not read
      }
    }
    expect(parseInput(z.object({ a: z.number() }), new Request(1))._unsafeUnwrap()).toEqual({ a: 1 });
    const at = new Date("2026-03-02T09:00:00Z");
    const parsed = parseInput(z.object({ a: z.date() }), { a: at })._unsafeUnwrap();
    expect(parsed.a).toEqual(at);
    expect(refusal(z.object({ a: z.date() }), { a: new Proxy(at, {}) })).toEqual(["a: unreadable"]);
    const polluting = parseInput(z.object({ polluted: z.unknown().optional() }).loose(), JSON.parse('{"__proto__": {"polluted": true}}'))._unsafeUnwrap();
    expect(polluting.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("an object whose conversions throw is data like any other: the schema refuses it where it wants a string", () => {
    const convert = { toString: throwing, valueOf: throwing, toJSON: throwing, [Symbol.toPrimitive]: throwing };
    expect(refusal(z.object({ a: z.string() }), { a: convert })).toEqual(["a: invalid_type"]);
    expect(refusal(z.object({ a: z.literal("user") }), { a: convert })).toEqual(["a: invalid_value"]);
  });
});
