import assert from "node:assert/strict";
import { userQuerySchema } from "../../model/user-query.js";
import type { User, UserSource } from "../../model/user.js";
import type { ConformanceStore, ConformanceTransaction } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { organizationId, userId } from "./_internal/ids.js";
import { runInterleaved } from "./_internal/interleave.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";
import { sortedIds } from "./_internal/user-list.js";

const ORG_A = organizationId("org-a");
const ORG_B = organizationId("org-b");

async function seedUsers(store: ConformanceStore, users: readonly User[]): Promise<void> {
  await seed(store, { organizations: [makeTestOrganization({ id: ORG_A }), makeTestOrganization({ id: ORG_B })], users });
}

function linked(type: "directory" | "spreadsheet" | "scim", source: string, externalId: string): UserSource {
  return { type, source, externalId };
}

function provisioned(id: string, source: UserSource, organization = ORG_A): User {
  return makeTestUser({ id, organizationId: organization, username: id, source });
}

/**
 * Registers the tests of provisioned users' source records: `findBySourceRecord`, the uniqueness of
 * `(source, externalId)` per organization on insert, update and under concurrency, its release on
 * update and delete, and the `source` / `sourceName` list filters.
 */
export function registerUserSourceRecordTests({ test, storeTest, transactions }: SuiteContext): void {
  test.describe("users: source records", () => {
    storeTest("findBySourceRecord finds the user by source name and record id, exactly", async (store) => {
      const ldap = provisioned("u-1", linked("directory", "corp-ldap", "entry-1"));
      const sheet = provisioned("u-2", linked("spreadsheet", "hr-sheet", "entry-1"));
      await seedUsers(store, [ldap, sheet, provisioned("u-3", linked("directory", "corp-ldap", "entry-1"), ORG_B)]);
      await committed(store, async (tx) => {
        assert.deepEqual(await tx.users.findBySourceRecord(ORG_A, "corp-ldap", "entry-1"), ldap);
        assert.deepEqual(await tx.users.findBySourceRecord(ORG_A, "hr-sheet", "entry-1"), sheet, "one record id in two sources names two users");
        assert.equal(await tx.users.findBySourceRecord(ORG_A, "directory", "entry-1"), null, "the source name, not the kind");
        assert.equal(await tx.users.findBySourceRecord(ORG_A, "corp-ldap", "Entry-1"), null, "record ids are exact");
        assert.equal((await tx.users.findBySourceRecord(ORG_B, "corp-ldap", "entry-1"))?.id, "u-3", "per organization");
      });
    });

    storeTest("a second user with the same source record is a duplicate on source.externalId; nothing is written", async (store) => {
      await seedUsers(store, [provisioned("u-1", linked("directory", "corp-ldap", "entry-1"))]);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.users.insert(provisioned("u-2", linked("directory", "corp-ldap", "entry-1"))), "duplicate", "insert"),
      );
      assert.equal(error.field, "source.externalId");
      assert.equal(await committed(store, (tx) => tx.users.get(ORG_A, userId("u-2"))), null);
    });

    storeTest("an update onto a held source record is a duplicate; moving and unlinking release the old record", async (store) => {
      const anna = provisioned("u-1", linked("scim", "okta", "a"));
      const bob = provisioned("u-2", linked("scim", "okta", "b"));
      await seedUsers(store, [anna, bob]);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.users.update({ ...bob, source: linked("scim", "okta", "a") }), "duplicate", "update"),
      );
      assert.equal(error.field, "source.externalId");
      await committed(store, async (tx) => {
        const moved = expectOk(await tx.users.update({ ...anna, source: linked("scim", "okta", "a2") }), "move");
        expectOk(await tx.users.update({ ...bob, source: { type: "local" } }), "unlink");
        assert.equal(await tx.users.findBySourceRecord(ORG_A, "okta", "a"), null);
        assert.equal((await tx.users.findBySourceRecord(ORG_A, "okta", "a2"))?.id, moved.id);
        assert.equal(await tx.users.findBySourceRecord(ORG_A, "okta", "b"), null);
        expectOk(await tx.users.insert(provisioned("u-3", linked("scim", "okta", "a"))), "the released record is free");
      });
    });

    storeTest("deleting a provisioned user frees its source record", async (store) => {
      await seedUsers(store, [provisioned("u-1", linked("directory", "corp-ldap", "entry-1"))]);
      await committed(store, async (tx) => expectOk(await tx.users.delete(ORG_A, userId("u-1"), 0), "delete"));
      await committed(store, async (tx) => {
        expectOk(await tx.users.insert(provisioned("u-2", linked("directory", "corp-ldap", "entry-1"))), "re-created");
      });
    });

    storeTest("the list filters by source kind and by source name", async (store) => {
      await seedUsers(store, [
        provisioned("u-1", linked("directory", "corp-ldap", "1")),
        provisioned("u-2", linked("directory", "branch-ldap", "1")),
        provisioned("u-3", linked("spreadsheet", "spreadsheet", "row-2")),
        makeTestUser({ id: "u-4", organizationId: ORG_A, username: "u-4" }),
      ]);
      const listed = async (filter: object) =>
        committed(store, async (tx) => {
          const page = expectOk(await tx.users.list(ORG_A, userQuerySchema.parse({ filter, sort: { field: "username" } })), "list");
          return sortedIds(page.items.map((user) => user.id));
        });
      assert.deepEqual(await listed({ source: "directory" }), ["u-1", "u-2"]);
      assert.deepEqual(await listed({ sourceName: "corp-ldap" }), ["u-1"]);
      assert.deepEqual(await listed({ source: "spreadsheet", sourceName: "spreadsheet" }), ["u-3"]);
      assert.deepEqual(await listed({ source: "local" }), ["u-4"]);
      assert.deepEqual(await listed({ source: "scim" }), []);
    });

    if (transactions === "concurrent") {
      storeTest("two interleaved transactions linking users to one source record: exactly one commits", async (store) => {
        await seedUsers(store, []);
        const insert = (id: string) => ({
          read: (tx: ConformanceTransaction) => tx.users.findBySourceRecord(ORG_A, "corp-ldap", "entry-1"),
          write: async (tx: ConformanceTransaction, existing: User | null) => {
            assert.equal(existing, null, "both transactions see the record free");
            return tx.users.insert(provisioned(id, linked("directory", "corp-ldap", "entry-1")));
          },
        });
        const results = await runInterleaved(store, insert("u-1"), insert("u-2"));
        assert.equal(results.filter((result) => result.isOk()).length, 1, "exactly one commits");
        const loser = results.find((result) => result.isErr());
        assert.ok(loser !== undefined && loser.isErr());
        const code = typeof loser.error === "string" ? loser.error : loser.error.code;
        assert.ok(code === "duplicate" || code === "conflict", `the other fails with duplicate or conflict, not ${code}`);
        assert.equal((await committed(store, (tx) => tx.users.findBySourceRecord(ORG_A, "corp-ldap", "entry-1")))?.id, "u-1");
      });
    }
  });
}
