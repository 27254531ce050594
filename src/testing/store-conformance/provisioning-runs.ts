import assert from "node:assert/strict";
import { err, ok, type Result } from "neverthrow";
import { encodeCursor } from "../../model/cursor.js";
import type { ProvisioningRecordOutcome, ProvisioningRun } from "../../model/provisioning-run.js";
import type { ProvisioningOutcomeListQuery, ProvisioningRunListQuery } from "../../ports/provisioning-run-repository.js";
import type { ConformanceStore, ConformanceTransaction } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { makeTestProvisioningOutcome, makeTestProvisioningRun } from "./_internal/fixtures/provisioning-run.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { organizationId, provisioningRunId } from "./_internal/ids.js";
import { runInterleaved } from "./_internal/interleave.js";
import { describeValue, expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const B = "org-b";
const ORG_A = organizationId(A);
const ORG_B = organizationId(B);
const RUN_1 = provisioningRunId("run-1");

/** Stores org-a and org-b, then the runs and outcomes, in one committed transaction. */
async function seedRuns(
  store: ConformanceStore,
  runs: readonly ProvisioningRun[],
  outcomes: readonly ProvisioningRecordOutcome[] = [],
): Promise<void> {
  await seed(store, { organizations: [makeTestOrganization({ id: A }), makeTestOrganization({ id: B })] });
  await committed(store, async (tx) => {
    for (const run of runs) expectOk(await tx.provisioningRuns.insert(run), `seed run ${run.id}`);
    if (outcomes.length > 0) expectOk(await tx.provisioningRuns.appendOutcomes(outcomes), "seed outcomes");
  });
}

/** Every run of a listing, page by page (`limit` each), checking that only the first page carries the total. */
async function allRuns(tx: ConformanceTransaction, query: ProvisioningRunListQuery): Promise<{ ids: string[]; pages: number; total: number | null }> {
  const ids: string[] = [];
  let after: string | undefined;
  let pages = 0;
  let total: number | null = null;
  for (;;) {
    const page = expectOk(await tx.provisioningRuns.list(ORG_A, { ...query, after }), `runs page ${pages}`);
    if (pages === 0) total = page.total;
    else assert.equal(page.total, null, "only the first page counts the total");
    pages += 1;
    ids.push(...page.items.map((run) => run.id));
    if (page.nextCursor === null) return { ids, pages, total };
    after = page.nextCursor;
  }
}

/** Every outcome sequence of one run, page by page. */
async function allSequences(tx: ConformanceTransaction, query: ProvisioningOutcomeListQuery): Promise<{ sequences: number[]; pages: number; total: number | null }> {
  const sequences: number[] = [];
  let after: string | undefined;
  let pages = 0;
  let total: number | null = null;
  for (;;) {
    const page = expectOk(await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { ...query, after }), `outcomes page ${pages}`);
    if (pages === 0) total = page.total;
    pages += 1;
    sequences.push(...page.items.map((outcome) => outcome.sequence));
    if (page.nextCursor === null) return { sequences, pages, total };
    after = page.nextCursor;
  }
}

/** Asserts that of two transaction results exactly one is `Ok`, and the other an `Err` with one of `codes`. */
function expectOneCommits(results: readonly [Result<unknown, { readonly code: string }>, Result<unknown, { readonly code: string }>], codes: readonly string[]): void {
  const [first, second] = results;
  assert.ok(first.isOk(), `the transaction that commits first wins; got ${describeValue(first)}`);
  assert.ok(second.isErr() && codes.includes(second.error.code), `the other fails with ${codes.join(" or ")}, not ${describeValue(second)}`);
}

/** Registers the tests of `ProvisioningRunRepository`: runs (versions, isolation, newest-first paging) and their outcomes. */
export function registerProvisioningRunTests({ test, storeTest, transactions }: SuiteContext): void {
  test.describe("provisioning runs", () => {
    if (transactions === "concurrent") {
      storeTest("interleaved transactions finishing the same run, or appending the same sequence: exactly one commits each time", async (store) => {
        await seedRuns(store, [makeTestProvisioningRun({ id: "run-1", organizationId: A })]);
        const finish = (status: "completed" | "failed") => ({
          read: (tx: ConformanceTransaction) => tx.provisioningRuns.get(ORG_A, RUN_1),
          write: async (tx: ConformanceTransaction, run: ProvisioningRun | null) => {
            assert.ok(run !== null && run.version === 0, "both transactions read version 0");
            return tx.provisioningRuns.update({ ...run, status, finishedAt: testInstant(9) });
          },
        });
        expectOneCommits(await runInterleaved(store, finish("completed"), finish("failed")), ["conflict"]);
        assert.deepEqual(await committed(store, async (tx) => (await tx.provisioningRuns.get(ORG_A, RUN_1))?.status), "completed");
        const append = (position: string) => ({
          read: async (tx: ConformanceTransaction) => tx.provisioningRuns.get(ORG_A, RUN_1),
          write: async (tx: ConformanceTransaction) =>
            tx.provisioningRuns.appendOutcomes([makeTestProvisioningOutcome({ runId: "run-1", organizationId: A, sequence: 0, position })]),
        });
        expectOneCommits(await runInterleaved(store, append("first"), append("second")), ["conflict", "duplicate"]);
        const stored = await committed(store, async (tx) => expectOk(await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 5 }), "outcomes").items);
        assert.deepEqual(stored.map((outcome) => outcome.position), ["first"]);
      });
    }

    storeTest("insert returns the run and get reads it back; unknown ids are null; a taken id is a duplicate", async (store) => {
      const run = makeTestProvisioningRun({
        id: "run-1",
        organizationId: A,
        source: "hr-sheet",
        sourceKind: "spreadsheet",
        mode: "new_only",
        scope: "cn=staff,dc=example,dc=com",
        actor: { type: "user", id: "u-admin", organizationId: A },
        startedAt: testInstant(5),
      });
      await seedRuns(store, []);
      const inserted = await committed(store, async (tx) => expectOk(await tx.provisioningRuns.insert(run), "insert"));
      assert.deepEqual(inserted, run);
      await committed(store, async (tx) => {
        assert.deepEqual(await tx.provisioningRuns.get(ORG_A, RUN_1), run);
        assert.equal(await tx.provisioningRuns.get(ORG_A, provisioningRunId("run-missing")), null);
        const error = expectErr(await tx.provisioningRuns.insert(makeTestProvisioningRun({ id: "run-1", organizationId: A, source: "x" })), "duplicate", "taken id");
        assert.equal(error.entity, "provisioning_run");
      });
      assert.deepEqual(await committed(store, (tx) => tx.provisioningRuns.get(ORG_A, RUN_1)), run);
    });

    storeTest("update stores version + 1; a stale version is a conflict; an unknown or another organization's run, not_found", async (store) => {
      const run = makeTestProvisioningRun({ id: "run-1", organizationId: A });
      await seedRuns(store, [run]);
      const finished: ProvisioningRun = {
        ...run,
        status: "completed",
        finishedAt: testInstant(9),
        counts: { ...run.counts, create: 3, unchanged: 7, errors: 1 },
      };
      const updated = await committed(store, async (tx) => expectOk(await tx.provisioningRuns.update(finished), "update"));
      assert.deepEqual(updated, { ...finished, version: 1 });
      await committed(store, async (tx) => {
        const stale = expectErr(await tx.provisioningRuns.update({ ...run, status: "failed" }), "conflict", "stale");
        assert.equal(stale.entity, "provisioning_run");
        assert.equal(stale.expectedVersion, 0);
        assert.equal(stale.actualVersion, 1);
        expectErr(await tx.provisioningRuns.update(makeTestProvisioningRun({ id: "run-missing", organizationId: A })), "not_found", "unknown");
        const foreign = expectErr(await tx.provisioningRuns.update({ ...finished, version: 1, organizationId: ORG_B }), "not_found", "other organization");
        assert.equal(foreign.id, "run-1");
      });
      assert.deepEqual(await committed(store, (tx) => tx.provisioningRuns.get(ORG_A, RUN_1)), { ...finished, version: 1 });
    });

    storeTest("another organization's run and outcomes are invisible", async (store) => {
      await seedRuns(store, [makeTestProvisioningRun({ id: "run-1", organizationId: A })], [makeTestProvisioningOutcome({ runId: "run-1", organizationId: A })]);
      await committed(store, async (tx) => {
        assert.equal(await tx.provisioningRuns.get(ORG_B, RUN_1), null);
        const runs = expectOk(await tx.provisioningRuns.list(ORG_B, { limit: 10 }), "list");
        assert.deepEqual(runs, { items: [], nextCursor: null, total: 0 });
        const outcomes = expectOk(await tx.provisioningRuns.listOutcomes(ORG_B, RUN_1, { limit: 10 }), "outcomes");
        assert.deepEqual(outcomes, { items: [], nextCursor: null, total: 0 });
      });
    });

    storeTest("list is newest first (startedAt, then id, descending), pages without gaps, and filters by source", async (store) => {
      const run = (id: string, minute: number, source = "corp-ldap") => makeTestProvisioningRun({ id, organizationId: A, startedAt: testInstant(minute), source });
      await seedRuns(store, [
        run("run-a", 10),
        run("run-c", 30, "hr-sheet"),
        run("run-b", 30),
        run("run-d", 20, "hr-sheet"),
        run("run-e", 40),
        makeTestProvisioningRun({ id: "run-f", organizationId: B, startedAt: testInstant(50) }),
      ]);
      await committed(store, async (tx) => {
        const everything = expectOk(await tx.provisioningRuns.list(ORG_A, { limit: 100 }), "one page");
        assert.deepEqual(everything.items.map((r) => r.id), ["run-e", "run-c", "run-b", "run-d", "run-a"]);
        assert.equal(everything.nextCursor, null);
        assert.equal(everything.total, 5);
        const paged = await allRuns(tx, { limit: 2 });
        assert.deepEqual(paged, { ids: ["run-e", "run-c", "run-b", "run-d", "run-a"], pages: 3, total: 5 });
        const bySource = await allRuns(tx, { limit: 1, source: "hr-sheet" });
        assert.deepEqual(bySource, { ids: ["run-c", "run-d"], pages: 2, total: 2 });
        assert.deepEqual((await allRuns(tx, { limit: 5, source: "nobody" })).ids, []);
      });
    });

    storeTest("a cursor the run list did not produce is a validation error on after", async (store) => {
      await seedRuns(store, [makeTestProvisioningRun({ id: "run-1", organizationId: A })]);
      await committed(store, async (tx) => {
        for (const after of ["not a cursor!", encodeCursor({ order: "audit:desc", key: testInstant(0).toISOString(), id: "x" }), encodeCursor({ order: "provisioning_runs:desc", key: "yesterday", id: "x" })]) {
          const error = expectErr(await tx.provisioningRuns.list(ORG_A, { limit: 10, after }), "validation", `cursor ${after}`);
          assert.equal(error.issues[0]?.field, "after");
        }
      });
    });

    storeTest("appendOutcomes refuses a taken (run, sequence) as a duplicate and writes nothing of that call", async (store) => {
      const outcome = (sequence: number) => makeTestProvisioningOutcome({ runId: "run-1", organizationId: A, sequence });
      await seedRuns(store, [makeTestProvisioningRun({ id: "run-1", organizationId: A })], [outcome(0), outcome(1)]);
      await committed(store, async (tx) => {
        const taken = expectErr(await tx.provisioningRuns.appendOutcomes([outcome(2), outcome(1), outcome(3)]), "duplicate", "taken");
        assert.equal(taken.entity, "provisioning_outcome");
        assert.equal(taken.field, "sequence");
        expectErr(await tx.provisioningRuns.appendOutcomes([outcome(4), outcome(4)]), "duplicate", "repeated in the call");
        // The unit of work stays usable after the refusals.
        expectOk(await tx.provisioningRuns.appendOutcomes([outcome(5)]), "after the refusals");
      });
      await committed(store, async (tx) => assert.deepEqual((await allSequences(tx, { limit: 10 })).sequences, [0, 1, 5]));
      // The same sequence in another run, or of the same run id in another organization, is free.
      await committed(store, async (tx) => {
        expectOk(await tx.provisioningRuns.appendOutcomes([makeTestProvisioningOutcome({ runId: "run-2", organizationId: A, sequence: 0 })]), "other run");
        expectOk(await tx.provisioningRuns.appendOutcomes([makeTestProvisioningOutcome({ runId: "run-1", organizationId: B, sequence: 0 })]), "other organization");
        expectOk(await tx.provisioningRuns.appendOutcomes([]), "nothing");
      });
      await committed(store, async (tx) => assert.deepEqual((await allSequences(tx, { limit: 10 })).sequences, [0, 1, 5]));
    });

    storeTest("listOutcomes reads one run by sequence, pages, filters by status, and refuses a foreign cursor", async (store) => {
      const statuses = ["applied", "failed", "unchanged", "refused", "applied", "failed", "applied"] as const;
      const outcomes = statuses.map((status, sequence) =>
        makeTestProvisioningOutcome({
          runId: "run-1",
          organizationId: A,
          sequence,
          status,
          action: status === "refused" ? "error" : status === "unchanged" ? "unchanged" : "update",
          userId: status === "refused" ? null : `u-${sequence}`,
          error: status === "failed" || status === "refused" ? { code: "validation", field: status === "failed" ? "email" : null, message: "No." } : null,
        }),
      );
      // Appended out of order and in two calls; another run's outcomes interleave.
      await seedRuns(
        store,
        [makeTestProvisioningRun({ id: "run-1", organizationId: A }), makeTestProvisioningRun({ id: "run-2", organizationId: A })],
        [...outcomes.slice(4).reverse(), makeTestProvisioningOutcome({ runId: "run-2", organizationId: A, sequence: 3 })],
      );
      await committed(store, async (tx) => expectOk(await tx.provisioningRuns.appendOutcomes(outcomes.slice(0, 4)), "second call"));
      await committed(store, async (tx) => {
        const first = expectOk(await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 100 }), "all");
        assert.deepEqual(first.items, outcomes);
        assert.equal(first.total, 7);
        assert.deepEqual(await allSequences(tx, { limit: 3 }), { sequences: [0, 1, 2, 3, 4, 5, 6], pages: 3, total: 7 });
        assert.deepEqual(await allSequences(tx, { limit: 1, statuses: ["failed", "refused"] }), { sequences: [1, 3, 5], pages: 3, total: 3 });
        assert.deepEqual(await allSequences(tx, { limit: 5, statuses: [] }), { sequences: [], pages: 1, total: 0 });
        const page = expectOk(await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 2 }), "page");
        assert.ok(page.nextCursor !== null);
        const foreign = expectErr(
          await tx.provisioningRuns.listOutcomes(ORG_A, provisioningRunId("run-2"), { limit: 2, after: page.nextCursor }),
          "validation",
          "another run's cursor",
        );
        assert.equal(foreign.issues[0]?.field, "after");
        expectErr(await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 2, after: "%%%" }), "validation", "garbage");
        const runCursor = expectOk(await tx.provisioningRuns.list(ORG_A, { limit: 1 }), "runs").nextCursor;
        assert.ok(runCursor !== null);
        expectErr(await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 2, after: runCursor }), "validation", "a run-list cursor");
      });
    });

    storeTest("a unit of work that returns Err leaves no run and no outcome", async (store) => {
      await seedRuns(store, []);
      const result = await store.transaction(async (tx) => {
        expectOk(await tx.provisioningRuns.insert(makeTestProvisioningRun({ id: "run-1", organizationId: A })), "insert");
        expectOk(await tx.provisioningRuns.appendOutcomes([makeTestProvisioningOutcome({ runId: "run-1", organizationId: A })]), "append");
        assert.equal((await tx.provisioningRuns.get(ORG_A, RUN_1))?.id, "run-1", "read your writes");
        assert.equal(expectOk(await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 5 }), "own outcomes").items.length, 1);
        return err({ code: "rolled_back" as const });
      });
      assert.equal(result.isErr() && result.error.code, "rolled_back");
      await committed(store, async (tx) => {
        assert.equal(await tx.provisioningRuns.get(ORG_A, RUN_1), null);
        assert.deepEqual(expectOk(await tx.provisioningRuns.list(ORG_A, { limit: 5 }), "list").items, []);
        assert.deepEqual(expectOk(await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 5 }), "outcomes").items, []);
        // The id and the sequence are free again.
        expectOk(await tx.provisioningRuns.insert(makeTestProvisioningRun({ id: "run-1", organizationId: A })), "insert again");
        expectOk(await tx.provisioningRuns.appendOutcomes([makeTestProvisioningOutcome({ runId: "run-1", organizationId: A })]), "append again");
      });
      const kept = await store.transaction(async () => ok("nothing"));
      assert.equal(expectOk(kept, "empty"), "nothing");
    });

    storeTest("returned and written runs and outcomes are copies: mutating them does not change the store", async (store) => {
      const run = makeTestProvisioningRun({ id: "run-1", organizationId: A });
      const outcome = makeTestProvisioningOutcome({ runId: "run-1", organizationId: A, error: { code: "x", field: null, message: "m" } });
      const expectedRun = structuredClone(run);
      const expectedOutcome = structuredClone(outcome);
      await seedRuns(store, [run], [outcome]);
      run.counts.create = 99;
      outcome.error!.message = "mutated";
      const reads = await committed(store, async (tx) => ({
        got: await tx.provisioningRuns.get(ORG_A, RUN_1),
        listed: expectOk(await tx.provisioningRuns.list(ORG_A, { limit: 5 }), "list").items,
        outcomes: expectOk(await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 5 }), "outcomes").items,
      }));
      for (const read of [reads.got, ...reads.listed]) {
        assert.ok(read !== null);
        read.counts.update = 42;
        read.startedAt.setTime(0);
      }
      for (const read of reads.outcomes) if (read.error !== null) read.error.code = "mutated";
      await committed(store, async (tx) => {
        assert.deepEqual(await tx.provisioningRuns.get(ORG_A, RUN_1), expectedRun);
        assert.deepEqual(expectOk(await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 5 }), "outcomes").items, [expectedOutcome]);
      });
    });
  });
}
