import { sql, type RawBuilder } from "kysely";
import { ok } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationId, ProvisioningRunId } from "tenure";
import { makeTestProvisioningOutcome, makeTestProvisioningRun } from "tenure/testing";
import { committed, corruptRead, withFreshStore, type TestStore as Store, type TestTransaction as Tx } from "./_store-work.js";
import { openPgliteDatabase, type TestDatabase } from "./_databases.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await openPgliteDatabase();
}, 60_000);
afterAll(() => database.close());

const ORG_A = "org-a" as OrganizationId;
const RUN_1 = "run-1" as ProvisioningRunId;

async function tamper(store: Store, table: string, set: RawBuilder<unknown>): Promise<void> {
  await sql`UPDATE ${sql.id(store.schema, table)} SET ${set}`.execute(database.db);
}

/** Stores run-1 of org-a with one outcome. */
async function seedRun(store: Store): Promise<void> {
  await committed(store, async (tx) => {
    (await tx.provisioningRuns.insert(makeTestProvisioningRun({ id: "run-1", organizationId: "org-a" })))._unsafeUnwrap();
    (await tx.provisioningRuns.appendOutcomes([makeTestProvisioningOutcome({ runId: "run-1", organizationId: "org-a", sequence: 4 })]))._unsafeUnwrap();
  });
}

describe("PostgreSQL provisioning outcomes: large appends", () => {
  it("appends thousands of outcomes in one call, and refuses the whole call when its last one is taken", async () => {
    await withFreshStore(database, async (store) => {
      await seedRun(store);
      const many = Array.from({ length: 2500 }, (_, index) => makeTestProvisioningOutcome({ runId: "run-1", organizationId: "org-a", sequence: index + 5 }));
      const taken = makeTestProvisioningOutcome({ runId: "run-1", organizationId: "org-a", sequence: 4 });
      const refused = await committed(store, async (tx) => (await tx.provisioningRuns.appendOutcomes([...many, taken]))._unsafeUnwrapErr());
      expect(refused).toMatchObject({ code: "duplicate", entity: "provisioning_outcome", field: "sequence", value: "run-1#4" });
      const count = async () => (await committed(store, async (tx) => (await tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 1 }))._unsafeUnwrap())).total;
      expect(await count()).toBe(1);
      await committed(store, async (tx) => (await tx.provisioningRuns.appendOutcomes(many))._unsafeUnwrap());
      expect(await count()).toBe(2501);
    });
  });
});

describe("PostgreSQL provisioning runs: a row edited into an invalid state reads as corrupt_record", () => {
  it("a run whose counts lack an action, or whose source column disagrees with its record", async () => {
    await withFreshStore(database, async (store) => {
      await seedRun(store);
      await tamper(store, "provisioning_runs", sql`record = record #- '{counts,create}'`);
      for (const read of [
        async (tx: Tx) => ok(await tx.provisioningRuns.get(ORG_A, RUN_1)),
        async (tx: Tx) => tx.provisioningRuns.list(ORG_A, { limit: 5 }),
      ]) {
        const error = await corruptRead(store, read);
        expect(error.entity).toBe("provisioning_run");
        expect(error.key).toEqual({ table: "provisioning_runs", organizationId: "org-a", id: "run-1" });
        expect(error.issues.map((issue) => issue.field)).toEqual(["counts.create"]);
      }
      await tamper(store, "provisioning_runs", sql`record = jsonb_set(record, '{counts,create}', '0'), source = 'elsewhere'`);
      const error = await corruptRead(store, (tx) => tx.provisioningRuns.list(ORG_A, { limit: 5, source: "elsewhere" }));
      expect(error.issues).toEqual([expect.objectContaining({ field: "source", code: "column_mismatch" })]);
    });
  });

  it("an outcome whose status column disagrees with its record, or whose action is unknown", async () => {
    await withFreshStore(database, async (store) => {
      await seedRun(store);
      await tamper(store, "provisioning_outcomes", sql`status = 'failed'`);
      const mismatch = await corruptRead(store, (tx) => tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 5, statuses: ["failed"] }));
      expect(mismatch.entity).toBe("provisioning_outcome");
      expect(mismatch.key).toEqual({ table: "provisioning_outcomes", organizationId: "org-a", runId: "run-1", sequence: "4" });
      expect(mismatch.issues).toEqual([expect.objectContaining({ field: "status", code: "column_mismatch" })]);
      await tamper(store, "provisioning_outcomes", sql`status = 'applied', record = jsonb_set(record, '{action}', '"explode"')`);
      const unknown = await corruptRead(store, (tx) => tx.provisioningRuns.listOutcomes(ORG_A, RUN_1, { limit: 5 }));
      expect(unknown.issues.map((issue) => issue.field)).toEqual(["action"]);
    });
  });
});
