/**
 * Issue 11: "Error `field` paths are the same shape in every command": dot-separated with numeric
 * indices, relative to the input object the host passed (`user.email`, `changes.fullName`,
 * `roles.0.scope.kind`, `userIds.3`), `actor.*` for the actor. Every function of the service,
 * enumerated from the service object, is called with a valid call one of whose values is replaced by a
 * bad value of its own type (an empty or over-long string, forbidden characters, a malformed e-mail or
 * date, a negative or huge number, a date in the past or far future…). Every validation error it
 * answers must name fields that exist in the input passed (or `actor.…`), in the path shape above, and
 * a field the valid call did not already name must be the place of the bad value, or a place inside it.
 */
import { isDeepStrictEqual } from "node:util";
import type { Result } from "neverthrow";
import type { TenureError } from "tenure";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_STORE } from "./_test-store.js";
import { createChecker } from "./authorization/_check.js";
import { commandAt, servicePaths, type Draws } from "./authorization/_commands.js";
import { STANDINGS, type Standing } from "./authorization/_world.js";
import { argumentNames, fieldOf, slotsOf, TAKES_HOST_OBJECTS, validCall, valueAt, withSlot } from "./fuzz/_calls.js";

const checker = createChecker();
afterAll(() => checker.close());

const SYSTEM: Standing = STANDINGS.find((standing) => standing.kind === "system")!;
const ADMIN: Standing = STANDINGS.find((standing) => standing.label === "admin")!;

/** Draws of the valid calls (those of the fuzz test's sweep), in a few variants so each command's branches are reached. */
const drawsOf = (variant: number): Draws => ({
  org: "P",
  user: { kind: "in_organization", index: 4 },
  user2: { kind: "in_organization", index: 0 },
  users: [{ kind: "in_organization", index: 7 }, { kind: "in_organization", index: 3 }],
  group: { inOrganization: true, index: 1 },
  assignment: { inOrganization: true, index: 9 },
  role: "member",
  flag: variant % 2 === 0,
  variant,
  list: { sort: { field: "fullName", direction: "asc" }, limit: 5, foreignCursor: false },
});

/** Bad values of the type of `value`: each valid as data of that type, wrong for most fields. */
function badValuesLike(value: unknown): unknown[] {
  if (typeof value === "string") return ["", "   ", "a/b\\c:d*e?f\"g<h>i|j", "not an e-mail", "2026-13-45", "x".repeat(5000)];
  if (typeof value === "number") return [-1, 0, 1.5, 1e12];
  if (typeof value === "boolean") return [!value];
  if (value instanceof Date) return [new Date(0), new Date(8.64e15)];
  return [];
}

/** The value at a dotted path of the named arguments, or `undefined` when no such place exists. */
function exists(root: Record<string, unknown>, field: string): boolean {
  let holder: unknown = root;
  for (const key of field.split(".")) {
    if (Array.isArray(holder)) {
      if (!/^(0|[1-9][0-9]*)$/.test(key) || Number(key) >= holder.length) return false;
      holder = holder[Number(key)];
    } else if (typeof holder === "object" && holder !== null && !(holder instanceof Date)) {
      if (!Object.prototype.hasOwnProperty.call(holder, key)) return false;
      holder = (holder as Record<string, unknown>)[key];
    } else return false;
  }
  return true;
}

/** The arguments as one object of fields, named as validation errors name them (the input's fields bare). */
function namedArguments(path: string, args: readonly unknown[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  argumentNames(path).forEach((name, index) => {
    const arg = args[index];
    if (name === "") Object.assign(root, typeof arg === "object" && arg !== null ? arg : {});
    else root[name] = arg;
  });
  return root;
}

/** `field` is `place` or a place inside it. */
const within = (field: string, place: string): boolean => field === place || field.startsWith(`${place}.`);

/** A field in the path shape: dot-separated names and numeric indices, no empty part. */
const SHAPE = /^[A-Za-z_$][A-Za-z0-9_$]*(\.(0|[1-9][0-9]*|[A-Za-z_$][A-Za-z0-9_$]*))*$/;

// Fields are named above the store (parsing, the core's rules, the commands): the in-memory store decides it; a database would only rebuild worlds for minutes.
describe.skipIf(TEST_STORE !== "memory")("every validation error names a field of the input passed", () => {
  it("for every function, a bad value of its type at any place of a valid call: the fields exist, in one shape, and name that place", async () => {
    const paths = servicePaths((await checker.cleanWorld()).tenure).filter((path) => !TAKES_HOST_OBJECTS.includes(path));
    const problems: string[] = [];
    let judged = 0;
    for (const path of paths) {
      for (const standing of [SYSTEM, ADMIN]) {
        for (const variant of [0, 1, 2, 3]) {
          const d = drawsOf(variant);
          const w0 = await checker.cleanWorld();
          const args = validCall(path, { w: w0, d, standing });
          // A call that is refused as it stands (a per-user finding of a bulk command, say) cannot say which field a replacement broke.
          const as = (await commandAt(w0.tenure, path)(...validCall(path, { w: w0, d, standing }))) as Result<unknown, TenureError> | boolean | object;
          const asIsError = typeof as === "object" && as !== null && "isErr" in as && (as as Result<unknown, TenureError>).isErr() ? (as as Result<unknown, TenureError>)._unsafeUnwrapErr() : null;
          const asIsFields = asIsError?.code === "validation" ? [asIsError.field, ...asIsError.issues.map((issue) => issue.field)] : [];
          checker.touched();
          for (const slot of slotsOf(args)) {
            if (slot.added || slot.keys.length === 0) continue;
            for (const bad of badValuesLike(valueAt(args, slot))) {
              const w = await checker.cleanWorld();
              const call = withSlot(validCall(path, { w, d, standing }), slot, (holder, key) => ((holder as Record<PropertyKey, unknown>)[key] = bad));
              const before = w.store.snapshot();
              const result = (await commandAt(w.tenure, path)(...call)) as Result<unknown, TenureError> | boolean | object;
              if (!isDeepStrictEqual(w.store.snapshot(), before)) checker.touched();
              if (typeof result !== "object" || result === null || !("isErr" in result) || !(result as Result<unknown, TenureError>).isErr()) continue;
              const error = (result as Result<unknown, TenureError>)._unsafeUnwrapErr();
              if (error.code !== "validation") continue;
              judged += 1;
              const place = fieldOf(path, slot);
              const root = namedArguments(path, call);
              const where = `${path} (variant ${variant}, as ${standing.label}) with ${JSON.stringify(bad).slice(0, 40)} at ${place}`;
              const fields = [error.field, ...error.issues.map((issue) => issue.field)];
              for (const field of fields) {
                if (!SHAPE.test(field)) problems.push(`${where}: field "${field}" is not a dot-separated path`);
                else if (!field.startsWith("actor.") && field !== "actor" && !exists(root, field)) problems.push(`${where}: field "${field}" is not a place of the input passed`);
              }
              const added = fields.filter((field) => !asIsFields.includes(field));
              if (added.length > 0 && !added.some((field) => within(field, place))) problems.push(`${where}: no field names the bad value's place (fields: ${fields.join(", ")})`);
            }
          }
        }
      }
    }
    expect(judged, "validation errors judged").toBeGreaterThan(100);
    if (process.env["ERROR_FIELDS_REPORT"] !== undefined) (await import("node:fs")).writeFileSync(process.env["ERROR_FIELDS_REPORT"], [...new Set(problems)].join("\n"));
    expect([...new Set(problems)], [...new Set(problems)].slice(0, 40).join("\n")).toEqual([]);
  }, 600_000);
});
