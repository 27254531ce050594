import assert from "node:assert/strict";
import { userQuerySchema } from "../../model/user-query.js";
import type { User } from "../../model/user.js";
import type { ConformanceStore } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { organizationId, userId } from "./_internal/ids.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";
import { sortedIds } from "./_internal/user-list.js";

const ORG_A = "org-a";
const ORG_B = "org-b";
const organizations = [makeTestOrganization({ id: ORG_A }), makeTestOrganization({ id: ORG_B })];

/** Stores the two organizations and the given users. */
async function seedUsers(store: ConformanceStore, users: readonly User[]): Promise<void> {
  await seed(store, { organizations, users });
}

/** Reads a user of organization A. */
async function getUser(store: ConformanceStore, id: string): Promise<User | null> {
  return committed(store, (tx) => tx.users.get(organizationId(ORG_A), userId(id)));
}

/** Registers the tests of `UserRepository` except `list`: reads, finders, uniqueness, versions, deletes, copies. */
export function registerUserCrudTests({ test, storeTest }: SuiteContext): void {
  test.describe("users: records, finders and uniqueness", () => {
    storeTest("insert returns the user and get reads it back field for field", async (store) => {
      await seedUsers(store, []);
      const user = makeTestUser({
        id: "u-anna",
        organizationId: ORG_A,
        username: "anna.berg",
        fullName: "Anna Berg",
        firstName: "Anna",
        lastName: "Berg",
        email: "Anna@Example.com",
        phone: "+49 30 1234",
        pager: "77",
        cellphone: "+49 170 1234",
        location: "Berlin",
        company: "Acme",
        audience: "external",
        thirdParty: true,
        accessExpiresAt: testInstant(60 * 24 * 90),
        source: { type: "directory", source: "directory", externalId: "entry-1" },
        invitedBy: "u-admin",
        account: { status: "blocked", until: testInstant(60), reason: "Holiday" },
        twoFactorRequired: true,
        workflowAccess: true,
        createdAt: testInstant(1),
        updatedAt: testInstant(2),
      });
      const inserted = await committed(store, async (tx) => expectOk(await tx.users.insert(user), "insert"));
      assert.deepEqual(inserted, user);
      assert.deepEqual(await getUser(store, "u-anna"), user);
    });

    storeTest("get of an unknown id is null", async (store) => {
      await seedUsers(store, [makeTestUser({ id: "u-anna", organizationId: ORG_A })]);
      assert.equal(await getUser(store, "u-missing"), null);
    });

    storeTest("insert with a taken id is a duplicate and keeps the stored user", async (store) => {
      const original = makeTestUser({ id: "u-anna", organizationId: ORG_A, username: "anna" });
      await seedUsers(store, [original]);
      const error = await committed(store, async (tx) =>
        expectErr(
          await tx.users.insert(makeTestUser({ id: "u-anna", organizationId: ORG_A, username: "someone-else" })),
          "duplicate",
          "insert",
        ),
      );
      assert.equal(error.entity, "user");
      assert.deepEqual(await getUser(store, "u-anna"), original);
      assert.equal(await committed(store, (tx) => tx.users.findByUsername(organizationId(ORG_A), "someone-else")), null);
    });

    storeTest("usernames are unique per organization by sort key: Anna, anna and Ａｎｎａ collide", async (store) => {
      await seedUsers(store, [makeTestUser({ id: "u-1", organizationId: ORG_A, username: "Anna" })]);
      for (const [id, username] of [
        ["u-2", "anna"],
        ["u-3", "ANNA"],
        ["u-4", "Ａｎｎａ"],
      ] as const) {
        const error = await committed(store, async (tx) =>
          expectErr(await tx.users.insert(makeTestUser({ id, organizationId: ORG_A, username })), "duplicate", username),
        );
        assert.equal(error.entity, "user");
        assert.equal(error.field, "username");
        assert.equal(await getUser(store, id), null);
      }
      await committed(store, async (tx) => {
        expectOk(await tx.users.insert(makeTestUser({ id: "u-5", organizationId: ORG_B, username: "anna" })), "other org");
        expectOk(await tx.users.insert(makeTestUser({ id: "u-6", organizationId: ORG_A, username: "Anna2" })), "other name");
      });
    });

    storeTest("findByUsername compares by sort key and is null for an unknown name", async (store) => {
      const anna = makeTestUser({ id: "u-anna", organizationId: ORG_A, username: "Anna" });
      await seedUsers(store, [anna, makeTestUser({ id: "u-bob", organizationId: ORG_A, username: "bob" })]);
      await committed(store, async (tx) => {
        for (const asked of ["Anna", "anna", "ANNA", "Ａｎｎａ"]) {
          assert.deepEqual(await tx.users.findByUsername(anna.organizationId, asked), anna, asked);
        }
        assert.equal(await tx.users.findByUsername(anna.organizationId, "ann"), null);
        assert.equal(await tx.users.findByUsername(anna.organizationId, "annabel"), null);
      });
    });

    storeTest("findByEmail returns every user with the same normalized address", async (store) => {
      await seedUsers(store, [
        makeTestUser({ id: "u-1", organizationId: ORG_A, email: "anna@example.com" }),
        makeTestUser({ id: "u-2", organizationId: ORG_A, email: "ANNA@EXAMPLE.COM" }),
        makeTestUser({ id: "u-3", organizationId: ORG_A, email: "bob@example.com" }),
        makeTestUser({ id: "u-4", organizationId: ORG_B, email: "anna@example.com" }),
      ]);
      await committed(store, async (tx) => {
        const found = await tx.users.findByEmail(organizationId(ORG_A), " Ａnna@Example.COM ");
        assert.deepEqual(sortedIds(found.map((user) => user.id)), ["u-1", "u-2"]);
        assert.equal(found.find((user) => user.id === "u-2")?.email, "ANNA@EXAMPLE.COM", "the stored address is kept as entered");
        assert.deepEqual(await tx.users.findByEmail(organizationId(ORG_A), "nobody@example.com"), []);
      });
    });

    storeTest("findByFullName returns every user with the same full-name key", async (store) => {
      await seedUsers(store, [
        makeTestUser({ id: "u-1", organizationId: ORG_A, fullName: "Anna Berg" }),
        makeTestUser({ id: "u-2", organizationId: ORG_A, fullName: "ANNA  berg" }),
        makeTestUser({ id: "u-3", organizationId: ORG_A, fullName: "Anna Bergström" }),
        makeTestUser({ id: "u-4", organizationId: ORG_B, fullName: "Anna Berg" }),
      ]);
      await committed(store, async (tx) => {
        const found = await tx.users.findByFullName(organizationId(ORG_A), " anna\tBERG ");
        assert.deepEqual(sortedIds(found.map((user) => user.id)), ["u-1", "u-2"]);
        assert.deepEqual(await tx.users.findByFullName(organizationId(ORG_A), "Anna"), []);
      });
    });

    storeTest("findByExternalId finds the directory user with that id, and only a directory user", async (store) => {
      const synced = makeTestUser({ id: "u-1", organizationId: ORG_A, source: { type: "directory", source: "directory", externalId: "entry-1" } });
      await seedUsers(store, [synced, makeTestUser({ id: "entry-2", organizationId: ORG_A })]);
      await committed(store, async (tx) => {
        assert.deepEqual(await tx.users.findBySourceRecord(organizationId(ORG_A), "directory", "entry-1"), synced);
        assert.equal(await tx.users.findBySourceRecord(organizationId(ORG_A), "directory", "entry-2"), null, "a local user has no external id");
        assert.equal(await tx.users.findBySourceRecord(organizationId(ORG_A), "directory", "ENTRY-1"), null, "external ids are exact");
      });
    });

    storeTest("getMany returns the users that exist among the ids", async (store) => {
      const users = ["u-1", "u-2", "u-3"].map((id) => makeTestUser({ id, organizationId: ORG_A }));
      await seedUsers(store, users);
      await committed(store, async (tx) => {
        const found = await tx.users.getMany(organizationId(ORG_A), [userId("u-3"), userId("u-missing"), userId("u-1")]);
        assert.deepEqual(sortedIds(found.map((user) => user.id)), ["u-1", "u-3"]);
        assert.deepEqual(found.find((user) => user.id === "u-3"), users[2]);
        assert.deepEqual(await tx.users.getMany(organizationId(ORG_A), []), []);
      });
    });

    storeTest("update stores version + 1, returns the stored record and moves every finder", async (store) => {
      const original = makeTestUser({
        id: "u-1",
        organizationId: ORG_A,
        username: "anna",
        fullName: "Anna Berg",
        email: "anna@example.com",
        source: { type: "directory", source: "directory", externalId: "entry-1" },
      });
      await seedUsers(store, [original]);
      const changed: User = {
        ...original,
        username: "anna.lind",
        fullName: "Anna Lind",
        email: "lind@example.com",
        source: { type: "directory", source: "directory", externalId: "entry-9" },
        updatedAt: testInstant(3),
      };
      const updated = await committed(store, async (tx) => expectOk(await tx.users.update(changed), "update"));
      assert.deepEqual(updated, { ...changed, version: 1 });
      await committed(store, async (tx) => {
        const org = organizationId(ORG_A);
        assert.deepEqual(await tx.users.get(org, original.id), { ...changed, version: 1 });
        assert.equal(await tx.users.findByUsername(org, "anna"), null);
        assert.equal((await tx.users.findByUsername(org, "ANNA.LIND"))?.id, "u-1");
        assert.deepEqual(await tx.users.findByEmail(org, "anna@example.com"), []);
        assert.equal((await tx.users.findByEmail(org, "lind@example.com")).length, 1);
        assert.deepEqual(await tx.users.findByFullName(org, "Anna Berg"), []);
        assert.equal((await tx.users.findByFullName(org, "anna lind")).length, 1);
        assert.equal(await tx.users.findBySourceRecord(org, "directory", "entry-1"), null);
        assert.equal((await tx.users.findBySourceRecord(org, "directory", "entry-9"))?.id, "u-1");
        expectOk(await tx.users.insert(makeTestUser({ id: "u-2", organizationId: ORG_A, username: "Anna" })), "old username is free");
      });
    });

    storeTest("update to a username taken by sort key is a duplicate", async (store) => {
      const anna = makeTestUser({ id: "u-1", organizationId: ORG_A, username: "anna" });
      const bob = makeTestUser({ id: "u-2", organizationId: ORG_A, username: "bob" });
      await seedUsers(store, [anna, bob]);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.users.update({ ...bob, username: "ANNA" }), "duplicate", "update"),
      );
      assert.equal(error.field, "username");
      assert.deepEqual(await getUser(store, "u-2"), bob);
    });

    storeTest("update with a stale version is a conflict naming both versions", async (store) => {
      const original = makeTestUser({ id: "u-1", organizationId: ORG_A });
      await seedUsers(store, [original]);
      await committed(store, async (tx) => expectOk(await tx.users.update({ ...original, fullName: "First" }), "first"));
      await committed(store, async (tx) => {
        const error = expectErr(await tx.users.update({ ...original, fullName: "Lost" }), "conflict", "stale");
        assert.equal(error.entity, "user");
        assert.equal(error.id, "u-1");
        assert.equal(error.expectedVersion, 0);
        assert.equal(error.actualVersion, 1);
        const ahead = expectErr(await tx.users.update({ ...original, version: 7, fullName: "Ahead" }), "conflict", "ahead");
        assert.equal(ahead.expectedVersion, 7);
        assert.equal(ahead.actualVersion, 1);
      });
      assert.equal((await getUser(store, "u-1"))?.fullName, "First");
    });

    storeTest("update of an unknown user is not_found", async (store) => {
      await seedUsers(store, []);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.users.update(makeTestUser({ id: "u-missing", organizationId: ORG_A })), "not_found", "update"),
      );
      assert.equal(error.entity, "user");
      assert.equal(error.id, "u-missing");
      assert.equal(await getUser(store, "u-missing"), null);
    });

    storeTest("delete removes the user from get, every finder and the username index", async (store) => {
      const anna = makeTestUser({
        id: "u-1",
        organizationId: ORG_A,
        username: "anna",
        fullName: "Anna Berg",
        email: "anna@example.com",
        source: { type: "directory", source: "directory", externalId: "entry-1" },
      });
      await seedUsers(store, [anna]);
      await committed(store, async (tx) => expectOk(await tx.users.delete(anna.organizationId, anna.id, 0), "delete"));
      await committed(store, async (tx) => {
        assert.equal(await tx.users.get(anna.organizationId, anna.id), null);
        assert.deepEqual(await tx.users.getMany(anna.organizationId, [anna.id]), []);
        assert.equal(await tx.users.findByUsername(anna.organizationId, "anna"), null);
        assert.deepEqual(await tx.users.findByEmail(anna.organizationId, "anna@example.com"), []);
        assert.deepEqual(await tx.users.findByFullName(anna.organizationId, "Anna Berg"), []);
        assert.equal(await tx.users.findBySourceRecord(anna.organizationId, "directory", "entry-1"), null);
        expectErr(await tx.users.delete(anna.organizationId, anna.id, 0), "not_found", "second delete");
        expectErr(await tx.users.update(anna), "not_found", "update after delete");
        expectOk(await tx.users.insert(makeTestUser({ id: "u-2", organizationId: ORG_A, username: "Anna" })), "username free");
      });
    });

    storeTest("delete with a stale version is a conflict and keeps the user; unknown ids are not_found", async (store) => {
      const anna = makeTestUser({ id: "u-1", organizationId: ORG_A });
      await seedUsers(store, [anna]);
      await committed(store, async (tx) => expectOk(await tx.users.update({ ...anna, fullName: "Changed" }), "update"));
      await committed(store, async (tx) => {
        const error = expectErr(await tx.users.delete(anna.organizationId, anna.id, 0), "conflict", "stale delete");
        assert.equal(error.entity, "user");
        assert.equal(error.expectedVersion, 0);
        assert.equal(error.actualVersion, 1);
        const missing = expectErr(await tx.users.delete(anna.organizationId, userId("u-missing"), 0), "not_found", "unknown");
        assert.equal(missing.id, "u-missing");
      });
      assert.equal((await getUser(store, "u-1"))?.fullName, "Changed");
    });

    storeTest("returned and inserted users are copies: mutating them does not change the store", async (store) => {
      const input = makeTestUser({
        id: "u-1",
        organizationId: ORG_A,
        email: "anna@example.com",
        fullName: "Anna Berg",
        source: { type: "directory", source: "directory", externalId: "entry-1" },
        account: { status: "blocked", until: testInstant(60), reason: null },
      });
      const expected = structuredClone(input);
      await seedUsers(store, [input]);
      input.fullName = "Mutated input";
      input.createdAt.setTime(0);
      const org = organizationId(ORG_A);
      const reads = await committed(store, async (tx) => [
        await tx.users.get(org, expected.id),
        ...(await tx.users.getMany(org, [expected.id])),
        await tx.users.findByUsername(org, expected.username),
        ...(await tx.users.findByEmail(org, expected.email)),
        ...(await tx.users.findByFullName(org, expected.fullName)),
        await tx.users.findBySourceRecord(org, "directory", "entry-1"),
        ...expectOk(await tx.users.list(org, userQuerySchema.parse({})), "list").items,
      ]);
      assert.equal(reads.length, 7);
      for (const read of reads) {
        assert.ok(read !== null);
        mutateUser(read);
      }
      assert.deepEqual(await getUser(store, "u-1"), expected);
    });
  });
}

/** Changes a user record in place, top-level fields and nested objects alike. */
function mutateUser(user: User): void {
  user.fullName = "Mutated output";
  user.createdAt.setTime(0);
  if (user.account.status === "blocked") user.account.until?.setTime(0);
  user.account = { status: "removed", at: new Date(0) };
  if (user.source.type === "directory") user.source.externalId = "mutated";
}
