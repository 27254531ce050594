/**
 * Robustness of the service boundary (issue 10, item 9): every command and query, enumerated from the
 * service object, called with anything in any argument (the actor included), or with a valid call one
 * of whose values, at any depth, is replaced by anything, by a value that throws when it is read
 * (getters, Proxy traps, revoked proxies), by an object whose conversions throw, by a cycle, by a very
 * deep value, by a huge sparse array, by a string no store can hold (a NUL, an unpaired surrogate), by a
 * 9,000,000-character string, or by an odd value of its own type (NaN, -0, an invalid date, "__proto__"…):
 *
 * - never throws, never rejects;
 * - answers what it always answers (a neverthrow `Result`; `access.can` a boolean; the sweep a report),
 *   every error a plain `TenureError` of a stable code, shaped as its code says;
 * - accepts only what may be valid; refuses a value that cannot be read as plain data with a validation
 *   error naming its field; refuses a huge string, if at all, by its length and never by a pattern;
 * - and writes nothing when it refuses.
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_STORE } from "./_test-store.js";
import { createChecker } from "./authorization/_check.js";
import { drawsArbitrary, NOT_COMMANDS, servicePaths, type Draws } from "./authorization/_commands.js";
import { STANDINGS, type Standing } from "./authorization/_world.js";
import { answerKindOf, argumentNames, fieldOf, publicCallsMatch, slotsOf, TAKES_HOST_OBJECTS, unclassified, validCall, valueAt, withSlot, type Slot } from "./fuzz/_calls.js";
import {
  anythingAtAll,
  defineThrowingField,
  HOSTILE,
  HOSTILE_KINDS,
  makeHostile,
  oddValueLike,
  oddValuesArbitrary,
  type HostileKind,
  type OddValues,
} from "./fuzz/_values.js";
import { runAndJudge, type Expectation } from "./fuzz/_judge.js";

/** Runs of each property; fewer on PostgreSQL, where a world is rebuilt after each call that wrote. `TENURE_FUZZ_RUNS` overrides both. */
const NUM_RUNS = Number(process.env["TENURE_FUZZ_RUNS"] ?? (TEST_STORE === "memory" ? 300 : 25));
const checker = createChecker();
afterAll(() => checker.close());

const SYSTEM: Standing = STANDINGS.find((standing) => standing.kind === "system")!;
/** Fixed draws for the sweeps: ids of P, the first variant of each input. */
const SWEEP_DRAWS: Draws = {
  org: "P",
  user: { kind: "in_organization", index: 4 },
  user2: { kind: "in_organization", index: 0 },
  users: [{ kind: "in_organization", index: 7 }],
  group: { inOrganization: true, index: 1 },
  assignment: { inOrganization: true, index: 9 },
  role: "member",
  flag: true,
  variant: 1,
  list: { sort: { field: "fullName", direction: "asc" }, limit: 5, foreignCursor: false },
};

/**
 * The hostile kinds swept over a place of a valid call. The refused ones are refused before anything
 * is read from the store: swept everywhere, added keys included. The others may be accepted and
 * written, and each write costs a world rebuild: swept on the in-memory store only, where they can
 * matter (a huge string where a string stands; throwing conversions in place of any value), and drawn
 * by the property everywhere.
 */
function sweptAt(kind: HostileKind, slot: Slot, value: unknown): boolean {
  if (HOSTILE[kind].refused) return true;
  if (TEST_STORE !== "memory" || slot.added) return false;
  return kind !== "huge_string" || typeof value === "string";
}

const PATHS: readonly string[] = servicePaths((await checker.cleanWorld()).tenure, [...NOT_COMMANDS, ...TAKES_HOST_OBJECTS]);

/** Functions whose argument (by name) accepts anything of some kind, so that anything there may be valid. */
const ACCEPTING_ANY: Readonly<Record<string, readonly string[]>> = {
  "access.can": ["permission"],
  "access.explain": ["permission"],
  "jobs.expireDue": [""],
};

/** What may replace a value: anything, an odd value of its type, a hostile value, or a field whose getter throws. */
type Replacement =
  | { readonly kind: "anything"; readonly value: unknown }
  | { readonly kind: "odd"; readonly odd: OddValues }
  | { readonly kind: "hostile"; readonly hostile: HostileKind }
  | { readonly kind: "throwing_field" };

const replacementArbitrary: fc.Arbitrary<Replacement> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("anything" as const), value: anythingAtAll }, { noNullPrototype: true }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("odd" as const), odd: oddValuesArbitrary }, { noNullPrototype: true }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("hostile" as const), hostile: fc.constantFrom(...HOSTILE_KINDS) }, { noNullPrototype: true }), weight: 2 },
  { arbitrary: fc.constant({ kind: "throwing_field" as const }), weight: 1 },
);

const standingArbitrary: fc.Arbitrary<Standing> = fc.oneof({ arbitrary: fc.constant(SYSTEM), weight: 2 }, { arbitrary: fc.constantFrom(...STANDINGS), weight: 3 });

/** The arguments of a valid call with `replacement` at `slot`, and what the call may answer. */
function replaced(path: string, args: readonly unknown[], slot: Slot, replacement: Replacement): { args: unknown[]; expectation: Expectation } {
  const field = fieldOf(path, slot);
  switch (replacement.kind) {
    case "anything":
      return { args: withSlot(args, slot, (holder, key) => ((holder as Record<PropertyKey, unknown>)[key] = replacement.value)), expectation: { mayAccept: true } };
    case "odd":
      return {
        args: withSlot(args, slot, (holder, key) => {
          const target = holder as Record<PropertyKey, unknown>;
          target[key] = oddValueLike(target[key], replacement.odd);
        }),
        expectation: { mayAccept: true },
      };
    case "hostile": {
      const { refused } = HOSTILE[replacement.hostile];
      const value = makeHostile(replacement.hostile);
      return {
        args: withSlot(args, slot, (holder, key) => ((holder as Record<PropertyKey, unknown>)[key] = value)),
        expectation: { mayAccept: !refused, ...(refused ? { refusedAt: field } : {}), ...(replacement.hostile === "huge_string" ? { hugeAt: field } : {}) },
      };
    }
    case "throwing_field":
      if (slot.keys.length === 0) return replaced(path, args, slot, { kind: "hostile", hostile: "throwing_proxy" });
      return { args: withSlot(args, slot, (holder, key) => defineThrowingField(holder, key)), expectation: { mayAccept: false, refusedAt: field } };
  }
}

const report = (problems: readonly string[]) => expect(problems, problems.slice(0, 5).join("\n")).toEqual([]);

describe("the service boundary takes anything", () => {
  it("every function of the service has a valid call to start from (the input builders, or PUBLIC_CALLS for those without an actor)", () => {
    expect(unclassified(PATHS)).toEqual([]);
    expect(publicCallsMatch()).toBe(true);
  });

  it("every hostile value at every place of every function's valid call: one that cannot be read as plain data is a validation error naming the place; a huge string is refused by its length; never a throw", async () => {
    const problems: string[] = [];
    for (const path of PATHS) {
      const w = await checker.cleanWorld();
      const args = validCall(path, { w, d: SWEEP_DRAWS, standing: SYSTEM });
      for (const slot of slotsOf(args)) {
        const kinds = HOSTILE_KINDS.filter((kind) => sweptAt(kind, slot, valueAt(args, slot)));
        for (const replacement of [{ kind: "throwing_field" as const }, ...kinds.map((hostile) => ({ kind: "hostile" as const, hostile }))]) {
          const call = replaced(path, args, slot, replacement);
          const found = await runAndJudge(checker, path, answerKindOf(path), () => call);
          problems.push(...found.map((problem) => `${path} with ${replacement.kind === "hostile" ? replacement.hostile : replacement.kind} at ${fieldOf(path, slot) || "(the input)"}: ${problem}`));
        }
      }
    }
    report(problems);
  }, 600_000);

  fcTest.prop(
    [
      fc.constantFrom(...PATHS),
      drawsArbitrary,
      standingArbitrary,
      // Per argument: `null` keeps the valid one, `{ value }` replaces it; at least one is replaced (`fallback` at `pick`).
      fc.array(fc.option(fc.record({ value: anythingAtAll }, { noNullPrototype: true }), { freq: 2 }), { minLength: 3, maxLength: 3 }),
      fc.nat(),
      anythingAtAll,
    ],
    { numRuns: NUM_RUNS, endOnFailure: TEST_STORE !== "memory" },
  )(
    "anything in any argument (the actor included), the others valid: never a throw, an Err of a stable code, nothing written",
    async (path, d, standing, drawn, pick, fallback) => {
      const names = argumentNames(path);
      const replacements: ({ readonly value: unknown } | null)[] = [...drawn.slice(0, names.length)];
      if (!replacements.some((entry) => entry !== null)) replacements[pick % names.length] = { value: fallback };
      const replacedNames = names.filter((_, index) => replacements[index] !== null);
      const mayAccept = replacedNames.every((name) => (ACCEPTING_ANY[path] ?? []).includes(name));
      const problems = await runAndJudge(checker, path, answerKindOf(path), (w) => ({
        args: validCall(path, { w, d, standing }).map((arg, index) => {
          const replacement = replacements[index];
          return replacement === null || replacement === undefined ? arg : replacement.value;
        }),
        expectation: { mayAccept },
      }));
      report(problems.map((problem) => `${path} as ${standing.label}, anything at ${replacedNames.map((name) => name || "(the input)").join(", ")}: ${problem}`));
    },
    600_000,
  );

  fcTest.prop([fc.constantFrom(...PATHS), drawsArbitrary, standingArbitrary, fc.nat(), replacementArbitrary], {
    numRuns: NUM_RUNS,
    endOnFailure: TEST_STORE !== "memory",
  })(
    "a valid call with one value at any depth replaced (anything, hostile values, a throwing field): never a throw, a well-formed answer, nothing written when refused",
    async (path, d, standing, slotPick, replacement) => {
      let where = "";
      const problems = await runAndJudge(
        checker,
        path,
        answerKindOf(path),
        (w) => {
          const args = validCall(path, { w, d, standing });
          const slots = slotsOf(args);
          const slot = slots[slotPick % slots.length]!;
          where = fieldOf(path, slot) || "(the input)";
          return replaced(path, args, slot, replacement);
        },
      );
      report(problems.map((problem) => `${path} as ${standing.label}, ${replacement.kind === "hostile" ? replacement.hostile : replacement.kind} at ${where}: ${problem}`));
    },
    600_000,
  );
});
