import { afterAll, beforeAll, describe, it } from "vitest";
import { describeStoreConformance } from "tenure/testing";
import { openPgliteDatabase, type TestDatabase } from "./_databases.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await openPgliteDatabase();
}, 60_000);
afterAll(() => database.close());

describeStoreConformance({
  name: "PostgreSQL adapter on PGlite",
  makeStore: () => database.makeStore(),
  test: { describe, it },
  transactions: "serialized",
});
