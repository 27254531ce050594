/**
 * The measurements of the PostgreSQL benchmark on one loaded database: list pages (first and deep
 * keyset page, unfiltered and filtered by location + company, sorted by full name), the expiry sweep
 * with 1% due and again with nothing to do, and a permission check with a cold cache. Each also records
 * the adapter's SQL once and checks its plan.
 */
import { performance } from "node:perf_hooks";
import { sql, type Kysely } from "kysely";
import { ok } from "neverthrow";
import {
  createManualClock,
  createPermissionCache,
  createTenure,
  encodeCursor,
  userQuerySchema,
  type OrganizationId,
  type Page,
  type PermissionOf,
  type User,
  type UserQueryInput,
} from "tenure";
import type { PostgresStore } from "tenure/postgres";
import { measure, type Measurement } from "../harness.js";
import type { BenchDatabase } from "./databases.js";
import { checkPlan, pick, type PlanCheck } from "./plans.js";
import {
  catalog,
  GROUP_SIZE,
  GROUPS_PER_ORGANIZATION,
  NOW,
  ORGANIZATIONS,
  organizationIdOf,
  reactivateDue,
  userIdOf,
  type Population,
} from "./population.js";

/** The organization the lists are read from (100,000 users, like the memory bench's big one). */
const LISTED = organizationIdOf(3);
const FILTER = { locations: ["Berlin"], companies: ["Contoso"] };
/** Whether a recorded statement is a list page over `users`. */
const isUserList = (text: string): boolean => /^select\b/iu.test(text) && /"users"/u.test(text) && /\blimit\b/iu.test(text) && /order by/iu.test(text);

/** What one suite produced. */
export interface SuiteOutcome {
  readonly measurements: Measurement[];
  readonly plans: PlanCheck[];
}

type Lister = (input: UserQueryInput) => Promise<Page<User>>;

function listerOf(store: PostgresStore, organizationId: OrganizationId): Lister {
  return async (input) => {
    // Without the total unless a case asks for it, so the page cases measure the page alone.
    const page = await store.transaction((tx) => tx.users.list(organizationId, userQuerySchema.parse({ total: "none", ...input })));
    if (page.isErr()) throw new Error(`list failed: ${page.error.code} ${page.error.message}`);
    return page.value;
  };
}

/**
 * The cursor after the first `position` users of the list by full name (filtered or not), as a client
 * paging that far would hold it: the `(full_name_key, id)` of row `position`, encoded like the adapter.
 */
async function cursorAt(db: Kysely<any>, schema: string, position: number, filtered: boolean): Promise<string> {
  const s = sql.id(schema);
  const where = filtered ? sql`AND location = ${FILTER.locations[0]} AND company = ${FILTER.companies[0]}` : sql``;
  const result = await sql<{ key: string; id: string }>`
    SELECT full_name_key AS key, id FROM ${s}.users WHERE organization_id = ${LISTED} ${where}
    ORDER BY full_name_key, id OFFSET ${position - 1} LIMIT 1`.execute(db);
  const row = result.rows[0];
  if (row === undefined) throw new Error(`no user at position ${position}`);
  return encodeCursor({ order: "fullName:asc", key: row.key, id: row.id });
}

async function countOf(db: Kysely<any>, schema: string, filtered: boolean): Promise<number> {
  const where = filtered ? sql`AND location = ${FILTER.locations[0]} AND company = ${FILTER.companies[0]}` : sql``;
  const result = await sql<{ count: string }>`SELECT count(*) AS count FROM ${sql.id(schema)}.users WHERE organization_id = ${LISTED} ${where}`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

/**
 * {@link measure}, recording the statements meanwhile: the note also tells how many statements one
 * operation runs and the median time spent in them (driver and database, as Kysely measures it); the
 * rest is the adapter's and the service's own work (building queries, decoding rows) and the event loop.
 */
async function measureWithSql(
  database: BenchDatabase,
  name: string,
  operation: () => Promise<unknown>,
  options: { readonly runs: number; readonly warmup: number; readonly note: string },
): Promise<Measurement> {
  const perOperation: { statements: number; ms: number }[] = [];
  database.recorder.start();
  const measured = await measure(
    name,
    async () => {
      const before = database.recorder.soFar.length;
      await operation();
      const statements = database.recorder.soFar.slice(before);
      perOperation.push({ statements: statements.length, ms: statements.reduce((sum, query) => sum + query.durationMs, 0) });
    },
    options,
  );
  database.recorder.stop();
  const timed = perOperation.slice(options.warmup);
  const sqlMs = timed.map((operationSql) => operationSql.ms).sort((a, b) => a - b)[Math.floor(timed.length / 2)] ?? Number.NaN;
  const statements = Math.round(timed.reduce((sum, operationSql) => sum + operationSql.statements, 0) / timed.length);
  return { ...measured, note: `${options.note}; ${statements} statements, median ${sqlMs.toFixed(2)} ms in SQL` };
}

/** Runs `operation` once while recording, and returns the list statement it ran. */
async function recordList(database: BenchDatabase, operation: () => Promise<unknown>) {
  database.recorder.start();
  await operation();
  return pick(database.recorder.stop(), "the list page", isUserList);
}

/** First and deep keyset pages, unfiltered and filtered (location + company), by full name; and the memory bench's filtered page by e-mail. */
export async function measureLists(database: BenchDatabase, store: PostgresStore, schema: string): Promise<SuiteOutcome> {
  const { db } = database;
  const list = listerOf(store, LISTED);
  const all = await countOf(db, schema, false);
  const filtered = await countOf(db, schema, true);
  const deepAll = Math.floor((all * 0.9) / 50) * 50;
  const deepFiltered = Math.floor(filtered / 2 / 50) * 50;
  const deepAllCursor = await cursorAt(db, schema, deepAll, false);
  const deepFilteredCursor = await cursorAt(db, schema, deepFiltered, true);

  // The constructed cursor is the one a client following nextCursor holds there, and gives the same page.
  let followed: string | null = null;
  for (let page = 0; page < deepFiltered / 50; page += 1) {
    const next: Page<User> = await list({ limit: 50, filter: FILTER, ...(followed === null ? {} : { after: followed }) });
    if (next.items.some((user) => user.location !== "Berlin" || user.company !== "Contoso")) throw new Error("the filtered list returned a user outside the filter");
    followed = next.nextCursor;
  }
  if (followed !== deepFilteredCursor) throw new Error(`following cursors to row ${deepFiltered} gave ${followed}, not ${deepFilteredCursor}`);

  const cases: { name: string; input: UserQueryInput; note: string; indexes: string[] }[] = [
    { name: "first page, 50 by full name", input: { limit: 50 }, note: `${all.toLocaleString("en")} users in the organization`, indexes: ["users_by_full_name"] },
    {
      name: "deep keyset page (at 90%)",
      input: { limit: 50, after: deepAllCursor },
      note: `after row ${deepAll.toLocaleString("en")}`,
      indexes: ["users_by_full_name"],
    },
    {
      name: "filtered (location + company), by full name, first page",
      input: { limit: 50, filter: FILTER },
      note: `${filtered.toLocaleString("en")} match (${((filtered / all) * 100).toFixed(1)}%)`,
      indexes: ["users_location", "users_company"],
    },
    {
      name: "filtered (location + company), by full name, deep page",
      input: { limit: 50, filter: FILTER, after: deepFilteredCursor },
      note: `after row ${deepFiltered.toLocaleString("en")} of ${filtered.toLocaleString("en")}`,
      indexes: ["users_location", "users_company"],
    },
    {
      name: "filtered (location + company), by e-mail, first page",
      input: { limit: 50, filter: FILTER, sort: { field: "email" } },
      note: "the memory bench's filtered query",
      indexes: ["users_by_email", "users_location", "users_company"],
    },
    {
      name: "first page + total (count of the organization)",
      input: { limit: 50, total: "first_page" },
      note: `counts ${all.toLocaleString("en")}`,
      indexes: ["users_by_full_name"],
    },
    {
      name: "filtered (location + company) first page + total",
      input: { limit: 50, filter: FILTER, total: "first_page" },
      note: `counts ${filtered.toLocaleString("en")}`,
      indexes: ["users_location", "users_company"],
    },
  ];
  const measurements: Measurement[] = [];
  const plans: PlanCheck[] = [];
  for (const { name, input, note, indexes } of cases) {
    const page = await list(input);
    if (page.items.length !== 50) throw new Error(`${name}: ${page.items.length} users, expected 50`);
    measurements.push(await measureWithSql(database, name, () => list(input), { runs: 30, warmup: 5, note }));
    plans.push(await checkPlan(database, `list: ${name}`, await recordList(database, () => list(input)), indexes));
  }
  return { measurements, plans };
}

function summarize(name: string, times: number[], note: string): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (quantile: number): number => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? Number.NaN;
  return { name, runs: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), note };
}

/**
 * `jobs.expireDue` with 1% of the users due (de-activate, audit each, one digest per organization), as
 * `bench/expiry.bench.ts` does it on the memory store, `runs` times (no warm-up run: a run takes
 * seconds, so JIT warm-up does not show), the due users put back to `active` with one UPDATE between
 * runs; and the run right after each, with nothing to do.
 */
export async function measureSweep(database: BenchDatabase, store: PostgresStore, schema: string, population: Population, runs: number): Promise<SuiteOutcome> {
  const tenure = createTenure({
    catalog, store, clock: createManualClock(NOW), settings: { thirdParty: { enabled: true } }, links: () => "https://app.example/link",
  });
  const sweep: number[] = [];
  const idle: number[] = [];
  const plans: PlanCheck[] = [];
  let statements = 0;
  let sqlMs = 0;
  for (let run = 0; run < runs; run += 1) {
    if (run > 0) {
      const reactivated = await reactivateDue(database.db, schema);
      if (reactivated !== population.due) throw new Error(`reactivated ${reactivated} users, expected ${population.due}`);
    }
    (globalThis as { gc?: () => void }).gc?.();
    database.recorder.start();
    const start = performance.now();
    const result = await tenure.jobs.expireDue({ now: NOW });
    const elapsed = performance.now() - start;
    const recorded = database.recorder.stop();
    statements += recorded.length;
    sqlMs += recorded.reduce((sum, query) => sum + query.durationMs, 0);
    if (result.expired.length !== population.due || result.conflicts !== 0 || result.errors.length !== 0) {
      throw new Error(
        `expected ${population.due} expired, got ${result.expired.length} (${result.conflicts} conflicts, ${result.errors.map((error) => error.message).join("; ")})`,
      );
    }
    const again = performance.now();
    const second = await tenure.jobs.expireDue({ now: NOW });
    const idleMs = performance.now() - again;
    if (second.expired.length !== 0 || second.errors.length !== 0) throw new Error("the second run expired someone or failed");
    sweep.push(elapsed);
    idle.push(idleMs);
    if (run === 0) {
      const query = pick(recorded, "listAccessExpiring", (text) => /"users"/u.test(text) && /"access_expires_at" </u.test(text));
      plans.push(await checkPlan(database, "expiry sweep: users.listAccessExpiring (first batch of 500)", query, ["users_access_expiring"]));
    }
  }
  const note =
    `${population.users.toLocaleString("en")} users, ${ORGANIZATIONS} orgs, batches of 500; ` +
    `${Math.round(statements / runs).toLocaleString("en")} statements, ${(sqlMs / runs / 1000).toFixed(1)} s in SQL per run`;
  return {
    measurements: [
      summarize(`expireDue, ${population.due.toLocaleString("en")} due (1%)`, sweep, note),
      summarize("expireDue again, nothing left to do", idle, "re-reads the de-activated users' index entries"),
    ],
    plans,
  };
}

/** A deterministic pseudo-random sequence. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * `tenure.access.can` with the permission cache cleared before each question, so every check loads the
 * organization, the user, their groups and every assignment of them and their groups from the store (one
 * transaction) and resolves them. 200 users of all organizations (none third party), half of them in a group.
 */
export async function measurePermissionCheck(database: BenchDatabase, store: PostgresStore, population: Population): Promise<SuiteOutcome> {
  const cache = createPermissionCache<PermissionOf<typeof catalog>>();
  const tenure = createTenure({ catalog, store, clock: createManualClock(NOW), permissionCache: cache, links: () => "https://app.example/link" });
  const random = seeded(7);
  const inGroups = GROUPS_PER_ORGANIZATION * GROUP_SIZE;
  const sample = Array.from({ length: 200 }, (_, k) => {
    const org = k % ORGANIZATIONS;
    const drawn = k % 2 === 0 ? Math.floor(random() * inGroups) : inGroups + Math.floor(random() * (population.perOrganization - inGroups));
    const offset = drawn % 20 === 0 ? drawn + 1 : drawn; // not a third-party user, whose access may have ended
    return { organizationId: organizationIdOf(org), userId: userIdOf(org * population.perOrganization + offset), grouped: k % 2 === 0 };
  });
  for (const { organizationId, userId, grouped } of sample) {
    const place = { organizationId };
    const user = { organizationId, userId };
    cache.clear();
    const answers = [await tenure.access.can(user, "documents.view", place), await tenure.access.can(user, "reports.view", place), await tenure.access.can(user, "users.manage", place)];
    if (answers[0] !== true || answers[1] !== grouped || answers[2] !== false) throw new Error(`wrong permissions for ${userId}: ${JSON.stringify(answers)}`);
  }
  let next = 0;
  const check = async (): Promise<void> => {
    const { organizationId, userId } = sample[next % sample.length] as (typeof sample)[number];
    next += 1;
    cache.clear();
    if (!(await tenure.access.can({ organizationId, userId }, "documents.view", { organizationId }))) throw new Error(`${userId} lost documents.view`);
  };
  const measurement = await measureWithSql(database, "permission check, cold cache (load + resolve)", check, {
    runs: 400, warmup: 20, note: "organization, user, groups, assignments in one transaction",
  });
  database.recorder.start();
  cache.clear();
  await tenure.access.can({ organizationId: organizationIdOf(0), userId: (sample[0] as (typeof sample)[number]).userId }, "documents.view", { organizationId: organizationIdOf(0) });
  const recorded = database.recorder.stop();
  const plans = [
    await checkPlan(database, "permission check: groups.listForMember", pick(recorded, "listForMember", (text) => /"group_members"/u.test(text)), [
      "group_members_by_user",
    ]),
    await checkPlan(
      database,
      "permission check: assignments.listForPrincipals (the user and one group)",
      pick(recorded, "listForPrincipals", (text) => /"role_assignments"/u.test(text)),
      ["role_assignments_unique"],
    ),
  ];
  return { measurements: [measurement], plans };
}

/**
 * `assignments.list` of one organization (every assignment: 100,000 `member` grants and the groups'):
 * what the sweep's digest (`organizationAdmins`) reads, for `superAdmin` and then for `manageUsers`, in
 * each organization where someone expired.
 */
export async function measureAssignmentList(database: BenchDatabase, store: PostgresStore): Promise<SuiteOutcome> {
  let rows = 0;
  const read = async (): Promise<void> => {
    const listed = await store.transaction(async (tx) => ok((await tx.assignments.list(LISTED)).length));
    if (listed.isErr()) throw new Error(listed.error.message);
    rows = listed.value;
  };
  await read();
  const measured = await measureWithSql(database, "assignments.list, one organization (the digest's read)", read, {
    runs: 3, warmup: 1, note: `${rows.toLocaleString("en")} rows`,
  });
  return { measurements: [measured], plans: [] };
}
