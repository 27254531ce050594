import assert from "node:assert/strict";
import { ok, type Result } from "neverthrow";
import type { TenureError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import { userQuerySchema } from "../../model/user-query.js";
import type { ConformanceStore, ConformanceTransaction } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { organizationId, userId } from "./_internal/ids.js";
import { runInterleaved } from "./_internal/interleave.js";
import { createLatch } from "./_internal/latch.js";
import { describeValue, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const ORG_A = organizationId(A);

/** Stores org-a and the users. */
async function seedUsers(store: ConformanceStore, users: readonly User[]): Promise<void> {
  await seed(store, { organizations: [makeTestOrganization({ id: A })], users });
}

/** Reads a user of org-a, asserting it exists. */
async function readUser(store: ConformanceStore, id: string): Promise<User> {
  const user = await committed(store, (tx) => tx.users.get(ORG_A, userId(id)));
  assert.ok(user !== null, `user ${id} exists`);
  return user;
}

/** Asserts that of two transaction results exactly one is `Ok`, and the other an `Err` with one of `codes`. */
function expectOneWinner(
  results: readonly [Result<unknown, TenureError | string>, Result<unknown, TenureError | string>],
  codes: readonly string[],
): "first" | "second" {
  const [first, second] = results;
  assert.equal(
    Number(first.isOk()) + Number(second.isOk()),
    1,
    `exactly one transaction commits; got ${describeValue(results.map((result) => (result.isOk() ? "Ok" : result.error)))}`,
  );
  const loser = first.isOk() ? second : first;
  assert.ok(loser.isErr());
  const code = typeof loser.error === "string" ? loser.error : loser.error.code;
  assert.ok(codes.includes(code), `the other fails with ${codes.join(" or ")}, not ${describeValue(loser.error)}`);
  return first.isOk() ? "first" : "second";
}

/** Registers the concurrency tests: optimistic conflicts between transactions, snapshots, concurrent uniqueness. */
export function registerConcurrencyTests({ test, storeTest, transactions }: SuiteContext): void {
  if (transactions === "serialized") {
    registerSerializedTests({ test, storeTest });
    return;
  }
  test.describe("transactions: concurrency", () => {
    storeTest("two interleaved transactions updating the same user: exactly one commits, the other gets a conflict", async (store) => {
      await seedUsers(store, [makeTestUser({ id: "u-1", organizationId: A, fullName: "Original" })]);
      const rename = (fullName: string) => ({
        read: (tx: ConformanceTransaction) => tx.users.get(ORG_A, userId("u-1")),
        write: async (tx: ConformanceTransaction, user: User | null) => {
          assert.ok(user !== null);
          assert.equal(user.version, 0, "both transactions read version 0");
          return tx.users.update({ ...user, fullName });
        },
      });
      const results = await runInterleaved(store, rename("First"), rename("Second"));
      const winner = expectOneWinner(results, ["conflict"]);
      assert.equal(winner, "first", "the transaction that committed first wins");
      const stored = await readUser(store, "u-1");
      assert.equal(stored.fullName, "First", "no lost update");
      assert.equal(stored.version, 1);
    });

    storeTest("two interleaved transactions updating different users both commit", async (store) => {
      await seedUsers(store, [makeTestUser({ id: "u-1", organizationId: A }), makeTestUser({ id: "u-2", organizationId: A })]);
      const rename = (id: string) => ({
        read: (tx: ConformanceTransaction) => tx.users.get(ORG_A, userId(id)),
        write: async (tx: ConformanceTransaction, user: User | null) => {
          assert.ok(user !== null);
          return tx.users.update({ ...user, fullName: `Renamed ${id}` });
        },
      });
      const [first, second] = await runInterleaved(store, rename("u-1"), rename("u-2"));
      expectOk(first, "first");
      expectOk(second, "second");
      assert.equal((await readUser(store, "u-1")).fullName, "Renamed u-1");
      assert.equal((await readUser(store, "u-2")).fullName, "Renamed u-2");
    });

    storeTest("an update interleaved with a delete of the same user: exactly one commits", async (store) => {
      await seedUsers(store, [makeTestUser({ id: "u-1", organizationId: A })]);
      const results = await runInterleaved(
        store,
        {
          read: (tx) => tx.users.get(ORG_A, userId("u-1")),
          write: async (tx, user) => {
            assert.ok(user !== null);
            return tx.users.delete(ORG_A, user.id, user.version);
          },
        },
        {
          read: (tx) => tx.users.get(ORG_A, userId("u-1")),
          write: async (tx, user) => {
            assert.ok(user !== null);
            return tx.users.update({ ...user, fullName: "Resurrected" });
          },
        },
      );
      expectOneWinner(results, ["conflict", "not_found"]);
      assert.equal(await committed(store, (tx) => tx.users.get(ORG_A, userId("u-1"))), null, "the delete committed first and stays");
    });

    storeTest("two interleaved transactions inserting the same username: exactly one commits", async (store) => {
      await seedUsers(store, []);
      const insert = (id: string, username: string) => ({
        read: (tx: ConformanceTransaction) => tx.users.findByUsername(ORG_A, username),
        write: async (tx: ConformanceTransaction, existing: User | null) => {
          assert.equal(existing, null, "both transactions see the username free");
          return tx.users.insert(makeTestUser({ id, organizationId: A, username }));
        },
      });
      const results = await runInterleaved(store, insert("u-1", "anna"), insert("u-2", "ANNA"));
      expectOneWinner(results, ["duplicate", "conflict"]);
      await committed(store, async (tx) => {
        assert.equal((await tx.users.findByUsername(ORG_A, "Anna"))?.id, "u-1");
        assert.equal(await tx.users.get(ORG_A, userId("u-2")), null);
      });
    });

    storeTest("a transaction sees one snapshot: a commit made after its first read is invisible to it", async (store) => {
      await seedUsers(store, [makeTestUser({ id: "u-1", organizationId: A, fullName: "Before" })]);
      const readerHasRead = createLatch("the reading transaction to start");
      const writerHasCommitted = createLatch("the writing transaction to commit while the reader is open");

      const reader = store.transaction(async (tx) => {
        const first = await tx.users.get(ORG_A, userId("u-1"));
        readerHasRead.open();
        await writerHasCommitted.wait();
        const again = await tx.users.get(ORG_A, userId("u-1"));
        const newcomer = await tx.users.get(ORG_A, userId("u-2"));
        const byName = await tx.users.findByUsername(ORG_A, "newcomer");
        const listed = expectOk(await tx.users.list(ORG_A, userQuerySchema.parse({})), "list").items.map((user) => user.id);
        return ok({ first, again, newcomer, byName, listed });
      });
      await readerHasRead.wait();
      await committed(store, async (tx) => {
        const user = await tx.users.get(ORG_A, userId("u-1"));
        assert.ok(user !== null);
        expectOk(await tx.users.update({ ...user, fullName: "After" }), "update");
        expectOk(await tx.users.insert(makeTestUser({ id: "u-2", organizationId: A, username: "newcomer" })), "insert");
      });
      writerHasCommitted.open();

      const seen = expectOk(await reader, "the read-only transaction commits");
      assert.equal(seen.first?.fullName, "Before");
      assert.equal(seen.again?.fullName, "Before", "the committed update is invisible");
      assert.equal(seen.again?.version, 0);
      assert.equal(seen.newcomer, null, "the committed insert is invisible to get");
      assert.equal(seen.byName, null, "and to the username index");
      assert.deepEqual(seen.listed, ["u-1"], "and to list");
      assert.equal((await readUser(store, "u-1")).fullName, "After", "a later transaction sees the commit");
    });
  });
}

/** For stores that run one transaction at a time: overlapping transactions queue, and each sees the last one's commit. */
function registerSerializedTests({ test, storeTest }: Pick<SuiteContext, "test" | "storeTest">): void {
  test.describe("transactions: one at a time", () => {
    storeTest("a transaction started while another is open starts after it commits, and sees its writes", async (store) => {
      await seedUsers(store, [makeTestUser({ id: "u-1", organizationId: A, fullName: "Original" })]);
      const events: string[] = [];
      const firstHasRead = createLatch("the first transaction to read");
      const first = store.transaction(async (tx) => {
        const user = await tx.users.get(ORG_A, userId("u-1"));
        assert.ok(user !== null);
        events.push("first read");
        firstHasRead.open();
        // Give a wrongly concurrent second transaction every chance to run now.
        for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
        events.push("first writes");
        return tx.users.update({ ...user, fullName: "First" });
      });
      await firstHasRead.wait();
      const second = store.transaction(async (tx) => {
        events.push("second reads");
        const user = await tx.users.get(ORG_A, userId("u-1"));
        assert.ok(user !== null);
        return tx.users.update({ ...user, fullName: `${user.fullName} then second` });
      });
      const results = await Promise.all([first, second]);
      expectOk(results[0], "first");
      expectOk(results[1], "second");
      assert.deepEqual(events, ["first read", "first writes", "second reads"], "the second waited for the first");
      const stored = await readUser(store, "u-1");
      assert.equal(stored.fullName, "First then second", "the second saw the first's commit: no lost update");
      assert.equal(stored.version, 2);
    });

    storeTest("a transaction that fails does not block the next one", async (store) => {
      await seedUsers(store, [makeTestUser({ id: "u-1", organizationId: A })]);
      const failing = store.transaction(async () => {
        throw new Error("boom");
      });
      const next = committed(store, (tx) => tx.users.get(ORG_A, userId("u-1")));
      await assert.rejects(failing, /boom/);
      assert.equal((await next)?.id, "u-1");
    });
  });
}
