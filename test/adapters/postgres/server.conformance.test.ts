import { afterAll, describe, it } from "vitest";
import { describeStoreConformance } from "tenure/testing";
import { openServerDatabase, SERVER_URL, type TestDatabase } from "./_databases.js";

// CI starts a PostgreSQL server and sets TENURE_TEST_DATABASE_URL (see scripts/postgres-server.sh).
describe.skipIf(SERVER_URL === undefined)("on a PostgreSQL server", () => {
  let database: TestDatabase | undefined;
  const open = (): TestDatabase => (database ??= openServerDatabase(SERVER_URL ?? ""));
  afterAll(() => database?.close());

  describeStoreConformance({
    name: "PostgreSQL adapter on a server",
    makeStore: () => open().makeStore(),
    test: { describe, it },
  });
});
