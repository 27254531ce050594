/**
 * One authorization gate (DESIGN.md): every command and query of the service, enumerated from the
 * service object, run by actors of every standing on inputs whose ids come from every organization,
 * answers as the reference table (`authorization/_reference.ts`) says: allowed (never refused by an
 * authorization rule, never a throw), or refused with `forbidden` / `not_found` and the store exactly
 * as before. User lists respect visibility on every filter, prefix, sort, page size and cursor.
 *
 * Each run draws a command and an input, then runs it as every standing the table refuses, and as one
 * drawn standing the table allows. One world serves many runs: it is rebuilt only after a call wrote
 * something, so the table (written from the world's description) always describes the store.
 */
import { isDeepStrictEqual } from "node:util";
import { fc, test as fcTest } from "@fast-check/vitest";
import type { Result } from "neverthrow";
import { afterAll, describe, expect, it } from "vitest";
import { PLATFORM_SCOPE, type TenureError } from "tenure";
import { TEST_STORE } from "./_test-store.js";
import { createChecker, selfOf } from "./authorization/_check.js";
import { commandAt, drawsArbitrary, inputBuilders, NOT_COMMANDS, PUBLIC_COMMANDS, servicePaths, type Draws } from "./authorization/_commands.js";
import { CAST, ORG_KEYS, STANDINGS, userIdOf, type Standing } from "./authorization/_world.js";

/**
 * Runs of the property: each run is one command, its input, and up to every standing (about twenty
 * calls). Fewer on PostgreSQL, where a world is rebuilt after each run that wrote; `TENURE_AUTHZ_RUNS`
 * overrides both (e.g. to search longer while building the gate). On PostgreSQL a failure is not shrunk
 * (each step re-runs every standing there): the message lists every problem of the failing run anyway.
 */
const NUM_RUNS = Number(process.env["TENURE_AUTHZ_RUNS"] ?? (TEST_STORE === "memory" ? 200 : 15));
const COMMANDS = Object.keys(inputBuilders).sort();
const checker = createChecker();
afterAll(() => checker.close());

describe("one authorization gate", () => {
  it("every command and query of the service is classified: an input builder for those taking an actor, or listed as public", async () => {
    const w = await checker.cleanWorld();
    const paths = servicePaths(w.tenure);
    const unclassified = paths.filter((path) => !(path in inputBuilders) && !PUBLIC_COMMANDS.includes(path));
    expect(unclassified, "classify these: add an input builder (authorization/_commands.ts) or list them as public").toEqual([]);
    const stale = [...COMMANDS, ...PUBLIC_COMMANDS].filter((path) => !paths.includes(path));
    expect(stale, "these are classified but the service has no such function").toEqual([]);
    expect(NOT_COMMANDS.every((path) => path in w.tenure)).toBe(true);
  });

  it("the world is as described: who administers which organization, who is a super admin (the table's premises)", async () => {
    const w = await checker.cleanWorld();
    const described: string[] = [];
    const answered: string[] = [];
    for (const member of CAST) {
      const user = { organizationId: w.orgs[member.org], userId: userIdOf(member.username) };
      for (const org of ORG_KEYS) {
        if (member.active && member.adminOf.includes(org)) described.push(`${member.username} administers ${org}`);
        if (await w.tenure.access.can(user, "users.manage", { organizationId: w.orgs[org] })) answered.push(`${member.username} administers ${org}`);
      }
      if (member.active && member.superAdmin) described.push(`${member.username} is a super admin`);
      if (await w.tenure.access.can(user, "system.admin", { organizationId: w.orgs[member.org], scope: PLATFORM_SCOPE })) answered.push(`${member.username} is a super admin`);
    }
    expect(answered).toEqual(described);
  });

  it.runIf(TEST_STORE === "memory")("each input builder makes an input the service accepts (run by the system, on ids of the organization)", async () => {
    const d: Draws = {
      org: "P",
      user: { kind: "in_organization", index: 4 },
      user2: { kind: "in_organization", index: 0 },
      users: [{ kind: "in_organization", index: 7 }],
      group: { inOrganization: true, index: 1 },
      assignment: { inOrganization: true, index: 9 }, role: "member", flag: true, variant: 1,
      list: { sort: { field: "fullName", direction: "asc" }, limit: 5, foreignCursor: false },
    };
    const system: Standing = STANDINGS.find((standing) => standing.kind === "system")!;
    const rejected: string[] = [];
    for (const path of COMMANDS) {
      const w = await checker.cleanWorld();
      const input = inputBuilders[path]!({ w, d, O: w.orgs.P, self: selfOf(system) });
      const before = w.store.snapshot();
      const result = (await commandAt(w.tenure, path)(w.actorOf(system), input)) as Result<unknown, TenureError>;
      if (!isDeepStrictEqual(before, w.store.snapshot())) checker.touched();
      if (result.isErr() && result.error.code === "validation") rejected.push(`${path}: ${result.error.message}`);
    }
    expect(rejected).toEqual([]);
  });

  fcTest.prop([fc.constantFrom(...COMMANDS), drawsArbitrary, fc.nat()], { numRuns: NUM_RUNS, endOnFailure: TEST_STORE !== "memory" })(
    "every command answers each standing as the reference table says: allowed, or refused (forbidden/not_found) with the store unchanged",
    async (path, d, allowedPick) => {
      const w = await checker.cleanWorld();
      const verdicts = STANDINGS.map((standing) => ({ standing, allowed: checker.plan(w, path, standing, d).verdict.allowed }));
      const refusedOnes = verdicts.filter(({ allowed }) => !allowed).map(({ standing }) => standing);
      const allowedOnes = verdicts.filter(({ allowed }) => allowed).map(({ standing }) => standing);
      const problems: string[] = [];
      for (const standing of refusedOnes) problems.push(...(await checker.check(path, standing, d)));
      if (allowedOnes.length > 0) problems.push(...(await checker.check(path, allowedOnes[allowedPick % allowedOnes.length]!, d)));
      expect(problems).toEqual([]);
    },
    600_000,
  );
});
