import { sql, type Kysely, type RawBuilder } from "kysely";
import { ok } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userQuerySchema, type OrganizationId, type User, type UserId, type UserQueryInput } from "tenure";
import type { TenureTables } from "tenure/postgres";
import { makeTestOrganization, makeTestUser, testInstant } from "tenure/testing";
import { decodeCursor } from "../../../src/model/cursor.js";
import { userColumns } from "../../../src/adapters/postgres/_internal/user-columns.js";
import { accessExpiringQuery } from "../../../src/adapters/postgres/_internal/access-expiring-query.js";
import { userListQuery } from "../../../src/adapters/postgres/postgres-user-list.js";
import { committed, corruptRead, withFreshStore, type TestStore as Store, type TestTransaction as Tx } from "./_store-work.js";
import { openPgliteDatabase, openServerDatabase, SERVER_URL, type TestDatabase } from "./_databases.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await openPgliteDatabase();
}, 60_000);
afterAll(() => database.close());

const ORG_A = "org-a" as OrganizationId;




/** Edits users rows of the store's schema by hand. */
async function tamper(store: Store, set: RawBuilder<unknown>, id: string): Promise<void> {
  await sql`UPDATE ${sql.id(store.schema, "users")} SET ${set} WHERE id = ${id}`.execute(database.db);
}

/** The store's tables, for building and explaining the adapter's queries outside a unit of work. */
function tablesOf(store: Store): Kysely<TenureTables> {
  return database.db.withSchema(store.schema) as Kysely<TenureTables>;
}

describe("PostgreSQL users: a row edited into an invalid state reads as corrupt_record", () => {
  const cases = [
    { id: "u-email", set: sql`record = jsonb_set(record, '{email}', '""')`, fields: ["email"] },
    { id: "u-status", set: sql`record = jsonb_set(record, '{account,status}', '"frozen"')`, fields: ["account.status"] },
    { id: "u-array", set: sql`record = '["not", "an", "object"]'::jsonb`, fields: ["record"] },
    { id: "u-date", set: sql`record = jsonb_set(record, '{createdAt}', '"yesterday"')`, fields: ["createdAt"] },
  ] as const;

  for (const { id, set, fields } of cases) {
    it(`${id}: get and list both end the unit of work with corrupt_record naming the row and the field`, async () => {
      await withFreshStore(database, async (store) => {
        await committed(store, async (tx) => {
          (await tx.organizations.insert(makeTestOrganization({ id: "org-a" })))._unsafeUnwrap();
          for (const user of [makeTestUser({ id: "u-ok", organizationId: "org-a" }), makeTestUser({ id, organizationId: "org-a" })]) {
            (await tx.users.insert(user))._unsafeUnwrap();
          }
        });
        await tamper(store, set, id);
        const reads = [
          async (tx: Tx) => ok(await tx.users.get(ORG_A, id as UserId)),
          async (tx: Tx) => tx.users.list(ORG_A, userQuerySchema.parse({})),
          async (tx: Tx) => tx.users.list(ORG_A, userQuerySchema.parse({ visibility: { type: "self", viewerId: id } })),
        ];
        for (const read of reads) {
          const error = await corruptRead(store, read);
          expect(error.entity).toBe("user");
          expect(error.key).toEqual({ table: "users", organizationId: "org-a", id });
          expect(error.issues.map((issue) => issue.field)).toEqual(fields);
        }
        const fine = await committed(store, (tx) => tx.users.get(ORG_A, "u-ok" as UserId));
        expect(fine?.id).toBe("u-ok");
      });
    });
  }
});

/** Users of org-a (and a few of org-b) with varied names, audiences, statuses and expiry dates. */
function manyUsers(count: number): User[] {
  const audiences = ["internal", "external", "guest"] as const;
  return Array.from({ length: count }, (_, n) => {
    const organizationId = n % 10 === 9 ? "org-b" : "org-a";
    const name = `${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + ((n * 7) % 26))} person ${n}`;
    return makeTestUser({
      id: `u-${String(n).padStart(5, "0")}`,
      organizationId,
      username: `user.${n}`,
      fullName: name,
      email: `${name.replace(/ /g, ".")}@example.com`,
      audience: audiences[n % 3] ?? "internal",
      location: n % 4 === 0 ? "Berlin" : null,
      thirdParty: n % 5 === 0,
      accessExpiresAt: n % 5 === 0 ? testInstant(n) : null,
      account: n % 7 === 0 ? { status: "blocked", until: testInstant(n), reason: null } : { status: "active" },
    });
  });
}

/** Stores the users straight into the table (many at once), then refreshes the planner's statistics. */
async function bulkInsert(store: Store, users: readonly User[]): Promise<void> {
  const db = tablesOf(store);
  for (let start = 0; start < users.length; start += 500) {
    const rows = users
      .slice(start, start + 500)
      .map((user) => ({ organization_id: user.organizationId, id: user.id, version: 0, ...userColumns(user) }));
    await db.insertInto("users").values(rows).execute();
  }
  await sql`ANALYZE ${sql.id(store.schema, "users")}`.execute(database.db);
}

/** The text plan of a query. */
async function planOf(query: { explain(): Promise<Record<string, unknown>[]> }): Promise<string> {
  return (await query.explain()).map((row) => String(row["QUERY PLAN"])).join("\n");
}

describe("PostgreSQL users: the list and the expiry sweep walk their indexes", () => {
  it("a filtered, sorted page after a cursor and an expiry page are index scans", async () => {
    await withFreshStore(database, async (store) => {
      await committed(store, async (tx) => {
        for (const id of ["org-a", "org-b"]) (await tx.organizations.insert(makeTestOrganization({ id })))._unsafeUnwrap();
      });
      await bulkInsert(store, manyUsers(4000));
      const db = tablesOf(store);

      const pages: [UserQueryInput, string][] = [
        [
          { sort: { field: "email", direction: "desc" }, prefix: "B", filter: { audiences: ["internal", "guest"] }, limit: 20 },
          "Index Scan Backward using users_by_email",
        ],
        [
          { sort: { field: "username", direction: "asc" }, filter: { statuses: ["active"] }, asOf: testInstant(100), limit: 50 },
          "Index Scan using users_by_username",
        ],
        [
          { sort: { field: "fullName", direction: "asc" }, filter: { thirdParty: false }, limit: 50 },
          "Index Scan using users_by_full_name",
        ],
      ];
      for (const [input, expected] of pages) {
        const query = userQuerySchema.parse(input);
        // The first page's cursor, taken from the store itself, then the second page's query.
        const first = await committed(store, async (tx) => (await tx.users.list(ORG_A, query))._unsafeUnwrap());
        expect(first.nextCursor).not.toBeNull();
        const cursor = decodeCursor(first.nextCursor ?? "", `${query.sort.field}:${query.sort.direction}`)._unsafeUnwrap();
        const plan = await planOf(userListQuery(db, ORG_A, query, cursor));
        expect(plan, JSON.stringify(input)).toContain(expected);
        expect(plan, "the cursor seeks in the index").toMatch(/Index Cond: .*ROW\(\w+_key, id\) [<>] ROW\(/);
        expect(plan).not.toMatch(/Seq Scan|Sort/);
      }

      const after = { at: testInstant(500), id: "u-00500" as UserId };
      const sweep = accessExpiringQuery(db, ORG_A, { before: testInstant(3000), limit: 100, after });
      const plan = await planOf(sweep);
      expect(plan).toContain("Index Scan using users_access_expiring");
      expect(plan, "the position seeks in the index").toMatch(/Index Cond: .*ROW\(access_expires_at, id\) > ROW\(/);
      expect(plan).not.toMatch(/Seq Scan|Sort/);
      const due = await committed(store, (tx) =>
        tx.users.listAccessExpiring(ORG_A, { before: testInstant(3000), limit: 3, after }),
      );
      expect(due.map((user) => user.id)).toEqual(["u-00505", "u-00510", "u-00515"]);
    });
  }, 60_000);
});

describe.skipIf(SERVER_URL === undefined)("PostgreSQL users on a server: claimed expiry batches", () => {
  it("two sweeps claiming at once take disjoint batches (FOR UPDATE SKIP LOCKED)", async () => {
    const server = openServerDatabase(SERVER_URL ?? "");
    const store = await server.makeStore();
    try {
      await store.transaction(async (tx) => {
        (await tx.organizations.insert(makeTestOrganization({ id: "org-a" })))._unsafeUnwrap();
        for (const minutes of [1, 2, 3, 4]) {
          const expiring = { thirdParty: true, accessExpiresAt: testInstant(minutes) };
          (await tx.users.insert(makeTestUser({ id: `u-${minutes}`, organizationId: "org-a", ...expiring })))._unsafeUnwrap();
        }
        return ok(undefined);
      });
      const sweep = { before: testInstant(10), limit: 2, claim: true };
      let claimed = (): void => undefined;
      const firstHasClaimed = new Promise<void>((resolve) => (claimed = resolve));
      let release = (): void => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      const first = store.transaction(async (tx) => {
        const batch = await tx.users.listAccessExpiring(ORG_A, sweep);
        claimed();
        await released;
        return ok(batch.map((user) => user.id));
      });
      await firstHasClaimed;
      const second = await store.transaction(async (tx) => ok((await tx.users.listAccessExpiring(ORG_A, sweep)).map((user) => user.id)));
      release();
      expect((await first)._unsafeUnwrap()).toEqual(["u-1", "u-2"]);
      expect(second._unsafeUnwrap()).toEqual(["u-3", "u-4"]);
    } finally {
      await store.close();
      await server.close();
    }
  });
});
