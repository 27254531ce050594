import assert from "node:assert/strict";
import type { Credential } from "../../model/credential.js";
import type { ConformanceStore } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestCredential } from "./_internal/fixtures/credential.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { organizationId, userId } from "./_internal/ids.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const ORG_A = organizationId(A);

/** Stores org-a, org-b, users u-1 and u-2 of org-a, and the credentials. */
async function seedCredentials(store: ConformanceStore, credentials: readonly Credential[]): Promise<void> {
  await seed(store, {
    organizations: [makeTestOrganization({ id: A }), makeTestOrganization({ id: "org-b" })],
    users: [makeTestUser({ id: "u-1", organizationId: A }), makeTestUser({ id: "u-2", organizationId: A })],
    credentials,
  });
}

/** Reads the credential of a user of org-a. */
async function credentialOf(store: ConformanceStore, id: string): Promise<Credential | null> {
  return committed(store, (tx) => tx.credentials.get(ORG_A, userId(id)));
}

/** Registers the tests of `CredentialRepository`: one credential per user, versions, copies. */
export function registerCredentialTests({ test, storeTest }: SuiteContext): void {
  test.describe("credentials", () => {
    storeTest("insert returns the credential and get reads it back; a user without one is null", async (store) => {
      const credential = makeTestCredential({
        userId: "u-1",
        organizationId: A,
        mustChangePassword: true,
        failedAttempts: 2,
        lockedUntil: testInstant(15),
        updatedAt: testInstant(3),
      });
      await seedCredentials(store, []);
      const inserted = await committed(store, async (tx) => expectOk(await tx.credentials.insert(credential), "insert"));
      assert.deepEqual(inserted, credential);
      assert.deepEqual(await credentialOf(store, "u-1"), credential);
      assert.equal(await credentialOf(store, "u-2"), null);
    });

    storeTest("a user has at most one credential: a second insert is a duplicate", async (store) => {
      const original = makeTestCredential({ userId: "u-1", organizationId: A, passwordHash: null });
      await seedCredentials(store, [original]);
      await committed(store, async (tx) => {
        expectErr(await tx.credentials.insert({ ...original, passwordHash: "$other$hash" }), "duplicate", "second credential");
        expectOk(await tx.credentials.insert(makeTestCredential({ userId: "u-2", organizationId: A })), "another user's");
      });
      assert.deepEqual(await credentialOf(store, "u-1"), original);
    });

    storeTest("delete removes the credential read at its version; a stale version or another organization's is refused", async (store) => {
      const credential = makeTestCredential({ userId: "u-1", organizationId: A });
      await seedCredentials(store, [credential]);
      await committed(store, async (tx) => {
        expectErr(await tx.credentials.delete(organizationId("org-b"), userId("u-1"), credential.version), "not_found", "other organization");
        expectErr(await tx.credentials.delete(ORG_A, userId("u-1"), credential.version + 1), "conflict", "stale version");
        expectErr(await tx.credentials.delete(ORG_A, userId("u-2"), 0), "not_found", "no credential");
        expectOk(await tx.credentials.delete(ORG_A, userId("u-1"), credential.version), "delete");
      });
      assert.equal(await credentialOf(store, "u-1"), null);
      // The user may be given a credential again.
      await committed(store, async (tx) => expectOk(await tx.credentials.insert(credential), "insert again"));
    });

    storeTest("update stores version + 1 and returns the stored record", async (store) => {
      const original = makeTestCredential({ userId: "u-1", organizationId: A });
      await seedCredentials(store, [original]);
      const changed: Credential = { ...original, failedAttempts: 1, lockedUntil: testInstant(9), updatedAt: testInstant(4) };
      const updated = await committed(store, async (tx) => expectOk(await tx.credentials.update(changed), "update"));
      assert.deepEqual(updated, { ...changed, version: 1 });
      assert.deepEqual(await credentialOf(store, "u-1"), { ...changed, version: 1 });
    });

    storeTest("update with a stale version is a conflict; of a user without a credential, not_found", async (store) => {
      const original = makeTestCredential({ userId: "u-1", organizationId: A });
      await seedCredentials(store, [original]);
      await committed(store, async (tx) => expectOk(await tx.credentials.update({ ...original, failedAttempts: 1 }), "first"));
      await committed(store, async (tx) => {
        const error = expectErr(await tx.credentials.update({ ...original, failedAttempts: 5 }), "conflict", "stale");
        assert.equal(error.expectedVersion, 0);
        assert.equal(error.actualVersion, 1);
        expectErr(await tx.credentials.update(makeTestCredential({ userId: "u-2", organizationId: A })), "not_found", "no credential");
      });
      assert.equal((await credentialOf(store, "u-1"))?.failedAttempts, 1);
      assert.equal(await credentialOf(store, "u-2"), null);
    });

    storeTest("returned and inserted credentials are copies: mutating them does not change the store", async (store) => {
      const input = makeTestCredential({ userId: "u-1", organizationId: A, lockedUntil: testInstant(5) });
      const expected = structuredClone(input);
      await seedCredentials(store, [input]);
      input.failedAttempts = 99;
      input.lockedUntil?.setTime(0);
      const read = await credentialOf(store, "u-1");
      assert.ok(read !== null);
      read.passwordHash = "mutated";
      read.lockedUntil?.setTime(0);
      assert.deepEqual(await credentialOf(store, "u-1"), expected);
    });
  });
}
