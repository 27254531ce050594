/**
 * Values for the robustness tests. Hostile ones: objects whose reading throws (getters, Proxy traps,
 * revoked proxies), objects whose conversions throw, cycles, very deep nesting, a huge sparse array and
 * a huge string; fast-check draws their names, never the values themselves (printing a counterexample
 * would run their traps), and `makeHostile` builds a fresh one inside the run. Then `fc.anything()` with
 * every option, and odd values of the type a field already has (to get past the type checks).
 */
import { fc } from "@fast-check/vitest";

/** What a run draws and `makeHostile` builds. */
export type HostileKind = keyof typeof HOSTILE;

/** A thrown value that throws again when anyone reads it (its `message`, its `stack`, `String(it)`). */
const throwingThrowable = (): unknown => new Proxy({}, THROWING_HANDLER);

/** A Proxy handler whose every trap throws. */
const THROWING_HANDLER: ProxyHandler<object> = Object.fromEntries(
  [
    "apply", "construct", "defineProperty", "deleteProperty", "get", "getOwnPropertyDescriptor", "getPrototypeOf",
    "has", "isExtensible", "ownKeys", "preventExtensions", "set", "setPrototypeOf",
  ].map((trap) => [trap, () => {
    throw new Error(`trap ${trap}`);
  }]),
);

/** Length of the huge string: above the ~8M characters at which a backtracking pattern overflowed the stack. */
export const HUGE_STRING_LENGTH = 9_000_000;
const HUGE_STRING = "x".repeat(HUGE_STRING_LENGTH);

/** Levels of the deeply nested value. */
export const DEEP_LEVELS = 100_000;
const DEEP = ((): unknown => {
  let value: unknown = { end: true };
  for (let level = 0; level < DEEP_LEVELS; level += 1) value = level % 2 === 0 ? { a: value } : [value];
  return value;
})();

/**
 * Each hostile kind: how to make one, and whether an input holding it anywhere must be refused (a
 * value that cannot be read as plain data, or a string no store can hold) or may be accepted where the
 * field takes it (a long string, an object whose conversions throw but whose properties read fine).
 */
export const HOSTILE = {
  /** An object whose own enumerable property is a getter that throws. */
  throwing_getter: { refused: true, make: () => ({ get value(): never { throw new Error("getter"); } }) },
  /** A getter that throws a value that throws again when it is read. */
  getter_throwing_a_proxy: { refused: true, make: () => ({ get value(): never { throw throwingThrowable(); } }) },
  /** A Proxy whose every trap throws. */
  throwing_proxy: { refused: true, make: () => new Proxy({}, THROWING_HANDLER) },
  /** A Proxy of an array whose `get` throws (its keys and length descriptor read fine). */
  throwing_array_proxy: {
    refused: true,
    make: () => new Proxy(["a", "b"], { get: () => {
      throw new Error("get");
    } }),
  },
  /** A revoked Proxy: even `Array.isArray` throws on it. */
  revoked_proxy: {
    refused: true,
    make: () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
  },
  /** An object that contains itself. */
  circular: {
    refused: true,
    make: () => {
      const loop: Record<string, unknown> = { name: "loop" };
      loop["self"] = loop;
      return loop;
    },
  },
  /** Objects and arrays nested {@link DEEP_LEVELS} deep. */
  deep: { refused: true, make: () => DEEP },
  /** An array of 2³² − 1 holes. */
  huge_sparse_array: { refused: true, make: () => new Array(2 ** 32 - 1) },
  /** An object whose `toString`, `valueOf`, `Symbol.toPrimitive` and `toJSON` throw. */
  throwing_conversions: {
    refused: false,
    make: () => ({
      toString: (): never => {
        throw new Error("toString");
      },
      valueOf: (): never => {
        throw new Error("valueOf");
      },
      toJSON: (): never => {
        throw new Error("toJSON");
      },
      [Symbol.toPrimitive]: (): never => {
        throw new Error("toPrimitive");
      },
    }),
  },
  /** A string with a NUL character, which PostgreSQL can store neither in `text` nor in `jsonb`. */
  nul_string: { refused: true, make: () => "before\u0000after" },
  /** A string with a lone surrogate: not well-formed Unicode, so not encodable as UTF-8. */
  lone_surrogate: { refused: true, make: () => "before\ud800after" },
  /** A string of {@link HUGE_STRING_LENGTH} characters. */
  huge_string: { refused: false, make: () => HUGE_STRING },
} as const satisfies Record<string, { readonly refused: boolean; readonly make: () => unknown }>;

/** Every hostile kind. */
export const HOSTILE_KINDS = (Object.keys(HOSTILE) as HostileKind[]).filter((k) => k !== "huge_sparse_array");

/** A fresh hostile value of a kind. */
export const makeHostile = (kind: HostileKind): unknown => HOSTILE[kind].make();

/** Defines `key` of `target` as an enumerable getter that throws: the field itself cannot be read. */
export function defineThrowingField(target: object, key: PropertyKey): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      throw new Error(`getter ${String(key)}`);
    },
  });
}

/**
 * `fc.anything()` with every kind of value it can make: boxed values, object strings, null
 * prototypes, maps, sets, big integers, dates (invalid ones too), typed arrays, sparse arrays.
 */
export const anythingAtAll: fc.Arbitrary<unknown> = fc.anything({
  withBoxedValues: true,
  withObjectString: true,
  withNullPrototype: true,
  withMap: true,
  withSet: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
  maxDepth: 3,
});

/** Odd values of each type, drawn together; {@link oddValueLike} takes the one of the type of the value it replaces. */
export interface OddValues {
  readonly string: string;
  readonly number: number;
  readonly date: Date;
}

/** Strings with edges (empty, white space, control and lone surrogate characters, key-like names), any double, any date (invalid too). */
export const oddValuesArbitrary: fc.Arbitrary<OddValues> = fc.record(
  {
    string: fc.oneof(
      fc.constantFrom("", " ", "\u0000", "\ud800", "__proto__", "constructor", "toString", "platform", "a\nb", "#FFFFFF", "2026-02-30", "0000-00-00"),
      fc.string({ unit: "binary", maxLength: 300 }),
    ),
    number: fc.oneof(
      fc.constantFrom(0, -0, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, 2 ** 31, 2 ** 53 + 2),
      fc.double(),
      fc.integer(),
    ),
    date: fc.oneof(fc.date({ noInvalidDate: false }), fc.constantFrom(new Date(8.64e15), new Date(-8.64e15), new Date(0))),
  },
  { noNullPrototype: true },
);

/** An odd value of the type of `original` (a string for a string, an empty array for an array, `null` for an object, …). */
export function oddValueLike(original: unknown, odd: OddValues): unknown {
  if (typeof original === "string") return odd.string;
  if (typeof original === "number") return odd.number;
  if (typeof original === "boolean") return !original;
  if (original instanceof Date) return odd.date;
  if (Array.isArray(original)) return [];
  return original === undefined ? odd.string : null;
}
