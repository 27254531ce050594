import { ok } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { OrganizationId } from "tenure";
import { createPostgresStore, migrate, MIGRATIONS, SCHEMA_VERSION } from "tenure/postgres";
import { makeTestOrganization, makeTestUser } from "tenure/testing";
import { timestamptzLiteral } from "../../../src/adapters/postgres/_internal/timestamp-parameters.js";
import { openPgliteDatabase, openServerDatabase, SERVER_URL, type TestDatabase } from "./_databases.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await openPgliteDatabase();
}, 60_000);
afterAll(() => database.close());

const ORG = "org-a" as OrganizationId;
const LAST_INSTANT = new Date(8_640_000_000_000_000);

describe("timestamps outside the years 1 to 9999", () => {
  it("are written as literals PostgreSQL reads: extended years, BC, and -infinity below its range", () => {
    expect(timestamptzLiteral(new Date("2026-03-02T09:00:00.123Z"))).toBe("2026-03-02 09:00:00.123+00");
    expect(timestamptzLiteral(LAST_INSTANT)).toBe("275760-09-13 00:00:00.000+00");
    expect(timestamptzLiteral(new Date(Date.UTC(-43, 2, 15)))).toBe("0044-03-15 00:00:00.000+00 BC");
    expect(timestamptzLiteral(new Date(-8_640_000_000_000_000))).toBe("-infinity");
    expect(() => timestamptzLiteral(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("the last instant a Date holds round-trips through a column and bounds a query", async () => {
    const store = await database.makeStore();
    try {
      const guest = makeTestUser({ id: "u-1", organizationId: ORG, thirdParty: true, accessExpiresAt: LAST_INSTANT });
      const read = await store.transaction(async (tx) => {
        (await tx.organizations.insert(makeTestOrganization({ id: ORG })))._unsafeUnwrap();
        (await tx.users.insert(guest))._unsafeUnwrap();
        return ok(await tx.users.listAccessExpiring(ORG, { before: LAST_INSTANT, limit: 10 }));
      });
      expect(read._unsafeUnwrap()).toEqual([]); // the bound is exclusive
      const later = await store.transaction(async (tx) => ok(await tx.users.get(ORG, guest.id)));
      expect(later._unsafeUnwrap()?.accessExpiresAt).toEqual(LAST_INSTANT);
    } finally {
      await store.close();
    }
  });
});

describe("migrations and the schema check", () => {
  it("migrate is idempotent and safe when several callers run it at once", async () => {
    const schema = "migrate_twice";
    const reports = await Promise.all([migrate(database.db, { schema }), migrate(database.db, { schema }), migrate(database.db, { schema })]);
    const applied = reports.map((report) => report._unsafeUnwrap().applied);
    expect(applied.filter((versions) => versions.length > 0)).toEqual([MIGRATIONS.map((migration) => migration.version)]);
    expect(reports.every((report) => report._unsafeUnwrap().version === SCHEMA_VERSION)).toBe(true);
    expect((await migrate(database.db, { schema }))._unsafeUnwrap()).toEqual({ applied: [], version: SCHEMA_VERSION });
    await sql`DROP SCHEMA migrate_twice CASCADE`.execute(database.db);
  });

  it("a database at a newer schema version is an Err, not a crash", async () => {
    const schema = "from_the_future";
    (await migrate(database.db, { schema }))._unsafeUnwrap();
    await sql`INSERT INTO from_the_future.schema_migrations (version, name) VALUES (${SCHEMA_VERSION + 1}, 'later')`.execute(database.db);
    const report = await migrate(database.db, { schema });
    expect(report._unsafeUnwrapErr()).toMatchObject({ code: "schema_too_new", databaseVersion: SCHEMA_VERSION + 1, supportedVersion: SCHEMA_VERSION });
    await sql`DROP SCHEMA from_the_future CASCADE`.execute(database.db);
  });

  it("a store on a schema that was never migrated says to run migrate", async () => {
    const store = createPostgresStore({ db: database.db, schema: "never_migrated" });
    await expect(store.transaction(async () => ok(1))).rejects.toThrow(/run migrate\(db, \{ schema: "never_migrated" \}\) first/);
  });

  it("a transaction started inside another one's work throws instead of waiting for itself", async () => {
    const store = await database.makeStore();
    try {
      const outer = store.transaction(async () => {
        await expect(store.transaction(async () => ok(1))).rejects.toThrow(/inside another one's work/);
        return ok("outer done");
      });
      expect((await outer)._unsafeUnwrap()).toBe("outer done");
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(SERVER_URL === undefined)("migrations on a server", () => {
  it("several processes migrating at once: one applies the steps, the others wait and find nothing to do", async () => {
    const schema = `migrate_race_${process.pid}`;
    const processes = [1, 2, 3, 4].map(() => openServerDatabase(SERVER_URL ?? ""));
    try {
      const reports = await Promise.all(processes.map((process) => migrate(process.db, { schema })));
      const applied = reports.map((report) => report._unsafeUnwrap().applied);
      expect(applied.filter((versions) => versions.length > 0)).toEqual([MIGRATIONS.map((migration) => migration.version)]);
      expect(reports.map((report) => report._unsafeUnwrap().version)).toEqual([SCHEMA_VERSION, SCHEMA_VERSION, SCHEMA_VERSION, SCHEMA_VERSION]);
    } finally {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(processes[0]?.db as never);
      await Promise.all(processes.map((process) => process.close()));
    }
  });
});
