import assert from "node:assert/strict";
import type { User } from "../../model/user.js";
import type { ConformanceStore, ConformanceTransaction } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { organizationId, userId } from "./_internal/ids.js";
import { runInterleaved } from "./_internal/interleave.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const B = "org-b";
const ORG_A = organizationId(A);

async function seedOrganizations(store: ConformanceStore): Promise<void> {
  await seed(store, { organizations: [makeTestOrganization({ id: A }), makeTestOrganization({ id: B })] });
}

const user = (id: string, email: string, organization = A): User =>
  makeTestUser({ id, organizationId: organization, username: id, email });

const insertClaiming = (tx: ConformanceTransaction, candidate: User) => tx.users.insert(candidate, { uniqueEmail: true });

/** Registers the tests of e-mail claims (`UserWriteOptions.uniqueEmail`), the store's backing of enforced unique e-mail. */
export function registerUserEmailClaimTests({ test, storeTest, transactions }: SuiteContext): void {
  test.describe("users: unique e-mail claims", () => {
    storeTest("a claimed address refuses a second claim by normalized form, in the same organization only", async (store) => {
      await seedOrganizations(store);
      await committed(store, async (tx) => expectOk(await insertClaiming(tx, user("u-1", "Anna.Berg@Example.com")), "first claim"));
      await committed(store, async (tx) => {
        expectErr(await insertClaiming(tx, user("u-2", "anna.berg@example.COM")), "duplicate", "second claim");
        expectOk(await tx.users.insert(user("u-3", "anna.berg@example.com")), "a user claiming nothing may share it");
        expectOk(await insertClaiming(tx, user("u-4", "anna.berg@example.com", B)), "another organization's claim");
      });
      const sharing = await committed(store, (tx) => tx.users.findByEmail(ORG_A, "anna.berg@example.com"));
      assert.deepEqual(sharing.map((found) => found.id).sort(), ["u-1", "u-3"]);
    });

    storeTest("the duplicate names the field email and the address", async (store) => {
      await seedOrganizations(store);
      await committed(store, async (tx) => expectOk(await insertClaiming(tx, user("u-1", "anna@example.com")), "claim"));
      const refused = await store.transaction((tx) => insertClaiming(tx, user("u-2", "ANNA@example.com")));
      assert.ok(refused.isErr());
      assert.equal(refused.error.code, "duplicate");
      assert.equal("field" in refused.error ? refused.error.field : undefined, "email");
    });

    storeTest("an update keeps the claim and moves it with the address; false releases it; delete releases it", async (store) => {
      await seedOrganizations(store);
      const claimed = await committed(store, async (tx) => expectOk(await insertClaiming(tx, user("u-1", "old@example.com")), "claim"));
      const moved = await committed(store, async (tx) => expectOk(await tx.users.update({ ...claimed, email: "new@example.com" }), "move"));
      const renamed = await committed(store, async (tx) => {
        expectOk(await insertClaiming(tx, user("u-2", "old@example.com")), "the old address is free again");
        expectErr(await insertClaiming(tx, user("u-3", "NEW@example.com")), "duplicate", "the claim moved to the new address");
        return expectOk(await tx.users.update({ ...moved, fullName: "Renamed" }), "an update without the option");
      });
      await committed(store, async (tx) => {
        expectErr(await insertClaiming(tx, user("u-4", "new@example.com")), "duplicate", "still claimed after the rename");
        expectOk(await tx.users.update(renamed, { uniqueEmail: false }), "release");
      });
      await committed(store, async (tx) => {
        expectOk(await insertClaiming(tx, user("u-5", "new@example.com")), "released by uniqueEmail: false");
        expectOk(await tx.users.delete(ORG_A, userId("u-5"), 0), "delete the new holder");
      });
      await committed(store, async (tx) => expectOk(await insertClaiming(tx, user("u-6", "new@example.com")), "released by the delete"));
    });

    storeTest("claiming on update an address another user claimed is a duplicate and changes nothing", async (store) => {
      await seedOrganizations(store);
      await committed(store, async (tx) => expectOk(await insertClaiming(tx, user("u-1", "anna@example.com")), "claim"));
      const bob = await committed(store, async (tx) => expectOk(await tx.users.insert(user("u-2", "bob@example.com")), "bob"));
      const stored = await committed(store, async (tx) => {
        expectErr(await tx.users.update({ ...bob, email: "anna@example.com" }, { uniqueEmail: true }), "duplicate", "taken");
        return tx.users.get(ORG_A, bob.id);
      });
      assert.equal(stored?.email, "bob@example.com");
      assert.equal(stored?.version, 0);
    });

    if (transactions === "concurrent") {
      storeTest("two interleaved transactions claiming one address: exactly one commits", async (store) => {
        await seedOrganizations(store);
        const claim = (id: string, email: string) => ({
          read: (tx: ConformanceTransaction) => tx.users.findByEmail(ORG_A, email),
          write: async (tx: ConformanceTransaction, existing: User[]) => {
            assert.deepEqual(existing, [], "both see the address free");
            return insertClaiming(tx, user(id, email));
          },
        });
        const [first, second] = await runInterleaved(store, claim("u-1", "anna@example.com"), claim("u-2", "Anna@Example.com"));
        assert.equal(Number(first.isOk()) + Number(second.isOk()), 1, "exactly one commits");
        const loser = first.isOk() ? second : first;
        assert.ok(loser.isErr());
        assert.ok(["duplicate", "conflict"].includes((loser.error as { code: string }).code));
      });
    }
  });
}
