// A string's length limit is checked before its pattern: an overlong value is refused by `max` alone
// (the rule `too_big`, naming the field), and no pattern or refinement ever runs over megabytes of
// text. A backtracking pattern over ~8M characters overflowed the stack; now every exported schema is
// checked to start its patterned strings (and the strings under a refinement) with an aborting `max`.
import { describe, expect, it } from "vitest";
import * as z from "zod";
import * as tenure from "../../src/index.js";
import { inviteUserInputSchema, organizationIdSchema, parseInput, sendInvitationInputSchema } from "../../src/index.js";

const HUGE = "x".repeat(9_000_000);

type Def = { readonly type: string; readonly checks?: readonly { _zod: { def: { check: string; abort?: boolean } } }[] } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** The check kinds that read a string's content: patterns, string formats, refinements. */
const READS_CONTENT = new Set(["string_format", "custom"]);

/**
 * Every string schema reachable from `schema` that reads its content (a pattern, a refinement) without
 * an aborting `max` before, or that stands under a refinement of an enclosing schema without one.
 */
function unboundedStrings(schema: unknown, path: string, underRefinement: boolean, seen: Set<unknown>[], found: string[]): void {
  // A schema shared by several places is checked once in each context (under a refinement or not).
  const context = seen[underRefinement ? 1 : 0]!;
  if (context.has(schema)) return;
  context.add(schema);
  const def = defOf(schema);
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  const refines = underRefinement || checks.some((check) => check.check === "custom");
  const walk = (child: unknown, at: string, refined = refines) => {
    if (child !== undefined) unboundedStrings(child, at, refined, seen, found);
  };
  switch (def.type) {
    case "string": {
      const firstRead = checks.findIndex((check) => READS_CONTENT.has(check.check));
      const bound = checks.findIndex((check) => (check.check === "max_length" || check.check === "length_equals") && check.abort === true);
      if (firstRead >= 0 && (bound < 0 || bound > firstRead)) found.push(`${path}: a pattern or refinement runs before (or without) an aborting max`);
      else if (underRefinement && bound < 0) found.push(`${path}: under a refinement, without an aborting max`);
      return;
    }
    case "object":
      for (const [key, child] of Object.entries(def["shape"] as Record<string, unknown>)) walk(child, `${path}.${key}`);
      walk(def["catchall"], `${path}.*`);
      return;
    case "array":
      return walk(def["element"], `${path}[]`);
    case "record":
    case "map":
      walk(def["keyType"], `${path}{key}`);
      return walk(def["valueType"], `${path}{}`);
    case "set":
      return walk(def["valueType"], `${path}{}`);
    case "union":
      return (def["options"] as unknown[]).forEach((option, index) => walk(option, `${path}|${index}`));
    case "intersection":
      walk(def["left"], path);
      return walk(def["right"], path);
    case "tuple":
      (def["items"] as unknown[]).forEach((item, index) => walk(item, `${path}[${index}]`));
      return walk(def["rest"] ?? undefined, `${path}[…]`);
    case "pipe":
      walk(def["in"], path);
      return walk(def["out"], path);
    case "lazy":
      return walk((def["getter"] as () => unknown)(), path);
    default:
      // optional, nullable, default, prefault, catch, readonly, nonoptional…: one inner schema; the rest are leaves.
      return walk(def["innerType"], path);
  }
}

describe("length limits come before patterns", () => {
  it("every exported schema bounds its patterned strings, and the strings under a refinement, with an aborting max", () => {
    const schemas = Object.entries(tenure).filter(([, value]) => value instanceof z.ZodType);
    expect(schemas.length).toBeGreaterThan(40);
    const found: string[] = [];
    for (const [name, schema] of schemas) unboundedStrings(schema, name, false, [new Set(), new Set()], found);
    expect(found).toEqual([]);
  });

  it("a personal message of 9,000,000 characters is refused by the max rule alone (its pattern used to overflow the stack)", () => {
    const input = { organizationId: "org_1", userId: "usr_1", message: HUGE };
    const error = parseInput(sendInvitationInputSchema, input)._unsafeUnwrapErr();
    expect(error).toMatchObject({ code: "validation", field: "message" });
    expect(error.issues.map((issue) => `${issue.field}: ${issue.code}`)).toEqual(["message: too_big"]);
    const invited = parseInput(inviteUserInputSchema, {
      organizationId: "org_1",
      user: { username: "ann", fullName: "Ann Lee", email: "ann@example.com" },
      message: HUGE,
    })._unsafeUnwrapErr();
    expect(invited.issues.map((issue) => `${issue.field}: ${issue.code}`)).toEqual(["message: too_big"]);
  });

  it("an overlong id, name, e-mail or mail template is too_big, not malformed", () => {
    expect(parseInput(organizationIdSchema, HUGE)._unsafeUnwrapErr().issues.map((issue) => issue.code)).toEqual(["too_big"]);
    const invited = parseInput(inviteUserInputSchema, {
      organizationId: "org_1",
      user: { username: HUGE, fullName: HUGE, email: HUGE },
    })._unsafeUnwrapErr();
    expect(invited.issues.map((issue) => `${issue.field}: ${issue.code}`)).toEqual(["user.username: too_big", "user.fullName: too_big", "user.email: too_big"]);
    const templates = parseInput(tenure.mailTemplateOverridesSchema, { invitation: { subject: HUGE, text: HUGE, html: null } })._unsafeUnwrapErr();
    expect(templates.issues.map((issue) => `${issue.field}: ${issue.code}`)).toEqual(["invitation.subject: too_big", "invitation.text: too_big"]);
  });
});
