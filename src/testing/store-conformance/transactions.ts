import assert from "node:assert/strict";
import { err, ok } from "neverthrow";
import { auditQuerySchema } from "../../model/audit-query.js";
import { userQuerySchema } from "../../model/user-query.js";
import type { ConformanceStore, ConformanceTransaction } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { organizationId, userId } from "./_internal/ids.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { recordSet, type RecordSet } from "./_internal/record-set.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const ORG_A = organizationId("org-a");

/** Stores org-a (the partner of every record set's customer). */
async function seedOrganization(store: ConformanceStore): Promise<void> {
  await seed(store, { organizations: [makeTestOrganization({ id: "org-a", kind: "partner" })] });
}

/** Writes every record of the set inside `tx`. */
async function writeRecordSet(tx: ConformanceTransaction, set: RecordSet): Promise<void> {
  expectOk(await tx.organizations.insert(set.customer), "organization");
  expectOk(await tx.users.insert(set.user), "user");
  expectOk(await tx.groups.insert(set.group), "group");
  expectOk(await tx.assignments.insert(set.assignment), "assignment");
  expectOk(await tx.invitations.insert(set.invitation), "invitation");
  expectOk(await tx.tokens.insert(set.token), "token");
  expectOk(await tx.credentials.insert(set.credential), "credential");
  expectOk(await tx.audit.append(set.event), "audit event");
  expectOk(await tx.outbox.enqueue(set.mail), "mail");
}

/** Asserts that no record of the set, nor any index entry of one, is visible in `tx`. */
async function expectRecordSetAbsent(tx: ConformanceTransaction, set: RecordSet): Promise<void> {
  const { user } = set;
  assert.equal(await tx.organizations.get(set.customer.id), null, "organization");
  assert.deepEqual(await tx.organizations.listCustomers(ORG_A), [], "organization in the partner's customers");
  assert.equal(await tx.users.get(ORG_A, user.id), null, "user");
  assert.deepEqual(await tx.users.getMany(ORG_A, [user.id]), [], "user by getMany");
  assert.equal(await tx.users.findByUsername(ORG_A, user.username), null, "user by username");
  assert.deepEqual(await tx.users.findByEmail(ORG_A, user.email), [], "user by e-mail");
  assert.deepEqual(await tx.users.findByFullName(ORG_A, user.fullName), [], "user by full name");
  const externalId = user.source.type === "directory" ? user.source.externalId : "none";
  assert.equal(await tx.users.findBySourceRecord(ORG_A, "directory", externalId), null, "user by external id");
  assert.deepEqual(expectOk(await tx.users.list(ORG_A, userQuerySchema.parse({})), "list").items, [], "user in list");
  assert.equal(await tx.groups.get(ORG_A, set.group.id), null, "group");
  assert.deepEqual(await tx.groups.list(ORG_A), [], "group in list");
  assert.deepEqual(await tx.groups.listForMember(ORG_A, user.id), [], "group by member");
  assert.equal(await tx.assignments.get(ORG_A, set.assignment.id), null, "assignment");
  assert.deepEqual(await tx.assignments.list(ORG_A), [], "assignment in list");
  assert.deepEqual(await tx.assignments.listForPrincipals(ORG_A, [set.assignment.principal]), [], "assignment by principal");
  assert.deepEqual(await tx.assignments.listForScope(ORG_A, set.assignment.scope), [], "assignment by scope");
  assert.equal(await tx.invitations.get(ORG_A, set.invitation.id), null, "invitation");
  assert.deepEqual(await tx.invitations.listForUser(ORG_A, user.id), [], "invitation by user");
  assert.equal(await tx.tokens.findByHash(set.token.hash), null, "token");
  assert.equal(await tx.credentials.get(ORG_A, user.id), null, "credential");
  assert.deepEqual(expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({})), "audit").items, [], "audit event");
  assert.deepEqual(await tx.outbox.list(ORG_A), [], "mail");
  assert.deepEqual(await tx.outbox.claim({ now: testInstant(1000), leaseUntil: testInstant(1001), limit: 10 }), [], "mail by claim");
}

/** Asserts that every unique value of the set is free again: writing the same set now succeeds. */
async function expectRecordSetWritable(store: ConformanceStore, set: RecordSet): Promise<void> {
  await committed(store, (tx) => writeRecordSet(tx, set));
}

/** Registers the unit-of-work tests: commit, read-your-writes, rollback on `Err` and on throw, `Err` pass-through. */
export function registerTransactionTests({ test, storeTest }: SuiteContext): void {
  test.describe("transactions: atomicity and read-your-writes", () => {
    storeTest("a committed transaction's writes are visible to later transactions, and its Ok value is returned", async (store) => {
      await seedOrganization(store);
      const set = recordSet("x");
      const result = await store.transaction(async (tx) => {
        await writeRecordSet(tx, set);
        return ok("done");
      });
      assert.equal(expectOk(result, "transaction"), "done");
      await committed(store, async (tx) => {
        assert.deepEqual(await tx.users.get(ORG_A, set.user.id), set.user);
        assert.deepEqual(await tx.tokens.findByHash(set.token.hash), set.token);
        assert.equal((await tx.outbox.list(ORG_A)).length, 1);
      });
    });

    storeTest("a transaction reads its own writes, indexes included", async (store) => {
      await seedOrganization(store);
      const set = recordSet("x");
      await committed(store, async (tx) => {
        await writeRecordSet(tx, set);
        const { user } = set;
        assert.deepEqual(await tx.users.get(ORG_A, user.id), user);
        assert.equal((await tx.users.findByUsername(ORG_A, user.username.toLowerCase()))?.id, user.id);
        assert.equal((await tx.users.findByEmail(ORG_A, user.email)).length, 1);
        assert.equal((await tx.users.findByFullName(ORG_A, user.fullName)).length, 1);
        const listed = expectOk(await tx.users.list(ORG_A, userQuerySchema.parse({ filter: { roles: ["editor"], groupIds: [set.group.id] } })), "list");
        assert.deepEqual(listed.items.map((listedUser) => listedUser.id), [user.id]);
        assert.deepEqual((await tx.groups.listForMember(ORG_A, user.id)).map((group) => group.id), [set.group.id]);
        assert.deepEqual((await tx.organizations.listCustomers(ORG_A)).map((organization) => organization.id), [set.customer.id]);
        assert.equal((await tx.invitations.listForUser(ORG_A, user.id)).length, 1);
        assert.deepEqual(await tx.credentials.get(ORG_A, user.id), set.credential);
        assert.equal(expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({})), "audit").items.length, 1);

        const duplicate = expectErr(await tx.users.insert(makeTestUser({ id: "u-y", organizationId: "org-a", username: user.username.toLowerCase() })), "duplicate", "same username in the same transaction");
        assert.equal(duplicate.field, "username");

        const updated = expectOk(await tx.users.update({ ...user, fullName: "Renamed" }), "update");
        assert.equal(updated.version, 1);
        assert.equal((await tx.users.get(ORG_A, user.id))?.fullName, "Renamed");
        expectErr(await tx.users.update({ ...user, fullName: "Stale" }), "conflict", "stale within the transaction");

        expectOk(await tx.tokens.consume(ORG_A, set.token.id, testInstant(5)), "consume");
        assert.deepEqual((await tx.tokens.findByHash(set.token.hash))?.usedAt, testInstant(5));
        expectErr(await tx.tokens.consume(ORG_A, set.token.id, testInstant(6)), "conflict", "consume twice");

        assert.deepEqual((await tx.outbox.claim({ now: testInstant(1), leaseUntil: testInstant(2), limit: 5 })).map((mail) => mail.id), [set.mail.id]);
        assert.deepEqual(await tx.outbox.claim({ now: testInstant(1), leaseUntil: testInstant(2), limit: 5 }), []);

        expectOk(await tx.users.delete(ORG_A, user.id, 1), "delete");
        assert.equal(await tx.users.get(ORG_A, user.id), null);
        expectOk(await tx.users.insert(makeTestUser({ id: "u-z", organizationId: "org-a", username: user.username })), "username freed in the same transaction");
      });
    });

    storeTest("an Err from the work rolls back every write, index entries included, and is returned as is", async (store) => {
      await seedOrganization(store);
      const set = recordSet("x");
      const failure = { code: "host_failure", message: "the host refused", detail: [1, 2] } as const;
      const result = await store.transaction(async (tx) => {
        await writeRecordSet(tx, set);
        return err(failure);
      });
      assert.deepEqual(expectErr(result, "host_failure", "transaction"), failure);
      await committed(store, (tx) => expectRecordSetAbsent(tx, set));
      await expectRecordSetWritable(store, set);
    });

    storeTest("a throw from the work rolls back every write and rejects with the thrown error", async (store) => {
      await seedOrganization(store);
      const set = recordSet("x");
      const boom = new Error("programmer error inside the unit of work");
      await assert.rejects(
        store.transaction(async (tx) => {
          await writeRecordSet(tx, set);
          throw boom;
        }),
        (thrown: unknown) => thrown === boom,
      );
      await committed(store, (tx) => expectRecordSetAbsent(tx, set));
      await expectRecordSetWritable(store, set);
    });

    storeTest("a rolled-back transaction leaves updates, deletes, consumes, claims and mail marks undone", async (store) => {
      await seedOrganization(store);
      const set = recordSet("x");
      const second = makeTestUser({ id: "u-second", organizationId: "org-a", username: "second" });
      await committed(store, async (tx) => {
        await writeRecordSet(tx, set);
        expectOk(await tx.users.insert(second), "second user");
      });
      const snapshot = (tx: ConformanceTransaction) =>
        Promise.all([
          tx.organizations.get(set.customer.id),
          tx.users.get(ORG_A, set.user.id),
          tx.users.get(ORG_A, second.id),
          tx.users.findByUsername(ORG_A, set.user.username),
          tx.groups.get(ORG_A, set.group.id),
          tx.assignments.list(ORG_A),
          tx.invitations.get(ORG_A, set.invitation.id),
          tx.tokens.findByHash(set.token.hash),
          tx.credentials.get(ORG_A, set.user.id),
          tx.outbox.list(ORG_A),
        ]);
      const before = await committed(store, snapshot);

      for (const ending of ["err", "throw"] as const) {
        const outcome = store.transaction(async (tx) => {
          expectOk(await tx.organizations.update({ ...set.customer, name: "Changed" }), "organization");
          expectOk(await tx.users.update({ ...set.user, username: "renamed", fullName: "Changed" }), "user");
          expectOk(await tx.users.delete(ORG_A, second.id, 0), "delete user");
          expectOk(await tx.groups.delete(ORG_A, set.group.id, 0), "group");
          expectOk(await tx.assignments.delete(ORG_A, set.assignment.id), "assignment");
          expectOk(await tx.invitations.update({ ...set.invitation, state: { status: "revoked", at: testInstant(1), by: null } }), "invitation");
          expectOk(await tx.tokens.consume(ORG_A, set.token.id, testInstant(1)), "token");
          expectOk(await tx.credentials.update({ ...set.credential, failedAttempts: 3 }), "credential");
          const claimed = await tx.outbox.claim({ now: testInstant(1), leaseUntil: testInstant(2), limit: 5 });
          assert.equal(claimed.length, 1);
          expectOk(await tx.outbox.markFailed(set.mail.id, "boom", null, { leaseUntil: testInstant(2) }), "mail");
          if (ending === "throw") throw new Error("rolled back");
          return err("rolled back" as const);
        });
        if (ending === "throw") await assert.rejects(outcome);
        else assert.equal((await outcome).isErr(), true);
        assert.deepEqual(await committed(store, snapshot), before, `after ${ending}`);
      }
      await committed(store, async (tx) => {
        assert.equal(await tx.users.findByUsername(ORG_A, "renamed"), null, "the rolled-back username is free");
        assert.equal((await tx.outbox.claim({ now: testInstant(1), leaseUntil: testInstant(2), limit: 5 })).length, 1, "the mail is claimable");
      });
    });

    storeTest("a write refused with an Err leaves the transaction usable: later writes commit", async (store) => {
      await seedOrganization(store);
      const anna = makeTestUser({ id: "u-anna", organizationId: "org-a", username: "anna" });
      await seed(store, { users: [anna] });
      await committed(store, async (tx) => {
        expectErr(await tx.users.insert(makeTestUser({ id: "u-2", organizationId: "org-a", username: "ANNA" })), "duplicate", "duplicate");
        expectErr(await tx.users.update({ ...anna, version: 5 }), "conflict", "conflict");
        expectErr(await tx.users.delete(ORG_A, userId("u-missing"), 0), "not_found", "not found");
        expectOk(await tx.users.insert(makeTestUser({ id: "u-3", organizationId: "org-a", username: "bob" })), "insert after the refusals");
        expectOk(await tx.users.update({ ...anna, fullName: "Anna Berg" }), "update after the refusals");
      });
      await committed(store, async (tx) => {
        assert.equal((await tx.users.findByUsername(ORG_A, "bob"))?.id, "u-3");
        assert.equal((await tx.users.get(ORG_A, anna.id))?.fullName, "Anna Berg");
        assert.equal(await tx.users.get(ORG_A, userId("u-2")), null);
      });
    });
  });
}
