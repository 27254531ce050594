/**
 * The permission benchmark: one seeded model expressed in tenure, CASL, Casbin and a hand-written
 * bit-set resolver. First every engine answers the same 100,000 random questions and must agree (the
 * run fails otherwise); then warm checks, cold per-user builds and memory, and the growth steps for
 * tenure and the hand-written resolver (500 roles / 2,000 permissions; 100,000 users).
 *
 * Environment: BENCH_SCALE=quick shrinks every size (a smoke run); BENCH_SCALE=full is the same as the
 * default today (every step, including 100k users, runs by default).
 */
import { performance } from "node:perf_hooks";
import type { AccessSubject } from "tenure";
import type { PermissionEngine } from "./engine.js";
import { createCaslEngine } from "./casl-engine.js";
import { casbinPolicy, createCasbinEngine, loadCasbin } from "./casbin-engine.js";
import { createHandWrittenEngine } from "./hand-written-engine.js";
import { exactHeap, interleaved, retainedBytes, type Task, type Timed } from "./measurements.js";
import { DEFAULT_SIZE, generateModel, includeDepth, withHeavyUsers, type ModelSize, type PermissionModel } from "./model.js";
import { makeQueries, type QueryList } from "./queries.js";
import { printReport, ratio, type EngineName, type Row, type Target } from "./report.js";
import { createTenureEngine } from "./tenure-engine.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const MB = 1024 * 1024;

interface Settings {
  readonly size: ModelSize;
  readonly correctness: number;
  readonly warmQuestions: number;
  readonly casbinPrefix: number;
  readonly warmRuns: number;
  readonly coldRuns: number;
  readonly largeCatalog: ModelSize;
  readonly heavyUsers: number;
  readonly manyUsers: ModelSize;
}

function settings(): Settings {
  const quick = process.env["BENCH_SCALE"] === "quick";
  const size = quick ? { ...DEFAULT_SIZE, organizations: 100, users: 1_000 } : DEFAULT_SIZE;
  return {
    size,
    correctness: quick ? 10_000 : 100_000,
    warmQuestions: quick ? 20_000 : 100_000,
    casbinPrefix: quick ? 200 : 1_000,
    warmRuns: quick ? 5 : 11,
    coldRuns: quick ? 5 : 15,
    largeCatalog: { ...size, roles: 500, permissions: 2_000 },
    heavyUsers: quick ? 200 : 1_000,
    manyUsers: { ...size, users: quick ? 10_000 : 100_000 },
  };
}

function describeModel(model: PermissionModel): string {
  const users = model.users.length;
  const sum = (pick: (user: (typeof model.users)[number]) => number): number => model.users.reduce((total, user) => total + pick(user), 0);
  const groupRoles = model.groups.reduce((total, group) => total + group.roles.length, 0);
  return (
    `${model.size.roles} roles (includes up to depth ${includeDepth(model)}), ${model.size.permissions} permissions, ` +
    `${model.size.organizations} organizations, ${users} users; per user ${(sum((u) => u.organizations.length) / users).toFixed(2)} organizations, ` +
    `${(sum((u) => u.assignments.length) / users).toFixed(2)} direct assignments, ${(sum((u) => u.groups.length) / users).toFixed(2)} groups; ` +
    `${model.groups.length} groups with ${(groupRoles / model.groups.length).toFixed(2)} roles each (seed ${model.seed})`
  );
}

/** Cycles through `count` items, `batch` per run. */
function cycling(count: number, batch: number, each: (index: number) => unknown): () => unknown {
  let next = 0;
  return () => {
    let last: unknown;
    for (let index = 0; index < batch; index += 1) {
      last = each(next);
      next = (next + 1) % count;
    }
    return last;
  };
}

function cyclingAsync(count: number, batch: number, each: (index: number) => Promise<unknown>): () => Promise<unknown> {
  let next = 0;
  return async () => {
    for (let index = 0; index < batch; index += 1) {
      await each(next);
      next = (next + 1) % count;
    }
  };
}

function row(section: string, metric: string, unit: string, better: "higher" | "lower", measured: readonly (readonly [EngineName, Timed])[], value: (timed: Timed) => number): Row {
  return {
    section,
    metric,
    unit,
    better,
    values: Object.fromEntries(measured.map(([engine, timed]) => [engine, value(timed)])),
    runs: Object.fromEntries(measured.map(([engine, timed]) => [engine, { medianMs: timed.medianMs, p95Ms: timed.p95Ms, runs: timed.runs, ops: timed.ops }])),
  };
}

async function warmRow(section: string, label: string, engines: readonly PermissionEngine[], queries: QueryList, s: Settings): Promise<Row> {
  for (const engine of engines) engine.warmFor(queries);
  const prefix = sliceQueries(queries, s.casbinPrefix);
  const tasks: Task[] = engines.map((engine) => {
    const list = engine.name === "Casbin" ? prefix : queries;
    return { name: `${engine.name} warm`, run: () => engine.checkAll(list), ops: list.length };
  });
  const timed = await interleaved(tasks, { runs: s.warmRuns, warmup: 2 });
  return row(section, label, "checks/s", "higher", engines.map((engine, index) => [engine.name as EngineName, timed[index] as Timed]), (t) => t.perSecond);
}

function sliceQueries(queries: QueryList, count: number): QueryList {
  const end = Math.min(count, queries.length);
  return {
    length: end,
    user: queries.user.subarray(0, end),
    permission: queries.permission.subarray(0, end),
    organization: queries.organization.subarray(0, end),
    userIds: queries.userIds.slice(0, end),
    permissionNames: queries.permissionNames.slice(0, end),
    organizationIds: queries.organizationIds.slice(0, end),
  };
}

async function memoryRow(section: string, engines: readonly PermissionEngine[], model: PermissionModel): Promise<Row> {
  const values: Partial<Record<EngineName, number>> = {};
  for (const engine of engines) {
    engine.reset();
    values[engine.name as EngineName] = (await retainedBytes(() => engine.warmAll())) / MB;
  }
  const entries = model.users.reduce((total, user) => total + user.organizations.length, 0);
  return { section, metric: `memory, warm state of ${entries} (user, organization) sets`, unit: "MB", better: "lower", values };
}

/** Every engine answers the same questions; returns the mismatch count against the hand-written resolver. */
function checkAgreement(engines: readonly PermissionEngine[], queries: QueryList): { mismatches: Record<string, number>; allowed: number; seconds: Record<string, number> } {
  const answers = engines.map((engine) => {
    const out = new Uint8Array(queries.length);
    const start = performance.now();
    engine.answer(queries, out);
    return { engine, out, seconds: (performance.now() - start) / 1000 };
  });
  const reference = answers.find((answer) => answer.engine.name === "hand-written")?.out as Uint8Array;
  const mismatches: Record<string, number> = {};
  for (const { engine, out } of answers) {
    let count = 0;
    for (let index = 0; index < queries.length; index += 1) {
      if (out[index] !== reference[index]) {
        if (count < 5) console.log(`  mismatch ${engine.name}: ${queries.userIds[index]} ${queries.permissionNames[index]} @ ${queries.organizationIds[index]}: ${out[index]} vs ${reference[index]}`);
        count += 1;
      }
    }
    mismatches[engine.name] = count;
  }
  return { mismatches, allowed: reference.reduce((total, bit) => total + bit, 0), seconds: Object.fromEntries(answers.map((a) => [a.engine.name, Number(a.seconds.toFixed(2))])) };
}

interface Section {
  readonly header: string[];
  readonly rows: Row[];
  readonly extra: Record<string, unknown>;
}

/** The four engines on the default model: correctness first (throws on any disagreement), then memory, warm checks, cold builds. */
async function defaultSection(s: Settings): Promise<Section> {
  const header: string[] = [];
  const rows: Row[] = [];
  const model = generateModel(s.size);
  header.push(`model: ${describeModel(model)}`);
  header.push("requirements and entitlements: left out of the shared model (no permission requires another, no organization is capped), so all four engines express the same thing");
  const tenure = createTenureEngine(model, { now: NOW });
  const hand = createHandWrittenEngine(model);
  const casl = createCaslEngine(model);
  const policy = casbinPolicy(model);
  const policyLines = policy.split("\n");
  const pLines = policyLines.filter((line) => line.startsWith("p,")).length;
  const gLines = policyLines.length - pLines;
  let enforcer: Awaited<ReturnType<typeof loadCasbin>> | undefined;
  const loadStart = performance.now();
  const casbinBytes = await retainedBytes(async () => (enforcer = await loadCasbin(model, policy)));
  const casbinLoadMs = performance.now() - loadStart;
  if (enforcer === undefined) throw new Error("Casbin did not load");
  const casbin = createCasbinEngine(model, enforcer);
  header.push(`Casbin policy: ${pLines} p lines, ${gLines} g lines; newEnforcer + StringAdapter load took ${(casbinLoadMs / 1000).toFixed(2)} s (once; not in the per-user cold figure)`);
  const engines: PermissionEngine[] = [tenure, hand, casl, casbin];

  // Correctness first.
  const sample = makeQueries(model, s.correctness, { seed: 101 });
  const agreement = checkAgreement(engines, sample);
  const totalMismatches = Object.values(agreement.mismatches).reduce((total, count) => total + count, 0);
  header.push(
    `correctness: ${sample.length} random questions (10% in an organization where the user holds nothing), ${((100 * agreement.allowed) / sample.length).toFixed(1)}% allowed; ` +
      `mismatches vs hand-written: ${Object.entries(agreement.mismatches).map(([name, count]) => `${name} ${count}`).join(", ")} → total ${totalMismatches}`,
  );
  console.log(`\n${header.at(-1) as string}`);
  if (totalMismatches > 0) throw new Error(`permission engines disagree on ${totalMismatches} answers`);

  const section = `default model, ${model.users.length} users`;
  const memory = await memoryRow(section, [tenure, hand, casl], model);
  rows.push({ ...memory, values: { ...memory.values, Casbin: casbinBytes / MB } });
  rows.push(await warmRow(section, "warm check, scattered questions", engines, makeQueries(model, s.warmQuestions, { seed: 202 }), s));
  rows.push(await warmRow(section, "warm check, requests of 1–10 questions", engines, makeQueries(model, s.warmQuestions, { seed: 303, perRequest: { min: 1, max: 10 } }), s));
  const users = model.users.length;
  const cold = await interleaved(
    [
      { name: "tenure cold", run: cycling(users, 500, (user) => tenure.buildUser(user)), ops: 500 },
      { name: "hand-written cold", run: cycling(users, 500, (user) => hand.buildUser(user)), ops: 500 },
      { name: "CASL cold", run: cycling(users, 200, (user) => casl.buildUser(user)), ops: 200 },
      { name: "Casbin cold", run: cyclingAsync(users, 20, (user) => casbin.buildUser(user) as Promise<unknown>), ops: 20 },
    ],
    { runs: s.coldRuns, warmup: 2 },
  );
  rows.push(row(section, "cold build per user (all their organizations)", "µs", "lower", engines.map((engine, index) => [engine.name as EngineName, cold[index] as Timed]), (t) => t.nsPerOp / 1000));
  const pairs = model.users.flatMap((user, index) => user.organizations.map((organization) => [index, organization] as const));
  const pairCold = await interleaved(
    [
      { name: "tenure (user, org)", run: cycling(pairs.length, 500, (at) => tenure.effectiveOf(...(pairs[at] as readonly [number, number]))), ops: 500 },
      { name: "hand-written (user, org)", run: cycling(pairs.length, 500, (at) => hand.bitsOf(...(pairs[at] as readonly [number, number]))), ops: 500 },
    ],
    { runs: s.coldRuns, warmup: 2 },
  );
  rows.push(row(section, "cold effective set per (user, organization)", "µs", "lower", [["tenure", pairCold[0] as Timed], ["hand-written", pairCold[1] as Timed]], (t) => t.nsPerOp / 1000));
  header.push(`cold, per engine: ${engines.map((engine) => `${engine.name}: ${engine.coldMeaning}`).join("; ")}`);
  return {
    header,
    rows,
    extra: {
      seed: model.seed,
      correctness: { questions: sample.length, allowed: agreement.allowed, mismatches: agreement.mismatches, seconds: agreement.seconds },
      casbin: { pLines, gLines, loadMs: Math.round(casbinLoadMs) },
    },
  };
}

/** Growth in catalog size, tenure and the hand-written resolver: 500 roles / 2,000 permissions, plus users holding 10 roles in one organization. */
async function largeCatalogSection(s: Settings): Promise<Section & { readonly heavy: readonly [Timed, Timed] }> {
  const model = withHeavyUsers(generateModel(s.largeCatalog), s.heavyUsers, 10);
  const setUpStart = performance.now();
  const tenure = createTenureEngine(model, { now: NOW });
  const setUpMs = performance.now() - setUpStart;
  const hand = createHandWrittenEngine(model);
  const section = `growth: ${s.largeCatalog.roles} roles / ${s.largeCatalog.permissions} permissions, ${model.users.length} users (${s.heavyUsers} of them with 10 roles in one organization)`;
  const check = checkAgreement([tenure, hand], makeQueries(model, s.correctness / 4, { seed: 404 }));
  if ((check.mismatches["tenure"] ?? 0) > 0) throw new Error("tenure and the hand-written resolver disagree on the large catalog");
  const rows: Row[] = [await memoryRow(section, [tenure, hand], model)];
  rows.push(await warmRow(section, "warm check, scattered questions", [tenure, hand], makeQueries(model, s.warmQuestions, { seed: 505 }), s));
  const users = model.users.length - s.heavyUsers;
  const cold = await interleaved(
    [
      { name: "tenure cold", run: cycling(users, 500, (user) => tenure.buildUser(user)), ops: 500 },
      { name: "hand-written cold", run: cycling(users, 500, (user) => hand.buildUser(user)), ops: 500 },
    ],
    { runs: s.coldRuns, warmup: 2 },
  );
  rows.push(row(section, "cold build per user (all their organizations)", "µs", "lower", [["tenure", cold[0] as Timed], ["hand-written", cold[1] as Timed]], (t) => t.nsPerOp / 1000));
  const heavy = Array.from({ length: s.heavyUsers }, (_, index) => users + index);
  const subjects = heavy.map((user) => tenure.subjectOf(user));
  const organizationOf = (at: number): number => model.users[heavy[at] as number]?.organizations[0] as number;
  const heavyCold = await interleaved(
    [
      { name: "tenure grantsOf + effective", run: cycling(heavy.length, 500, (at) => tenure.effectiveOf(heavy[at] as number, organizationOf(at))), ops: 500 },
      { name: "tenure effective (grants loaded)", run: cycling(heavy.length, 500, (at) => tenure.effectiveFor(subjects[at] as AccessSubject, organizationOf(at))), ops: 500 },
      { name: "hand-written", run: cycling(heavy.length, 500, (at) => hand.bitsOf(heavy[at] as number, organizationOf(at))), ops: 500 },
    ],
    { runs: s.coldRuns * 2, warmup: 3 },
  );
  rows.push(row(section, "cold set, 10 roles: grantsOf + effective", "µs", "lower", [["tenure", heavyCold[0] as Timed], ["hand-written", heavyCold[2] as Timed]], (t) => t.nsPerOp / 1000));
  rows.push(row(section, "cold set, 10 roles: effective only", "µs", "lower", [["tenure", heavyCold[1] as Timed], ["hand-written", heavyCold[2] as Timed]], (t) => t.nsPerOp / 1000));
  return { header: [`${section}: defineCatalog + engine set-up ${setUpMs.toFixed(0)} ms`], rows, extra: {}, heavy: [heavyCold[0] as Timed, heavyCold[1] as Timed] };
}

/** Growth in users, tenure and the hand-written resolver: 100,000 users on the default catalog. */
async function manyUsersSection(s: Settings): Promise<Section & { readonly entries: number; readonly users: number }> {
  const model = generateModel(s.manyUsers);
  const tenure = createTenureEngine(model, { now: NOW });
  const hand = createHandWrittenEngine(model);
  const section = `growth: ${model.users.length} users, ${s.manyUsers.roles} roles / ${s.manyUsers.permissions} permissions`;
  const check = checkAgreement([tenure, hand], makeQueries(model, s.correctness / 4, { seed: 606 }));
  if ((check.mismatches["tenure"] ?? 0) > 0) throw new Error("tenure and the hand-written resolver disagree with many users");
  const rows: Row[] = [await memoryRow(section, [tenure, hand], model)];
  rows.push(await warmRow(section, "warm check, scattered questions", [tenure, hand], makeQueries(model, s.warmQuestions, { seed: 707 }), s));
  const cold = await interleaved(
    [
      { name: "tenure cold", run: cycling(model.users.length, 500, (user) => tenure.buildUser(user)), ops: 500 },
      { name: "hand-written cold", run: cycling(model.users.length, 500, (user) => hand.buildUser(user)), ops: 500 },
    ],
    { runs: s.coldRuns, warmup: 2 },
  );
  rows.push(row(section, "cold build per user (all their organizations)", "µs", "lower", [["tenure", cold[0] as Timed], ["hand-written", cold[1] as Timed]], (t) => t.nsPerOp / 1000));
  const entries = model.users.reduce((total, user) => total + user.organizations.length, 0);
  return { header: [], rows, extra: {}, entries, users: model.users.length };
}

/** Runs the suite and prints its report; throws (non-zero exit) when the engines disagree. */
export async function runPermissionBench(): Promise<void> {
  const s = settings();
  const started = performance.now();
  const first = await defaultSection(s);
  const large = await largeCatalogSection(s);
  const many = await manyUsersSection(s);
  const rows = [...first.rows, ...large.rows, ...many.rows];

  const warm = first.rows.filter((r) => r.unit === "checks/s");
  const worst = (peer: EngineName): number => Math.min(...warm.map((r) => ratio(r, peer) ?? Number.NaN));
  const list = (peer: EngineName): string => warm.map((r) => `${r.metric.replace("warm check, ", "")} ${(ratio(r, peer) ?? Number.NaN).toFixed(2)}×`).join("; ");
  const heavyMicros = large.heavy[0].nsPerOp / 1000;
  const manyMemory = many.rows[0]?.values.tenure ?? Number.NaN;
  const targets: Target[] = [
    { name: "warm checks ≥ 10× CASL's throughput", met: worst("CASL") >= 10, measured: list("CASL") },
    { name: "warm checks ≥ 50× Casbin's throughput", met: worst("Casbin") >= 50, measured: list("Casbin") },
    {
      name: "warm checks within 20% of the hand-written limit (time ≤ 1.2× its time)",
      met: worst("hand-written") >= 1 / 1.2,
      measured: warm.map((r) => `${r.metric.replace("warm check, ", "")}: tenure takes ${(1 / (ratio(r, "hand-written") ?? Number.NaN)).toFixed(2)}× the time`).join("; "),
    },
    {
      name: "cold effective set of a user with 10 assignments, 500 roles / 2,000 permissions, < 5 µs median",
      met: heavyMicros < 5,
      measured: `${heavyMicros.toFixed(2)} µs with grantsOf, ${(large.heavy[1].nsPerOp / 1000).toFixed(2)} µs effective only (median of ${s.coldRuns * 2} runs of 500 sets)`,
    },
    {
      name: `cache for ${many.users} users × ~2 scopes < 200 MB`,
      met: manyMemory < 200,
      measured: `${manyMemory.toFixed(1)} MB for ${many.entries} entries (${((manyMemory * MB) / many.entries).toFixed(0)} bytes each)${exactHeap ? "" : " — without --expose-gc: rough"}`,
    },
  ];
  const header = [
    ...first.header,
    ...large.header,
    `warm = every engine answers the same fixed list of ${s.warmQuestions} questions from its warm state (Casbin: the first ${s.casbinPrefix} of the list; it keeps no per-user state); ` +
      `median of ${s.warmRuns} interleaved runs. Cold = median of ${s.coldRuns} interleaved runs of a batch of users, per user or per set. ` +
      `Memory = JS heap + array buffers retained by the warm state, ${exactHeap ? "after a forced GC" : "process.memoryUsage deltas without GC (run with --expose-gc for exact figures)"}; Casbin: the loaded enforcer.`,
  ];
  printReport(`permissions (${((performance.now() - started) / 1000).toFixed(0)} s)`, header, rows, targets, { node: process.version, exactHeap, ...first.extra });
}
