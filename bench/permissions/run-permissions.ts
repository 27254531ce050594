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

async function warmRows(section: string, label: string, engines: readonly PermissionEngine[], queries: QueryList, s: Settings): Promise<Row> {
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

async function memoryRow(section: string, engines: readonly PermissionEngine[], model: PermissionModel, label: string): Promise<Row> {
  const values: Partial<Record<EngineName, number>> = {};
  for (const engine of engines) {
    engine.reset();
    values[engine.name as EngineName] = (await retainedBytes(() => engine.warmAll())) / MB;
  }
  const entries = model.users.reduce((total, user) => total + user.organizations.length, 0);
  return { section, metric: `${label} (${entries} user×organization sets)`, unit: "MB", better: "lower", values };
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

/** Runs the suite and prints its report; throws (non-zero exit) when the engines disagree. */
export async function runPermissionBench(): Promise<void> {
  const s = settings();
  const started = performance.now();
  const header: string[] = [];
  const rows: Row[] = [];

  // ---- the shared model in four engines ----------------------------------------------------------
  const model = generateModel(s.size);
  header.push(`model: ${describeModel(model)}`);
  header.push("requirements and entitlements: left out of the shared model (no permission requires another, no organization is capped), so all four engines express the same thing");
  const tenure = createTenureEngine(model, { now: NOW });
  const hand = createHandWrittenEngine(model);
  const casl = createCaslEngine(model);
  const policy = casbinPolicy(model);
  const policyLines = policy.split("\n");
  let enforcer: Awaited<ReturnType<typeof loadCasbin>> | undefined;
  const loadStart = performance.now();
  const casbinBytes = await retainedBytes(async () => (enforcer = await loadCasbin(model, policy)));
  const casbinLoadMs = performance.now() - loadStart;
  if (enforcer === undefined) throw new Error("Casbin did not load");
  const casbin = createCasbinEngine(model, enforcer);
  header.push(
    `Casbin policy: ${policyLines.filter((line) => line.startsWith("p,")).length} p lines, ${policyLines.filter((line) => line.startsWith("g,")).length} g lines; ` +
      `newEnforcer + StringAdapter load took ${(casbinLoadMs / 1000).toFixed(2)} s (once, not in the per-user cold figure)`,
  );
  const engines: PermissionEngine[] = [tenure, hand, casl, casbin];

  // ---- 1. correctness first ------------------------------------------------------------------------
  const sample = makeQueries(model, s.correctness, { seed: 101 });
  const agreement = checkAgreement(engines, sample);
  const totalMismatches = Object.values(agreement.mismatches).reduce((total, count) => total + count, 0);
  header.push(
    `correctness: ${sample.length} random questions (10% in an organization where the user holds nothing), ${((100 * agreement.allowed) / sample.length).toFixed(1)}% allowed; ` +
      `mismatches vs hand-written: ${Object.entries(agreement.mismatches).map(([name, count]) => `${name} ${count}`).join(", ")} → total ${totalMismatches}`,
  );
  console.log(`\n${header.at(-1) as string}`);
  if (totalMismatches > 0) throw new Error(`permission engines disagree on ${totalMismatches} answers`);

  // ---- 2. memory, then warm checks, then cold builds -----------------------------------------------
  const section = `default model (${model.users.length} users)`;
  const memory = await memoryRow(section, [tenure, hand, casl], model, "memory, warm state for all users × their organizations");
  rows.push({ ...memory, values: { ...memory.values, Casbin: casbinBytes / MB } });
  const scattered = makeQueries(model, s.warmQuestions, { seed: 202 });
  const requests = makeQueries(model, s.warmQuestions, { seed: 303, perRequest: { min: 1, max: 10 } });
  rows.push(await warmRows(section, "warm check, scattered questions", engines, scattered, s));
  rows.push(await warmRows(section, "warm check, requests of 1–10 questions", engines, requests, s));
  const users = model.users.length;
  const coldTasks: Task[] = [
    { name: "tenure cold", run: cycling(users, 500, (user) => tenure.buildUser(user)), ops: 500, note: tenure.coldMeaning },
    { name: "hand-written cold", run: cycling(users, 500, (user) => hand.buildUser(user)), ops: 500, note: hand.coldMeaning },
    { name: "CASL cold", run: cycling(users, 200, (user) => casl.buildUser(user)), ops: 200, note: casl.coldMeaning },
    { name: "Casbin cold", run: cyclingAsync(users, 20, (user) => casbin.buildUser(user) as Promise<unknown>), ops: 20, note: casbin.coldMeaning },
  ];
  const cold = await interleaved(coldTasks, { runs: s.coldRuns, warmup: 2 });
  rows.push(row(section, "cold build per user, all the user's organizations", "µs", "lower", engines.map((engine, index) => [engine.name as EngineName, cold[index] as Timed]), (t) => t.nsPerOp / 1000));
  const pairs = model.users.flatMap((user, index) => user.organizations.map((organization) => [index, organization] as const));
  const pairCold = await interleaved(
    [
      { name: "tenure effective (user, org)", run: cycling(pairs.length, 500, (at) => tenure.effectiveOf(...(pairs[at] as readonly [number, number]))), ops: 500 },
      { name: "hand-written (user, org)", run: cycling(pairs.length, 500, (at) => hand.bitsOf(...(pairs[at] as readonly [number, number]))), ops: 500 },
    ],
    { runs: s.coldRuns, warmup: 2 },
  );
  rows.push(row(section, "cold effective set per (user, organization), grants loaded each time", "µs", "lower", [["tenure", pairCold[0] as Timed], ["hand-written", pairCold[1] as Timed]], (t) => t.nsPerOp / 1000));
  for (const engine of engines) engine.reset();

  // ---- 3. growth: 500 roles / 2,000 permissions ------------------------------------------------------
  const largeModel = withHeavyUsers(generateModel(s.largeCatalog), s.heavyUsers, 10);
  const compileStart = performance.now();
  const largeTenure = createTenureEngine(largeModel, { now: NOW });
  const compileMs = performance.now() - compileStart;
  const largeHand = createHandWrittenEngine(largeModel);
  const largeSection = `growth: ${s.largeCatalog.roles} roles / ${s.largeCatalog.permissions} permissions (${largeModel.users.length} users, ${s.heavyUsers} of them with 10 assignments in one organization)`;
  header.push(`${largeSection}: defineCatalog + engine set-up ${compileMs.toFixed(0)} ms`);
  const largeCheck = checkAgreement([largeTenure, largeHand], makeQueries(largeModel, s.correctness / 4, { seed: 404 }));
  if ((largeCheck.mismatches["tenure"] ?? 0) > 0) throw new Error("tenure and the hand-written resolver disagree on the large catalog");
  for (const engine of [largeTenure, largeHand]) engine.reset();
  rows.push(await memoryRow(largeSection, [largeTenure, largeHand], largeModel, "memory, all users × their organizations"));
  rows.push(await warmRows(largeSection, "warm check, scattered questions", [largeTenure, largeHand], makeQueries(largeModel, s.warmQuestions, { seed: 505 }), s));
  const largeUsers = largeModel.users.length - s.heavyUsers;
  const largeCold = await interleaved(
    [
      { name: "tenure cold", run: cycling(largeUsers, 500, (user) => largeTenure.buildUser(user)), ops: 500 },
      { name: "hand-written cold", run: cycling(largeUsers, 500, (user) => largeHand.buildUser(user)), ops: 500 },
    ],
    { runs: s.coldRuns, warmup: 2 },
  );
  rows.push(row(largeSection, "cold build per user, all the user's organizations", "µs", "lower", [["tenure", largeCold[0] as Timed], ["hand-written", largeCold[1] as Timed]], (t) => t.nsPerOp / 1000));
  const heavy = Array.from({ length: s.heavyUsers }, (_, index) => largeUsers + index);
  const heavySubjects = heavy.map((user) => largeTenure.subjectOf(user));
  const heavyOrganization = (at: number): number => largeModel.users[heavy[at] as number]?.organizations[0] as number;
  const heavyCold = await interleaved(
    [
      { name: "tenure grantsOf + effective", run: cycling(heavy.length, 500, (at) => largeTenure.effectiveOf(heavy[at] as number, heavyOrganization(at))), ops: 500 },
      { name: "tenure effective (grants loaded)", run: cycling(heavy.length, 500, (at) => largeTenure.effectiveFor(heavySubjects[at] as AccessSubject, heavyOrganization(at))), ops: 500 },
      { name: "hand-written", run: cycling(heavy.length, 500, (at) => largeHand.bitsOf(heavy[at] as number, heavyOrganization(at))), ops: 500 },
    ],
    { runs: s.coldRuns * 2, warmup: 3 },
  );
  rows.push(row(largeSection, "cold effective set, 10 assignments: grantsOf + effective", "µs", "lower", [["tenure", heavyCold[0] as Timed], ["hand-written", heavyCold[2] as Timed]], (t) => t.nsPerOp / 1000));
  rows.push(row(largeSection, "cold effective set, 10 assignments: effective only", "µs", "lower", [["tenure", heavyCold[1] as Timed], ["hand-written", heavyCold[2] as Timed]], (t) => t.nsPerOp / 1000));
  largeTenure.reset();
  largeHand.reset();

  // ---- 4. growth: 100,000 users ----------------------------------------------------------------------
  const manyModel = generateModel(s.manyUsers);
  const manyTenure = createTenureEngine(manyModel, { now: NOW });
  const manyHand = createHandWrittenEngine(manyModel);
  const manySection = `growth: ${manyModel.users.length} users (${s.manyUsers.roles} roles / ${s.manyUsers.permissions} permissions)`;
  const manyCheck = checkAgreement([manyTenure, manyHand], makeQueries(manyModel, s.correctness / 4, { seed: 606 }));
  if ((manyCheck.mismatches["tenure"] ?? 0) > 0) throw new Error("tenure and the hand-written resolver disagree with 100k users");
  for (const engine of [manyTenure, manyHand]) engine.reset();
  const manyMemory = await memoryRow(manySection, [manyTenure, manyHand], manyModel, "memory, all users × their organizations");
  rows.push(manyMemory);
  rows.push(await warmRows(manySection, "warm check, scattered questions", [manyTenure, manyHand], makeQueries(manyModel, s.warmQuestions, { seed: 707 }), s));
  const manyCold = await interleaved(
    [
      { name: "tenure cold", run: cycling(manyModel.users.length, 500, (user) => manyTenure.buildUser(user)), ops: 500 },
      { name: "hand-written cold", run: cycling(manyModel.users.length, 500, (user) => manyHand.buildUser(user)), ops: 500 },
    ],
    { runs: s.coldRuns, warmup: 2 },
  );
  rows.push(row(manySection, "cold build per user, all the user's organizations", "µs", "lower", [["tenure", manyCold[0] as Timed], ["hand-written", manyCold[1] as Timed]], (t) => t.nsPerOp / 1000));
  const manyEntries = manyModel.users.reduce((total, user) => total + user.organizations.length, 0);
  manyTenure.reset();
  manyHand.reset();

  // ---- targets -------------------------------------------------------------------------------------
  const warm = rows.filter((r) => r.section === section && r.unit === "checks/s");
  const worst = (peer: EngineName): number => Math.min(...warm.map((r) => ratio(r, peer) ?? Number.NaN));
  const list = (peer: EngineName): string => warm.map((r) => `${r.metric.replace("warm check, ", "")} ${(ratio(r, peer) ?? Number.NaN).toFixed(2)}×`).join("; ");
  const heavyMicros = (heavyCold[0] as Timed).nsPerOp / 1000;
  const manyMegabytes = manyMemory.values.tenure ?? Number.NaN;
  const targets: Target[] = [
    { name: "warm checks ≥ 10× CASL's throughput", met: worst("CASL") >= 10, measured: list("CASL") },
    { name: "warm checks ≥ 50× Casbin's throughput", met: worst("Casbin") >= 50, measured: list("Casbin") },
    {
      name: "warm checks within 20% of the hand-written limit (time ≤ 1.2× its time)",
      met: worst("hand-written") >= 1 / 1.2,
      measured: `${list("hand-written")} (tenure takes ${warm.map((r) => `${(1 / (ratio(r, "hand-written") ?? Number.NaN)).toFixed(2)}×`).join(" / ")} the hand-written time)`,
    },
    {
      name: "cold effective set of a 10-assignment user, 500 roles / 2,000 permissions, < 5 µs median",
      met: heavyMicros < 5,
      measured: `${heavyMicros.toFixed(2)} µs with grantsOf, ${((heavyCold[1] as Timed).nsPerOp / 1000).toFixed(2)} µs effective only (median of ${s.coldRuns * 2} runs of 500, per set)`,
    },
    {
      name: `cache for ${manyModel.users.length} users × ~2 scopes < 200 MB`,
      met: manyMegabytes < 200,
      measured: `${manyMegabytes.toFixed(1)} MB for ${manyEntries} entries (${((manyMegabytes * MB) / manyEntries).toFixed(0)} bytes each)${exactHeap ? "" : " — no --expose-gc: rough"}`,
    },
  ];

  header.push(
    `warm = every engine answers the same fixed list of ${s.warmQuestions} questions from its warm state (Casbin: the first ${s.casbinPrefix} of the list, it keeps no per-user state); ` +
      `median of ${s.warmRuns} interleaved runs. Cold = median of ${s.coldRuns} interleaved runs of a batch of users, per user. Memory = JS heap + array buffers retained, ` +
      `${exactHeap ? "after a forced GC" : "process.memoryUsage deltas without GC (run with --expose-gc for exact figures)"}; Casbin: the loaded enforcer.`,
  );
  header.push(`cold, per engine: ${engines.map((engine) => `${engine.name}: ${engine.coldMeaning}`).join("; ")}`);
  printReport(`permissions (${((performance.now() - started) / 1000).toFixed(0)} s)`, header, rows, targets, {
    node: process.version,
    seed: model.seed,
    exactHeap,
    correctness: { questions: sample.length, allowed: agreement.allowed, mismatches: agreement.mismatches, seconds: agreement.seconds },
    casbin: { pLines: policyLines.filter((line) => line.startsWith("p,")).length, gLines: policyLines.filter((line) => line.startsWith("g,")).length, loadMs: casbinLoadMs },
  });
}
