import assert from "node:assert/strict";
import { encodeCursor } from "../../model/cursor.js";
import { userQuerySchema, type UserSortField } from "../../model/user-query.js";
import type { User } from "../../model/user.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { organizationId } from "./_internal/ids.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";
import { listAllUserIds, listUserPage, naiveUserOrder } from "./_internal/user-list.js";

const A = "org-a";
const ORG_A = organizationId(A);
const organizations = [makeTestOrganization({ id: A }), makeTestOrganization({ id: "org-b" })];

/**
 * Users whose sort keys tie (Anna/anna/ANNA; B@EXAMPLE.COM/b@example.com), fold (fullwidth letters),
 * and sit above U+FFFF (😀), which code-point order puts after U+FFFC while UTF-16 code-unit order would not.
 */
function sortFixture(): User[] {
  const user = (id: string, fullName: string, username: string, email: string): User =>
    makeTestUser({ id, organizationId: A, fullName, username, email });
  return [
    user("s-3", "anna", "Zeta", "b@example.com"),
    user("s-1", "Anna", "alpha", "B@EXAMPLE.COM"),
    user("s-2", "ANNA", "Ａlpine", "a@example.com"),
    user("s-4", "Åsa", "beta", "å@example.com"),
    user("s-5", "bob", "Émile", "c@example.com"),
    user("s-6", "Émile", "ömer", "c@example.com"),
    user("s-7", "😀 Smiley", "😀", "😀@example.com"),
    user("s-8", "\uFFFC Object", "\uFFFCobj", "\uFFFC@example.com"),
    makeTestUser({ id: "s-0", organizationId: "org-b", fullName: "Anna", username: "anna", email: "a@example.com" }),
  ];
}

/** The fixture's orders, ascending, as the contract defines them (sort key by code point, then id). */
const ASCENDING: Record<UserSortField, readonly string[]> = {
  fullName: ["s-1", "s-2", "s-3", "s-5", "s-4", "s-6", "s-8", "s-7"],
  username: ["s-1", "s-2", "s-4", "s-3", "s-5", "s-6", "s-8", "s-7"],
  email: ["s-2", "s-1", "s-3", "s-5", "s-6", "s-4", "s-8", "s-7"],
};

/** A user of `org-a` whose full name is `fullName`, and whose id is `p-` + `suffix`. */
function named(suffix: string, fullName: string): User {
  return makeTestUser({ id: `p-${suffix}`, organizationId: A, fullName });
}

/** Registers the sort, prefix, pagination and cursor tests of `users.list`. */
export function registerUserListOrderTests({ test, storeTest }: SuiteContext): void {
  test.describe("users.list: sort, prefix, pagination and cursors", () => {
    for (const field of ["fullName", "username", "email"] as const) {
      storeTest(`sorts by ${field}'s sort key, ties broken by id, ascending and descending, on one page or many`, async (store) => {
        const users = sortFixture();
        await seed(store, { organizations, users });
        const ascending = [...ASCENDING[field]];
        const inOrgA = users.filter((user) => user.organizationId === A);
        assert.deepEqual(naiveUserOrder(inOrgA, field, "asc"), ascending, "the fixture's expected order (a bug in the suite)");
        await committed(store, async (tx) => {
          for (const [direction, expected] of [
            ["asc", ascending],
            ["desc", [...ascending].reverse()],
          ] as const) {
            const page = await listUserPage(tx, ORG_A, { sort: { field, direction }, limit: 100 });
            assert.deepEqual(page.items.map((user) => user.id), expected, `${field} ${direction}`);
            for (const limit of [1, 3]) {
              assert.deepEqual(await listAllUserIds(tx, ORG_A, { sort: { field, direction }, limit }), expected, `${field} ${direction} by ${limit}`);
            }
          }
        });
      });
    }

    storeTest("the default order is full name ascending", async (store) => {
      await seed(store, { organizations, users: sortFixture() });
      const page = await committed(store, (tx) => listUserPage(tx, ORG_A, {}));
      assert.deepEqual(page.items.map((user) => user.id), ASCENDING.fullName);
    });

    storeTest("prefix keeps the users whose sort field starts with it, compared by sort key", async (store) => {
      await seed(store, {
        organizations,
        users: [
          makeTestUser({ id: "p-1", organizationId: A, fullName: "anna Berg", username: "beta", email: "zz@example.com" }),
          makeTestUser({ id: "p-2", organizationId: A, fullName: "Annika Ek", username: "gamma", email: "yy@example.com" }),
          makeTestUser({ id: "p-3", organizationId: A, fullName: "Ａｎｎｅ", username: "delta", email: "xx@example.com" }),
          makeTestUser({ id: "p-4", organizationId: A, fullName: "Bea Lund", username: "ALPINE", email: "Bea@Example.com" }),
          makeTestUser({ id: "p-5", organizationId: A, fullName: "ｂｏｂ", username: "epsilon", email: "ww@example.com" }),
          makeTestUser({ id: "p-6", organizationId: A, fullName: "Zed", username: "alpha", email: "vv@example.com" }),
          makeTestUser({ id: "p-7", organizationId: "org-b", fullName: "Anna", username: "alpaca", email: "bea@example.com" }),
        ],
      });
      const expectPrefix = async (input: Parameters<typeof listAllUserIds>[2], expected: string[]): Promise<void> => {
        const ids = await committed(store, (tx) => listAllUserIds(tx, ORG_A, { ...input, limit: 100 }));
        assert.deepEqual(ids, expected, JSON.stringify(input));
        const paged = await committed(store, (tx) => listAllUserIds(tx, ORG_A, { ...input, limit: 1 }));
        assert.deepEqual(paged, expected, `${JSON.stringify(input)}, one row per page`);
      };
      await expectPrefix({ prefix: "AN" }, ["p-1", "p-3", "p-2"]);
      await expectPrefix({ prefix: "ＡＮＮ" }, ["p-1", "p-3", "p-2"]);
      await expectPrefix({ prefix: "anni" }, ["p-2"]);
      await expectPrefix({ prefix: "b" }, ["p-4", "p-5"]);
      await expectPrefix({ prefix: "x" }, []);
      await expectPrefix({ prefix: "" }, ["p-1", "p-3", "p-2", "p-4", "p-5", "p-6"]);
      await expectPrefix({ prefix: "an", sort: { field: "fullName", direction: "desc" } }, ["p-2", "p-3", "p-1"]);
      await expectPrefix({ prefix: "alp", sort: { field: "username", direction: "asc" } }, ["p-6", "p-4"]);
      await expectPrefix({ prefix: "BEA@", sort: { field: "email", direction: "asc" } }, ["p-4"]);
      await expectPrefix({ prefix: "bea", sort: { field: "username", direction: "asc" } }, []);
    });

    storeTest("nextCursor is null exactly on the last page, also when the last page is full", async (store) => {
      await seed(store, { organizations, users: [] });
      const empty = await committed(store, (tx) => listUserPage(tx, ORG_A, { limit: 2 }));
      assert.deepEqual(empty, { items: [], nextCursor: null, total: 0 });

      await seed(store, { users: ["a", "b", "c", "d"].map((name) => named(name, name)) });
      const first = await committed(store, (tx) => listUserPage(tx, ORG_A, { limit: 2 }));
      assert.deepEqual(first.items.map((user) => user.id), ["p-a", "p-b"]);
      assert.notEqual(first.nextCursor, null);
      const second = await committed(store, (tx) => listUserPage(tx, ORG_A, { limit: 2, after: first.nextCursor ?? "" }));
      assert.deepEqual(second.items.map((user) => user.id), ["p-c", "p-d"]);
      assert.equal(second.nextCursor, null, "the last page is full but it is the last");

      await seed(store, { users: [named("e", "e")] });
      const pages = await committed(store, async (tx) => {
        const sizes: number[] = [];
        let after: string | null = null;
        do {
          const page = await listUserPage(tx, ORG_A, after === null ? { limit: 2 } : { limit: 2, after });
          sizes.push(page.items.length);
          after = page.nextCursor;
        } while (after !== null);
        return sizes;
      });
      assert.deepEqual(pages, [2, 2, 1]);
    });

    for (const direction of ["asc", "desc"] as const) {
      storeTest(`rows inserted before and after the cursor between pages are neither skipped nor repeated (${direction})`, async (store) => {
        const initial = ["B", "D", "F", "H", "J", "L"].map((name) => named(name.toLowerCase(), name));
        await seed(store, { organizations, users: initial });
        const sort = { field: "fullName", direction } as const;
        const first = await committed(store, (tx) => listUserPage(tx, ORG_A, { sort, limit: 3 }));
        const cursor = first.nextCursor;
        assert.ok(cursor !== null);
        const last = first.items[first.items.length - 1];
        assert.ok(last !== undefined);

        // Before, between and after the rows of both pages, and two ties on the cursor row's own key: one
        // whose id sorts before the cursor's id, one after.
        const added = [
          named("a", "A"),
          named("e", "E"),
          named("g", "G"),
          named("z", "Z"),
          named("i0", "I"),
          makeTestUser({ id: `${last.id}0`, organizationId: A, fullName: last.fullName }),
          makeTestUser({ id: last.id.slice(0, -1), organizationId: A, fullName: last.fullName }),
        ];
        await seed(store, { users: added });

        const rest = await committed(store, async (tx) => {
          const ids: string[] = [];
          let after: string | null = cursor;
          while (after !== null) {
            const page = await listUserPage(tx, ORG_A, { sort, limit: 3, after });
            ids.push(...page.items.map((user) => user.id));
            after = page.nextCursor;
          }
          return ids;
        });
        const firstIds = first.items.map((user) => user.id);
        const everyone = naiveUserOrder([...initial, ...added], "fullName", direction);
        const expectedRest = everyone.slice(everyone.indexOf(last.id) + 1);
        assert.deepEqual(rest, expectedRest, "the rows after the cursor, in order, each once");
        for (const user of initial) {
          assert.equal([...firstIds, ...rest].filter((id) => id === user.id).length, 1, `${user.id} listed exactly once`);
        }
      });
    }

    storeTest("deleting the cursor's row between pages does not lose the rows after it", async (store) => {
      const dave = named("d", "D");
      await seed(store, { organizations, users: [named("b", "B"), dave, named("f", "F"), named("h", "H")] });
      const first = await committed(store, (tx) => listUserPage(tx, ORG_A, { limit: 2 }));
      assert.deepEqual(first.items.map((user) => user.id), ["p-b", "p-d"]);
      await committed(store, async (tx) => expectOk(await tx.users.delete(ORG_A, dave.id, 0), "delete"));
      const second = await committed(store, (tx) => listUserPage(tx, ORG_A, { limit: 2, after: first.nextCursor ?? "" }));
      assert.deepEqual(second.items.map((user) => user.id), ["p-f", "p-h"]);
      assert.equal(second.nextCursor, null);
    });

    storeTest("a cursor of another ordering, or garbage, is a validation error on field after", async (store) => {
      await seed(store, { organizations, users: ["a", "b", "c"].map((name) => named(name, name)) });
      const cursor = (await committed(store, (tx) => listUserPage(tx, ORG_A, { limit: 1 }))).nextCursor;
      assert.ok(cursor !== null);
      const rejected = async (label: string, input: Parameters<typeof userQuerySchema.parse>[0]): Promise<void> => {
        const result = await committed(store, (tx) => tx.users.list(ORG_A, userQuerySchema.parse(input)));
        const error = expectErr(result, "validation", label);
        assert.equal(error.field, "after", label);
      };
      await rejected("fullName:desc", { sort: { field: "fullName", direction: "desc" }, after: cursor });
      await rejected("username:asc", { sort: { field: "username", direction: "asc" }, after: cursor });
      await rejected("email:asc", { sort: { field: "email", direction: "asc" }, after: cursor });
      await rejected("garbage", { after: "this is not a cursor" });
      await rejected("base64 garbage", { after: "bm90LWpzb24" });
      await rejected("unknown ordering", { after: encodeCursor({ order: "shoeSize:asc", key: "a", id: "p-a" }) });
      await rejected("JSON of another shape", { after: Buffer.from('{"key":"a"}', "utf8").toString("base64url") });
      const still = expectOk(await committed(store, (tx) => tx.users.list(ORG_A, userQuerySchema.parse({ after: cursor }))), "valid cursor");
      assert.deepEqual(still.items.map((user) => user.id), ["p-b", "p-c"]);
    });
  });
}
