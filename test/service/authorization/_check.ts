/**
 * Runs one call as one standing on a world kept clean (rebuilt only after a call wrote something) and
 * says what went wrong, judged by the reference table: nothing when it answered as the table says.
 */
import { isDeepStrictEqual } from "node:util";
import type { Result } from "neverthrow";
import type { Actor, TenureError, User, UserId } from "tenure";
import { commandAt, inputBuilders, listInput, type BuildContext, type Draws } from "./_commands.js";
import { AUTHORIZATION_RULES, verdictFor, visibleTo, type Verdict } from "./_reference.js";
import { buildWorld, userIdOf, type AuthzWorld, type Standing } from "./_world.js";

type Page = { readonly items: readonly User[]; readonly nextCursor: string | null };

/** The id an input's `self` stands for: the actor's own (for the system, the platform operator's). */
export const selfOf = (standing: Standing): UserId =>
  standing.kind === "user" ? userIdOf(standing.username) : standing.kind === "ghost" ? standing.userId : userIdOf("operator");

export const describeResult = (result: Result<unknown, TenureError>): string =>
  result.isOk() ? "Ok" : `Err ${result.error.code}${result.error.code === "forbidden" ? ` (${result.error.rule})` : ""}`;

/** One checker per test file: it owns the file's world. */
export function createChecker() {
  let world: AuthzWorld | null = null;
  let dirty = true;

  /** The world, rebuilt if the last call changed it. */
  const cleanWorld = async (): Promise<AuthzWorld> => {
    if (world === null || dirty) {
      await world?.store.close();
      world = await buildWorld();
      dirty = false;
    }
    return world;
  };

  /** The input and the table's verdict for a standing. */
  const plan = (w: AuthzWorld, path: string, standing: Standing, d: Draws) => {
    const b: BuildContext = { w, d, O: w.orgs[d.org], self: selfOf(standing) };
    const input = inputBuilders[path]!(b) as Record<string, unknown>;
    return { b, input, verdict: verdictFor(path, standing, input, { orgs: w.orgs, assignments: w.stored().assignments }) };
  };

  /** Runs `path` as `standing` on the draws; returns the problems found (empty when it answered as the table says). */
  const check = async (path: string, standing: Standing, d: Draws): Promise<string[]> => {
    const w = await cleanWorld();
    const { b, input, verdict } = plan(w, path, standing, d);
    const actor = w.actorOf(standing);
    const where = `${path} as ${standing.label} in ${d.org} (table: ${verdict.allowed ? "allowed" : "refused"}, ${verdict.why})`;
    const before = w.store.snapshot();
    let result: Result<unknown, TenureError>;
    try {
      result = (await commandAt(w.tenure, path)(actor, input)) as Result<unknown, TenureError>;
    } catch (error) {
      dirty = true;
      return [`${where}: threw ${String(error)}; input ${JSON.stringify(input)}`];
    }
    const changed = !isDeepStrictEqual(w.store.snapshot(), before);
    if (changed) dirty = true;
    const problems = judge(verdict, result, changed).map((problem) => `${where}: ${problem}; input ${JSON.stringify(input)}`);
    if (path === "users.list" && verdict.allowed && result.isOk()) {
      const hidden = await invisibleListed(w, standing, actor, b, result.value as Page);
      if (hidden.length > 0) problems.push(`${where}: lists users this viewer may not see: ${hidden.join(", ")}; input ${JSON.stringify(input)}`);
    }
    return problems;
  };

  return {
    cleanWorld,
    plan,
    check,
    /** Marks the world as changed (a test wrote to it outside `check`). */
    touched: () => {
      dirty = true;
    },
    close: async () => {
      await world?.store.close();
      world = null;
    },
  };
}

function judge(verdict: Verdict, result: Result<unknown, TenureError>, changed: boolean): string[] {
  if (verdict.allowed) {
    if (result.isErr() && result.error.code === "forbidden" && AUTHORIZATION_RULES.has(result.error.rule)) {
      return [`refused by the authorization rule "${result.error.rule}"`];
    }
    return [];
  }
  const problems: string[] = [];
  if (result.isOk()) problems.push(`answered Ok${changed ? " and wrote" : ""}`);
  else if (result.error.code !== "forbidden" && result.error.code !== "not_found") problems.push(`answered ${describeResult(result)}, not forbidden/not_found`);
  if (result.isErr() && changed) problems.push("refused, but the store changed");
  return problems;
}

/**
 * The users listed that the viewer may not see, over every page: the first, then following the cursors
 * (or, when drawn, from the second-page cursor the system got for the same query).
 */
async function invisibleListed(w: AuthzWorld, standing: Standing, actor: Actor, b: BuildContext, first: Page): Promise<string[]> {
  const hidden: string[] = [];
  const input = listInput(b);
  const inspect = (page: Page, which: string) => {
    for (const user of page.items) {
      if (user.organizationId !== w.orgs[b.d.org]) hidden.push(`${user.id} of another organization (${which})`);
      else if (!visibleTo(standing, b.d.org, user.id)) hidden.push(`${user.id} [${user.account.status}] (${which})`);
    }
  };
  inspect(first, "page 1");
  let cursor = first.nextCursor;
  if (b.d.list.foreignCursor) {
    const systems = await w.tenure.users.list({ type: "system", name: "authorization-test" }, input);
    cursor = systems.isOk() ? systems.value.nextCursor : null;
  }
  for (let page = 2; cursor !== null && page <= 40; page += 1) {
    const next = await w.tenure.users.list(actor, { ...input, after: cursor });
    if (next.isErr()) {
      hidden.push(`page ${page} refused: ${describeResult(next)}`);
      break;
    }
    inspect(next.value, `page ${page}${b.d.list.foreignCursor ? ", from the system's cursor" : ""}`);
    cursor = next.value.nextCursor;
  }
  return hidden;
}
