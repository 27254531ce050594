import assert from "node:assert/strict";
import { auditQuerySchema } from "../../model/audit-query.js";
import { userQuerySchema } from "../../model/user-query.js";
import type { ConformanceStore, ConformanceTransaction } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { organizationId, userId } from "./_internal/ids.js";
import { recordSet, type RecordSet } from "./_internal/record-set.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { insertRecords } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const ORG_A = organizationId("org-a");

/** Stores org-a and org-b with a full record set each (tags `a` and `b`), and returns both sets. */
async function seedTenants(store: ConformanceStore): Promise<{ a: RecordSet; b: RecordSet }> {
  const a = recordSet("a", "org-a");
  const b = recordSet("b", "org-b");
  await committed(store, async (tx) => {
    await insertRecords(tx, { organizations: [makeTestOrganization({ id: "org-a" }), makeTestOrganization({ id: "org-b" })] });
    for (const set of [a, b]) {
      await insertRecords(tx, {
        organizations: [set.customer],
        users: [set.user],
        groups: [set.group],
        assignments: [set.assignment],
        invitations: [set.invitation],
        tokens: [set.token],
        credentials: [set.credential],
        auditEvents: [set.event],
        mails: [set.mail],
      });
    }
  });
  return { a, b };
}

/** Asserts that org-b's records are unchanged, read through org-b. */
async function expectUntouched(tx: ConformanceTransaction, b: RecordSet): Promise<void> {
  const ORG_B = b.user.organizationId;
  assert.deepEqual(await tx.users.get(ORG_B, b.user.id), b.user);
  assert.deepEqual(await tx.groups.get(ORG_B, b.group.id), b.group);
  assert.deepEqual(await tx.assignments.get(ORG_B, b.assignment.id), b.assignment);
  assert.deepEqual(await tx.invitations.get(ORG_B, b.invitation.id), b.invitation);
  assert.deepEqual(await tx.tokens.findByHash(b.token.hash), b.token);
  assert.deepEqual(await tx.credentials.get(ORG_B, b.user.id), b.credential);
}

/** Registers the tenant-isolation tests: organization A never reads, changes or returns a record of B. */
export function registerTenantIsolationTests({ test, storeTest }: SuiteContext): void {
  test.describe("tenant isolation", () => {
    storeTest("reads through organization A never return B's records, even by B's ids and values", async (store) => {
      const { a, b } = await seedTenants(store);
      await committed(store, async (tx) => {
        const externalId = b.user.source.type === "directory" ? b.user.source.externalId : "";
        assert.equal(await tx.users.get(ORG_A, b.user.id), null, "users.get");
        assert.deepEqual((await tx.users.getMany(ORG_A, [b.user.id, a.user.id])).map((user) => user.id), [a.user.id], "users.getMany");
        assert.equal(await tx.users.findByUsername(ORG_A, b.user.username), null, "users.findByUsername");
        assert.deepEqual(await tx.users.findByEmail(ORG_A, b.user.email), [], "users.findByEmail");
        assert.deepEqual(await tx.users.findByFullName(ORG_A, b.user.fullName), [], "users.findByFullName");
        assert.equal(await tx.users.findBySourceRecord(ORG_A, "directory", externalId), null, "users.findBySourceRecord");
        for (const input of [
          {},
          { filter: { groupIds: [b.group.id] } },
          { filter: { roles: [b.assignment.role] } },
          { visibility: { type: "self", viewerId: b.user.id } },
          { visibility: { type: "shared_groups", viewerId: b.user.id } },
        ] as const) {
          const listed = expectOk(await tx.users.list(ORG_A, userQuerySchema.parse(input)), "users.list").items.map((user) => user.id);
          assert.ok(!listed.includes(b.user.id), `users.list ${JSON.stringify(input)} lists no user of B`);
        }
        assert.equal(await tx.groups.get(ORG_A, b.group.id), null, "groups.get");
        assert.deepEqual((await tx.groups.list(ORG_A)).map((group) => group.id), [a.group.id], "groups.list");
        assert.deepEqual(await tx.groups.listForMember(ORG_A, b.user.id), [], "groups.listForMember");
        assert.equal(await tx.assignments.get(ORG_A, b.assignment.id), null, "assignments.get");
        assert.deepEqual(await tx.assignments.listForPrincipals(ORG_A, [b.assignment.principal]), [], "assignments.listForPrincipals");
        assert.deepEqual(await tx.assignments.listForScope(ORG_A, b.assignment.scope), [], "assignments.listForScope");
        assert.deepEqual((await tx.assignments.list(ORG_A)).map((assignment) => assignment.id), [a.assignment.id], "assignments.list");
        assert.equal(await tx.invitations.get(ORG_A, b.invitation.id), null, "invitations.get");
        assert.deepEqual(await tx.invitations.listForUser(ORG_A, b.user.id), [], "invitations.listForUser");
        assert.equal(await tx.credentials.get(ORG_A, b.user.id), null, "credentials.get");
        const events = expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({ targetId: b.user.id })), "audit.query");
        assert.deepEqual(events.items, [], "audit.query");
        assert.deepEqual((await tx.outbox.list(ORG_A)).map((mail) => mail.id), [a.mail.id], "outbox.list");
        assert.deepEqual((await tx.organizations.listCustomers(ORG_A)).map((organization) => organization.id), [a.customer.id], "listCustomers");
      });
    });

    storeTest("writes through organization A to B's records are not_found and change nothing", async (store) => {
      const { b } = await seedTenants(store);
      await committed(store, async (tx) => {
        const inA = { organizationId: ORG_A };
        expectErr(await tx.users.update({ ...b.user, ...inA, fullName: "Hijacked" }), "not_found", "users.update");
        expectErr(await tx.users.delete(ORG_A, b.user.id, b.user.version), "not_found", "users.delete");
        expectErr(await tx.groups.update({ ...b.group, ...inA, name: "Hijacked" }), "not_found", "groups.update");
        expectErr(await tx.groups.delete(ORG_A, b.group.id, b.group.version), "not_found", "groups.delete");
        expectErr(await tx.assignments.delete(ORG_A, b.assignment.id), "not_found", "assignments.delete");
        expectErr(await tx.invitations.update({ ...b.invitation, ...inA, message: "Hijacked" }), "not_found", "invitations.update");
        expectErr(await tx.tokens.consume(ORG_A, b.token.id, testInstant(1)), "not_found", "tokens.consume");
        assert.equal(await tx.tokens.invalidateForUser(ORG_A, b.user.id, b.token.purpose, testInstant(1)), 0, "tokens.invalidateForUser");
        expectErr(await tx.credentials.update({ ...b.credential, ...inA, failedAttempts: 9 }), "not_found", "credentials.update");
      });
      await committed(store, (tx) => expectUntouched(tx, b));
    });

    storeTest("the same username, e-mail and full name may exist in two organizations", async (store) => {
      const { a } = await seedTenants(store);
      const twin = recordSet("a", "org-b");
      await committed(store, async (tx) => {
        expectOk(await tx.users.insert({ ...twin.user, id: userId("u-twin") }), "same username in B");
        assert.equal((await tx.users.findByUsername(ORG_A, a.user.username))?.id, a.user.id);
        assert.equal((await tx.users.findByEmail(ORG_A, a.user.email)).length, 1);
        assert.equal((await tx.users.findByFullName(ORG_A, a.user.fullName)).length, 1);
      });
    });
  });
}
