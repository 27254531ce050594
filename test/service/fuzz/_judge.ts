/**
 * Runs one call of a service function on a clean world and says what went wrong: a throw or a
 * rejection, an answer of the wrong kind, an error outside the stable set of codes or not shaped as its
 * code says, a write with a refusal, an acceptance where the input could not be valid, a hostile value
 * refused under another field or rule.
 */
import { isDeepStrictEqual } from "node:util";
import { Err, Ok } from "neverthrow";
import type { TenureError } from "tenure";
import type { createChecker } from "../authorization/_check.js";
import { commandAt } from "../authorization/_commands.js";
import type { AnswerKind } from "./_calls.js";

/** Every `code` of a {@link TenureError}: the library's stable set. */
export const ERROR_CODES = [
  "validation", "not_found", "conflict", "duplicate", "forbidden", "invalid_state", "invalid_token", "authentication", "corrupt_record", "source_unavailable",
] as const satisfies readonly TenureError["code"][];
// A code added to TenureError and missing here fails type-checking.
const everyCode: [Exclude<TenureError["code"], (typeof ERROR_CODES)[number]>] extends [never] ? true : false = true;
void everyCode;

const ENTITIES = ["organization", "user", "group", "role_assignment", "invitation", "token", "credential", "audit_event", "mail", "provisioning_run", "provisioning_outcome", "provisioning_change", "transaction"];
const TOKEN_REASONS = ["unknown", "expired", "used", "wrong_purpose"];
const AUTHENTICATION_REASONS = ["invalid_credentials", "locked", "no_password", "password_change_required", "blocked", "access_expired", "not_active"];

const isText = (value: unknown): value is string => typeof value === "string";
const nonEmpty = (value: unknown): value is string => isText(value) && value !== "";

/** What is wrong with an error value: it must be a plain, loggable TenureError of a stable code, with the fields of its code. */
export function errorProblems(error: unknown): string[] {
  if (typeof error !== "object" || error === null) return [`the error is not an object: ${typeof error}`];
  const e = error as Record<string, unknown>;
  const problems: string[] = [];
  try {
    JSON.stringify(error);
    structuredClone(error);
  } catch (thrown) {
    problems.push(`the error cannot be logged (JSON.stringify or structuredClone threw: ${String(thrown)})`);
  }
  if (!(ERROR_CODES as readonly unknown[]).includes(e["code"])) return [...problems, `code ${String(e["code"])} is not a TenureError code`];
  if (!nonEmpty(e["message"])) problems.push(`${String(e["code"])} without a message`);
  const need = (field: string, ok: boolean) => {
    if (!ok) problems.push(`${String(e["code"])} error with a bad ${field}: ${JSON.stringify(e[field])}`);
  };
  switch (e["code"]) {
    case "validation": {
      need("field", isText(e["field"]));
      const issues = e["issues"];
      const blocking = Array.isArray(issues) ? issues.filter((issue) => issue?.severity === "error") : [];
      need("issues", Array.isArray(issues) && blocking.length > 0);
      for (const issue of Array.isArray(issues) ? issues : []) {
        const ok = ["error", "warning"].includes(issue?.severity) && isText(issue?.field) && nonEmpty(issue?.code) && nonEmpty(issue?.message);
        if (!ok) problems.push(`a malformed diagnostic: ${JSON.stringify(issue)}`);
      }
      if (blocking.length > 0 && blocking[0].field !== e["field"]) problems.push(`field ${String(e["field"])} is not the first blocking issue's (${blocking[0].field})`);
      break;
    }
    case "forbidden":
      need("rule", nonEmpty(e["rule"]));
      break;
    case "not_found":
    case "conflict":
    case "invalid_state":
      need("entity", ENTITIES.includes(e["entity"] as string));
      need("id", isText(e["id"]));
      if (e["code"] === "invalid_state") need("state", nonEmpty(e["state"]));
      break;
    case "duplicate":
      need("entity", ENTITIES.includes(e["entity"] as string));
      need("field", nonEmpty(e["field"]));
      need("value", isText(e["value"]));
      break;
    case "invalid_token":
      need("reason", TOKEN_REASONS.includes(e["reason"] as string));
      break;
    case "authentication":
      need("reason", AUTHENTICATION_REASONS.includes(e["reason"] as string));
      break;
    case "source_unavailable":
      // The service reads no source itself: only a source adapter's read answers this.
      problems.push(`source_unavailable: ${String(e["message"])}`);
      break;
    case "corrupt_record":
      // Nothing a caller passes may make the service write a record it cannot read back.
      problems.push(`corrupt_record: ${String(e["message"])}`);
      break;
  }
  return problems;
}

/**
 * The one refusal that writes, by design: a wrong password is counted against the account (its
 * credential, and the lockout's audit event when it locks), so sign-in and password change may answer
 * `authentication` having written those, and nothing else.
 */
const COUNTED_REFUSALS: Readonly<Record<string, { readonly code: string; readonly tables: readonly string[] }>> = {
  "credentials.signIn": { code: "authentication", tables: ["credentials", "auditEvents"] },
  "credentials.changePassword": { code: "authentication", tables: ["credentials", "auditEvents"] },
};

/** The snapshot tables that differ. */
const changedTables = (before: Record<string, unknown>, after: Record<string, unknown>): string[] =>
  Object.keys(after).filter((table) => !isDeepStrictEqual(before[table], after[table]));

/** What a call may answer. */
export interface Expectation {
  /** Whether an acceptance (`Ok`, `true`, a report without errors) is possible: the input may be valid. */
  readonly mayAccept: boolean;
  /** The input holds a value that cannot be read as plain data at this field: it must be a validation error naming the field (or a field inside it). */
  readonly refusedAt?: string;
  /** The input holds a huge string at this field: if it is refused there, by its length, never by a pattern or a refinement. */
  readonly hugeAt?: string;
}

/** A refusal, if the answer is one. */
function refusalOf(kind: AnswerKind, answer: unknown): { readonly refused: boolean; readonly errors: readonly unknown[]; readonly problems: string[] } {
  if (kind === "boolean") return { refused: answer === false, errors: [], problems: typeof answer === "boolean" ? [] : [`answered ${typeof answer}, not a boolean`] };
  if (kind === "report") {
    const report = answer as { expired?: unknown; reminded?: unknown; conflicts?: unknown; errors?: unknown } | null;
    const shaped = typeof report === "object" && report !== null && Array.isArray(report.expired) && typeof report.reminded === "number"
      && typeof report.conflicts === "number" && Array.isArray(report.errors);
    if (!shaped) return { refused: false, errors: [], problems: ["answered something that is not a sweep report"] };
    const errors = report.errors as unknown[];
    return { refused: errors.length > 0, errors, problems: [] };
  }
  if (answer instanceof Err) return { refused: true, errors: [answer.error], problems: [] };
  if (answer instanceof Ok) return { refused: false, errors: [], problems: [] };
  return { refused: false, errors: [], problems: ["answered something that is not a neverthrow Result"] };
}

function fieldProblems(errors: readonly unknown[], expectation: Expectation): string[] {
  const problems: string[] = [];
  const issues = errors.flatMap((error) => ((error as { code?: unknown }).code === "validation" ? ((error as { issues: { field: string; code: string }[] }).issues) : []));
  const under = (field: string, at: string) => at === "" || field === at || field.startsWith(`${at}.`);
  if (expectation.refusedAt !== undefined) {
    const at = expectation.refusedAt;
    if (!issues.some((issue) => under(issue.field, at))) {
      problems.push(`not a validation error naming "${at}": ${JSON.stringify(errors)}`);
    }
  }
  if (expectation.hugeAt !== undefined) {
    const at = expectation.hugeAt;
    for (const issue of issues.filter((each) => each.field === at)) {
      if (["invalid_format", "custom"].includes(issue.code)) problems.push(`the huge string at "${at}" was run through a pattern (${issue.code})`);
    }
  }
  return problems;
}

/**
 * Calls `path` with the arguments `build` makes on a clean world, and returns the problems, judged by
 * the expectation `build` gives. A call that changed the store marks the world for a rebuild.
 */
export async function runAndJudge(
  checker: ReturnType<typeof createChecker>,
  path: string,
  kind: AnswerKind,
  build: (w: Awaited<ReturnType<ReturnType<typeof createChecker>["cleanWorld"]>>) => { readonly args: readonly unknown[]; readonly expectation: Expectation },
): Promise<string[]> {
  const w = await checker.cleanWorld();
  const { args, expectation } = build(w);
  const before = w.store.snapshot();
  let answer: unknown;
  try {
    const returned = commandAt(w.tenure, path)(...args);
    try {
      answer = await returned;
    } catch (rejection) {
      checker.touched();
      return [`rejected: ${describeThrown(rejection)}`];
    }
  } catch (thrown) {
    checker.touched();
    return [`threw: ${describeThrown(thrown)}`];
  }
  const tables = changedTables(before as unknown as Record<string, unknown>, w.store.snapshot() as unknown as Record<string, unknown>);
  const changed = tables.length > 0;
  if (changed) checker.touched();
  const { refused, errors, problems } = refusalOf(kind, answer);
  if (problems.length > 0) return problems;
  for (const error of errors) problems.push(...errorProblems(error));
  const counted = COUNTED_REFUSALS[path];
  const countedOnly = counted !== undefined && errors.every((error) => (error as { code?: unknown }).code === counted.code)
    && tables.every((table) => counted.tables.includes(table));
  if (refused && changed && !countedOnly) problems.push(`refused, and the store changed (${tables.join(", ")})`);
  if (!refused && !expectation.mayAccept) problems.push(`accepted an input that cannot be valid${changed ? ", and wrote" : ""}`);
  if (!refused && expectation.refusedAt !== undefined) problems.push(`accepted an unreadable value at "${expectation.refusedAt}"`);
  if (refused && kind !== "boolean") problems.push(...fieldProblems(errors, expectation));
  return problems;
}

/** A thrown value, described without trusting it (it may throw again when read). */
function describeThrown(thrown: unknown): string {
  try {
    return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  } catch {
    return "(a value that throws when read)";
  }
}
