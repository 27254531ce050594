/**
 * Query plans of the PostgreSQL benchmark: `EXPLAIN (ANALYZE, BUFFERS)` of statements recorded while
 * the store ran them (same SQL, same parameters), printed, and checked for the indexes they must use.
 */
import { explain, type BenchDatabase, type RecordedQuery } from "./databases.js";

/** The verdict on one statement's plan. */
export interface PlanCheck {
  readonly database: string;
  readonly query: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Whether a plan line scans one of `indexes` (index, index-only or bitmap index scan). */
const scansIndex = (line: string, index: string): boolean =>
  new RegExp(`(Index Scan|Index Only Scan)( Backward)? using ${index} on|Bitmap Index Scan on ${index}\\b`, "u").test(line);

/**
 * Prints the plan of `query` and checks it: it must scan at least one of `indexes` and never
 * sequentially scan `users` (or the other big tables).
 */
export async function checkPlan(database: BenchDatabase, title: string, query: RecordedQuery, indexes: readonly string[]): Promise<PlanCheck> {
  const plan = await explain(database.db, query);
  console.log(`\n  EXPLAIN (ANALYZE, BUFFERS) — ${title} — ${database.name}`);
  console.log(indent(query.sql, "    SQL: "));
  console.log(`    parameters: ${JSON.stringify(query.parameters)}`);
  for (const line of plan) console.log(`    ${line}`);
  const used = indexes.filter((index) => plan.some((line) => scansIndex(line, index)));
  const sequential = plan.filter((line) => /Seq Scan on (users|role_assignments|group_members)\b/u.test(line)).map((line) => line.trim());
  const ok = used.length > 0 && sequential.length === 0;
  const detail = ok
    ? `uses ${used.join(" + ")}`
    : used.length === 0
      ? `uses none of ${indexes.join(", ")}`
      : `sequential scan: ${sequential.join("; ")}`;
  console.log(`    PLAN CHECK: ${ok ? "OK" : "FAILED"} (${detail})`);
  return { database: database.name, query: title, ok, detail };
}

function indent(text: string, first: string): string {
  return text
    .split("\n")
    .map((line, index) => (index === 0 ? first : " ".repeat(first.length)) + line.trim())
    .join("\n");
}

/** The first recorded statement passing `test`; throws, listing what was recorded, when there is none. */
export function pick(recorded: readonly RecordedQuery[], what: string, test: (sql: string) => boolean): RecordedQuery {
  const found = recorded.find((query) => test(query.sql));
  if (found === undefined) {
    throw new Error(`no recorded statement for ${what}; recorded:\n  ${recorded.map((query) => query.sql.slice(0, 160)).join("\n  ")}`);
  }
  return found;
}
