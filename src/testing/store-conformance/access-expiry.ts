import assert from "node:assert/strict";
import { err, ok } from "neverthrow";
import { TenureErrors } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import type { ConformanceStore } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { organizationId, userId } from "./_internal/ids.js";
import { expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const ORG_A = organizationId("org-a");
const ORG_B = organizationId("org-b");

/** A third-party user of org-a whose access ends `minutes` after the test instant. */
function guest(id: string, minutes: number, overrides: Partial<User> = {}): User {
  return makeTestUser({ id, thirdParty: true, accessExpiresAt: testInstant(minutes), ...overrides });
}

async function expiringIds(
  store: ConformanceStore,
  before: Date,
  options: { limit?: number; after?: { at: Date; id: string }; organization?: string } = {},
): Promise<string[]> {
  const users = await committed(store, (tx) =>
    tx.users.listAccessExpiring(organizationId(options.organization ?? "org-a"), {
      before,
      limit: options.limit ?? 100,
      ...(options.after === undefined ? {} : { after: { at: options.after.at, id: userId(options.after.id) } }),
    }),
  );
  return users.map((user) => user.id);
}

/** Registers the tests of `users.listAccessExpiring` and `organizations.list` (the expiry sweep's reads). */
export function registerAccessExpiryTests({ test, storeTest }: SuiteContext): void {
  test.describe("access expiry", () => {
    storeTest("listAccessExpiring returns third-party users due before the bound, by (date, id), in any status", async (store) => {
      await seed(store, {
        organizations: [makeTestOrganization({ id: "org-a" })],
        users: [
          guest("u-c", 10),
          guest("u-a", 10),
          guest("u-b", 5, { account: { status: "deactivated", reason: "admin" } }),
          guest("u-d", 20),
          guest("u-later", 30),
          guest("u-none", 0, { accessExpiresAt: null }),
          makeTestUser({ id: "u-regular", thirdParty: false, accessExpiresAt: testInstant(1) }),
        ],
      });
      assert.deepEqual(await expiringIds(store, testInstant(30)), ["u-b", "u-a", "u-c", "u-d"]);
      assert.deepEqual(await expiringIds(store, testInstant(10)), ["u-b"], "the bound is exclusive");
      assert.deepEqual(await expiringIds(store, testInstant(11), { limit: 2 }), ["u-b", "u-a"]);
      assert.deepEqual(await expiringIds(store, testInstant(30), { limit: 0 }), []);
      const [first] = await committed(store, (tx) => tx.users.listAccessExpiring(ORG_A, { before: testInstant(6), limit: 10 }));
      assert.deepEqual(first, guest("u-b", 5, { account: { status: "deactivated", reason: "admin" } }));
      const claimed = await committed(store, (tx) => tx.users.listAccessExpiring(ORG_A, { before: testInstant(30), limit: 3, claim: true }));
      assert.deepEqual(claimed.map((user) => user.id), ["u-b", "u-a", "u-c"], "claiming returns what reading returns when nobody else holds the users");
    });

    storeTest("listAccessExpiring pages by keyset after (date, id) without skipping or repeating ties", async (store) => {
      const users = ["u-5", "u-1", "u-3", "u-2", "u-4"].map((id, index) => guest(id, index < 3 ? 7 : 3));
      await seed(store, { organizations: [makeTestOrganization({ id: "org-a" })], users });
      assert.deepEqual(await expiringIds(store, testInstant(100)), ["u-2", "u-4", "u-1", "u-3", "u-5"]);
      assert.deepEqual(await expiringIds(store, testInstant(100), { after: { at: testInstant(3), id: "u-4" } }), ["u-1", "u-3", "u-5"]);
      assert.deepEqual(await expiringIds(store, testInstant(100), { after: { at: testInstant(7), id: "u-1" } }), ["u-3", "u-5"]);
      assert.deepEqual(await expiringIds(store, testInstant(100), { after: { at: testInstant(5), id: "zzz" } }), ["u-1", "u-3", "u-5"]);
      const seen: string[] = [];
      let after: { at: Date; id: string } | undefined;
      for (;;) {
        const page = await committed(store, (tx) =>
          tx.users.listAccessExpiring(ORG_A, {
            before: testInstant(100),
            limit: 2,
            ...(after === undefined ? {} : { after: { at: after.at, id: userId(after.id) } }),
          }),
        );
        if (page.length === 0) break;
        seen.push(...page.map((user) => user.id));
        const last = page[page.length - 1] as User;
        after = { at: last.accessExpiresAt as Date, id: last.id };
      }
      assert.deepEqual(seen, ["u-2", "u-4", "u-1", "u-3", "u-5"]);
    });

    storeTest("listAccessExpiring is scoped to the organization", async (store) => {
      await seed(store, {
        organizations: [makeTestOrganization({ id: "org-a" }), makeTestOrganization({ id: "org-b" })],
        users: [guest("u-a", 1), guest("u-b", 1, { organizationId: ORG_B })],
      });
      assert.deepEqual(await expiringIds(store, testInstant(10)), ["u-a"]);
      assert.deepEqual(await expiringIds(store, testInstant(10), { organization: "org-b" }), ["u-b"]);
      assert.deepEqual(await expiringIds(store, testInstant(10), { organization: "org-missing" }), []);
    });

    storeTest("listAccessExpiring reads the transaction's own writes, and a rolled-back change leaves no trace", async (store) => {
      const moved = guest("u-moved", 50);
      const regular = makeTestUser({ id: "u-regular", accessExpiresAt: null });
      const cleared = guest("u-cleared", 2);
      await seed(store, { organizations: [makeTestOrganization({ id: "org-a" })], users: [moved, regular, cleared] });

      const inside = await store.transaction(async (tx) => {
        expectOk(await tx.users.update({ ...moved, accessExpiresAt: testInstant(1) }), "move date");
        expectOk(await tx.users.update({ ...regular, thirdParty: true, accessExpiresAt: testInstant(3) }), "convert");
        expectOk(await tx.users.update({ ...cleared, accessExpiresAt: null }), "clear date");
        expectOk(await tx.users.insert(guest("u-new", 4)), "insert");
        const seen = (await tx.users.listAccessExpiring(ORG_A, { before: testInstant(10), limit: 10 })).map((user) => user.id);
        const paged = (
          await tx.users.listAccessExpiring(ORG_A, { before: testInstant(10), limit: 10, after: { at: testInstant(1), id: moved.id } })
        ).map((user) => user.id);
        return err({ seen, paged, rollback: TenureErrors.notFound("user", "rollback") });
      });
      assert.ok(inside.isErr() && "seen" in inside.error);
      assert.deepEqual(inside.error.seen, ["u-moved", "u-regular", "u-new"]);
      assert.deepEqual(inside.error.paged, ["u-regular", "u-new"]);
      assert.deepEqual(await expiringIds(store, testInstant(10)), ["u-cleared"], "nothing of the rolled-back work remains");
      assert.deepEqual(await expiringIds(store, testInstant(60)), ["u-cleared", "u-moved"]);

      const committedWork = await store.transaction(async (tx) => {
        const updated = await tx.users.update({ ...moved, accessExpiresAt: testInstant(1) });
        return updated.isErr() ? err(updated.error) : ok(undefined);
      });
      expectOk(committedWork, "commit the move");
      assert.deepEqual(await expiringIds(store, testInstant(10)), ["u-moved", "u-cleared"]);
    });

    storeTest("organizations.list returns every organization ordered by id, paged by keyset", async (store) => {
      const ids = ["org-c", "org-a", "org-e", "org-b", "org-d"];
      await seed(store, { organizations: ids.map((id) => makeTestOrganization({ id })) });
      const list = async (options?: { after?: string; limit?: number }): Promise<string[]> =>
        (
          await committed(store, (tx) =>
            tx.organizations.list(
              options === undefined
                ? undefined
                : {
                    ...(options.after === undefined ? {} : { after: organizationId(options.after) }),
                    ...(options.limit === undefined ? {} : { limit: options.limit }),
                  },
            ),
          )
        ).map((organization) => organization.id);
      assert.deepEqual(await list(), ["org-a", "org-b", "org-c", "org-d", "org-e"]);
      assert.deepEqual(await list({ limit: 2 }), ["org-a", "org-b"]);
      assert.deepEqual(await list({ after: "org-b", limit: 2 }), ["org-c", "org-d"]);
      assert.deepEqual(await list({ after: "org-bb" }), ["org-c", "org-d", "org-e"]);
      assert.deepEqual(await list({ after: "org-e" }), []);
      assert.deepEqual(await list({ limit: 0 }), []);
      const [first] = await committed(store, (tx) => tx.organizations.list({ limit: 1 }));
      assert.deepEqual(first, makeTestOrganization({ id: "org-a" }));

      const inside = await committed(store, async (tx) => {
        expectOk(await tx.organizations.insert(makeTestOrganization({ id: "org-bz" })), "insert");
        return (await tx.organizations.list({ after: "org-b" as never, limit: 2 })).map((organization) => organization.id);
      });
      assert.deepEqual(inside, ["org-bz", "org-c"], "reads its own writes");
    });
  });
}
