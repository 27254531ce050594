import assert from "node:assert/strict";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { organizationId } from "./_internal/ids.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

/** Registers the tests of `OrganizationRepository`: get, insert, update (versions), listCustomers, copies. */
export function registerOrganizationTests({ test, storeTest }: SuiteContext): void {
  test.describe("organizations", () => {
    storeTest("insert returns the organization and get reads it back", async (store) => {
      const organization = makeTestOrganization({ id: "org-a", entitlements: ["orders.view"], settings: { forceVerify: true } });
      const inserted = await committed(store, async (tx) => expectOk(await tx.organizations.insert(organization), "insert"));
      assert.deepEqual(inserted, organization);
      const read = await committed(store, (tx) => tx.organizations.get(organization.id));
      assert.deepEqual(read, organization);
    });

    storeTest("get of an unknown id is null", async (store) => {
      await seed(store, { organizations: [makeTestOrganization({ id: "org-a" })] });
      assert.equal(await committed(store, (tx) => tx.organizations.get(organizationId("org-missing"))), null);
    });

    storeTest("insert with a taken id is a duplicate and keeps the stored organization", async (store) => {
      const original = makeTestOrganization({ id: "org-a", name: "Original" });
      await seed(store, { organizations: [original] });
      const error = await committed(store, async (tx) =>
        expectErr(await tx.organizations.insert(makeTestOrganization({ id: "org-a", name: "Impostor" })), "duplicate", "insert"),
      );
      assert.equal(error.entity, "organization");
      assert.deepEqual(await committed(store, (tx) => tx.organizations.get(original.id)), original);
    });

    storeTest("update stores version + 1 and returns the stored record", async (store) => {
      const original = makeTestOrganization({ id: "org-a" });
      await seed(store, { organizations: [original] });
      const changed = { ...original, name: "Renamed", updatedAt: testInstant(5) };
      const updated = await committed(store, async (tx) => expectOk(await tx.organizations.update(changed), "update"));
      assert.deepEqual(updated, { ...changed, version: 1 });
      assert.deepEqual(await committed(store, (tx) => tx.organizations.get(original.id)), { ...changed, version: 1 });
      const again = await committed(store, async (tx) =>
        expectOk(await tx.organizations.update({ ...updated, name: "Renamed twice" }), "second update"),
      );
      assert.equal(again.version, 2);
    });

    storeTest("update with a stale version is a conflict naming both versions", async (store) => {
      const original = makeTestOrganization({ id: "org-a" });
      await seed(store, { organizations: [original] });
      await committed(store, async (tx) => expectOk(await tx.organizations.update({ ...original, name: "First" }), "update"));
      const error = await committed(store, async (tx) =>
        expectErr(await tx.organizations.update({ ...original, name: "Lost update" }), "conflict", "stale update"),
      );
      assert.equal(error.entity, "organization");
      assert.equal(error.id, original.id);
      assert.equal(error.expectedVersion, 0);
      assert.equal(error.actualVersion, 1);
      assert.equal((await committed(store, (tx) => tx.organizations.get(original.id)))?.name, "First");
    });

    storeTest("update of an unknown organization is not_found", async (store) => {
      const error = await committed(store, async (tx) =>
        expectErr(await tx.organizations.update(makeTestOrganization({ id: "org-missing" })), "not_found", "update"),
      );
      assert.equal(error.id, "org-missing");
      assert.equal(await committed(store, (tx) => tx.organizations.get(organizationId("org-missing"))), null);
    });

    storeTest("listCustomers returns the partner's customers ordered by id, and follows partner changes", async (store) => {
      const partner = makeTestOrganization({ id: "org-partner", kind: "partner" });
      const otherPartner = makeTestOrganization({ id: "org-partner-2", kind: "partner" });
      const customerB = makeTestOrganization({ id: "org-c-b", partnerId: partner.id });
      const customerA = makeTestOrganization({ id: "org-c-a", partnerId: partner.id });
      const foreign = makeTestOrganization({ id: "org-c-0", partnerId: otherPartner.id });
      await seed(store, { organizations: [partner, otherPartner, customerB, foreign, customerA] });

      const ids = async (partnerId: string): Promise<string[]> =>
        (await committed(store, (tx) => tx.organizations.listCustomers(organizationId(partnerId)))).map((o) => o.id);
      assert.deepEqual(await ids("org-partner"), ["org-c-a", "org-c-b"]);
      assert.deepEqual(await ids("org-partner-2"), ["org-c-0"]);
      assert.deepEqual(await ids("org-c-a"), []);
      assert.deepEqual(await ids("org-missing"), []);

      await committed(store, async (tx) =>
        expectOk(await tx.organizations.update({ ...customerA, partnerId: otherPartner.id }), "move customer"),
      );
      assert.deepEqual(await ids("org-partner"), ["org-c-b"]);
      assert.deepEqual(await ids("org-partner-2"), ["org-c-0", "org-c-a"]);
      const [listed] = await committed(store, (tx) => tx.organizations.listCustomers(partner.id));
      assert.deepEqual(listed, customerB);
    });

    storeTest("returned and inserted organizations are copies: mutating them does not change the store", async (store) => {
      const original = makeTestOrganization({ id: "org-a", entitlements: ["a"] });
      const customer = makeTestOrganization({ id: "org-c", partnerId: original.id, entitlements: ["b"] });
      const expected = structuredClone(original);
      await seed(store, { organizations: [original, customer] });
      original.name = "Mutated input";
      original.entitlements?.push("mutated");
      original.createdAt.setTime(0);

      const read = await committed(store, (tx) => tx.organizations.get(expected.id));
      assert.ok(read !== null);
      read.name = "Mutated output";
      read.entitlements?.push("mutated");
      read.createdAt.setTime(0);
      read.settings.forceVerify = true;
      const [listed] = await committed(store, (tx) => tx.organizations.listCustomers(expected.id));
      assert.ok(listed !== undefined);
      listed.entitlements?.push("mutated");

      assert.deepEqual(await committed(store, (tx) => tx.organizations.get(expected.id)), expected);
      assert.deepEqual((await committed(store, (tx) => tx.organizations.listCustomers(expected.id)))[0]?.entitlements, ["b"]);
    });
  });
}
