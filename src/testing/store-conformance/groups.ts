import assert from "node:assert/strict";
import type { Group } from "../../model/group.js";
import type { ConformanceStore } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestGroup } from "./_internal/fixtures/group.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { groupId, organizationId, userId } from "./_internal/ids.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const ORG_A = organizationId(A);

/** Stores org-a and org-b, users u-1 … u-3 of org-a, and the groups. */
async function seedGroups(store: ConformanceStore, groups: readonly Group[]): Promise<void> {
  await seed(store, {
    organizations: [makeTestOrganization({ id: A }), makeTestOrganization({ id: "org-b" })],
    users: ["u-1", "u-2", "u-3"].map((id) => makeTestUser({ id, organizationId: A })),
    groups,
  });
}

/** The ids of a list of groups, in order. */
const idsOf = (groups: readonly Group[]): string[] => groups.map((group) => group.id);

/** Registers the tests of `GroupRepository`: get, list orders, listForMember, versions, delete, copies. */
export function registerGroupTests({ test, storeTest }: SuiteContext): void {
  test.describe("groups", () => {
    storeTest("insert returns the group and get reads it back; unknown ids are null", async (store) => {
      const group = makeTestGroup({ id: "g-1", organizationId: A, name: "Engineers", colour: "#A0b1C2", memberIds: ["u-2", "u-1"] });
      await seedGroups(store, []);
      const inserted = await committed(store, async (tx) => expectOk(await tx.groups.insert(group), "insert"));
      assert.deepEqual(inserted, group);
      await committed(store, async (tx) => {
        assert.deepEqual(await tx.groups.get(ORG_A, group.id), group);
        assert.equal(await tx.groups.get(ORG_A, groupId("g-missing")), null);
      });
    });

    storeTest("insert with a taken id is a duplicate and keeps the stored group", async (store) => {
      const original = makeTestGroup({ id: "g-1", organizationId: A, name: "Original" });
      await seedGroups(store, [original]);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.groups.insert(makeTestGroup({ id: "g-1", organizationId: A, name: "Impostor" })), "duplicate", "insert"),
      );
      assert.equal(error.entity, "group");
      assert.deepEqual(await committed(store, (tx) => tx.groups.get(ORG_A, original.id)), original);
    });

    storeTest("list and listForMember order by the name's sort key, then id", async (store) => {
      await seedGroups(store, [
        makeTestGroup({ id: "g-4", organizationId: A, name: "beta", memberIds: ["u-1"] }),
        makeTestGroup({ id: "g-2", organizationId: A, name: "alpha", memberIds: ["u-1", "u-2"] }),
        makeTestGroup({ id: "g-1", organizationId: A, name: "Alpha", memberIds: [] }),
        makeTestGroup({ id: "g-3", organizationId: A, name: "Ｃharlie", memberIds: ["u-1"] }),
        makeTestGroup({ id: "g-5", organizationId: A, name: "Äpfel", memberIds: ["u-2"] }),
        makeTestGroup({ id: "g-0", organizationId: "org-b", name: "Alpha", memberIds: ["u-1"] }),
      ]);
      await committed(store, async (tx) => {
        assert.deepEqual(idsOf(await tx.groups.list(ORG_A)), ["g-1", "g-2", "g-4", "g-3", "g-5"]);
        assert.deepEqual(idsOf(await tx.groups.listForMember(ORG_A, userId("u-1"))), ["g-2", "g-4", "g-3"]);
        assert.deepEqual(idsOf(await tx.groups.listForMember(ORG_A, userId("u-2"))), ["g-2", "g-5"]);
        assert.deepEqual(await tx.groups.listForMember(ORG_A, userId("u-3")), []);
        assert.deepEqual(await tx.groups.list(organizationId("org-missing")), []);
      });
    });

    storeTest("update stores version + 1, returns the stored record, and listForMember follows membership", async (store) => {
      const group = makeTestGroup({ id: "g-1", organizationId: A, memberIds: ["u-1"] });
      await seedGroups(store, [group]);
      const changed: Group = { ...group, name: "Renamed", memberIds: [userId("u-2"), userId("u-3")], updatedAt: testInstant(4) };
      const updated = await committed(store, async (tx) => expectOk(await tx.groups.update(changed), "update"));
      assert.deepEqual(updated, { ...changed, version: 1 });
      await committed(store, async (tx) => {
        assert.deepEqual(await tx.groups.get(ORG_A, group.id), { ...changed, version: 1 });
        assert.deepEqual(await tx.groups.listForMember(ORG_A, userId("u-1")), []);
        assert.deepEqual(idsOf(await tx.groups.listForMember(ORG_A, userId("u-3"))), ["g-1"]);
      });
    });

    storeTest("update with a stale version is a conflict; of an unknown group, not_found", async (store) => {
      const group = makeTestGroup({ id: "g-1", organizationId: A });
      await seedGroups(store, [group]);
      await committed(store, async (tx) => expectOk(await tx.groups.update({ ...group, name: "First" }), "first"));
      await committed(store, async (tx) => {
        const error = expectErr(await tx.groups.update({ ...group, name: "Lost" }), "conflict", "stale");
        assert.equal(error.entity, "group");
        assert.equal(error.id, "g-1");
        assert.equal(error.expectedVersion, 0);
        assert.equal(error.actualVersion, 1);
        const missing = expectErr(await tx.groups.update(makeTestGroup({ id: "g-missing", organizationId: A })), "not_found", "unknown");
        assert.equal(missing.id, "g-missing");
      });
      assert.equal((await committed(store, (tx) => tx.groups.get(ORG_A, group.id)))?.name, "First");
    });

    storeTest("delete removes the group from get, list and listForMember", async (store) => {
      const group = makeTestGroup({ id: "g-1", organizationId: A, memberIds: ["u-1"] });
      const other = makeTestGroup({ id: "g-2", organizationId: A, memberIds: ["u-1"] });
      await seedGroups(store, [group, other]);
      await committed(store, async (tx) => expectOk(await tx.groups.delete(ORG_A, group.id, 0), "delete"));
      await committed(store, async (tx) => {
        assert.equal(await tx.groups.get(ORG_A, group.id), null);
        assert.deepEqual(idsOf(await tx.groups.list(ORG_A)), ["g-2"]);
        assert.deepEqual(idsOf(await tx.groups.listForMember(ORG_A, userId("u-1"))), ["g-2"]);
        expectErr(await tx.groups.delete(ORG_A, group.id, 0), "not_found", "second delete");
        expectErr(await tx.groups.update(group), "not_found", "update after delete");
      });
    });

    storeTest("delete with a stale version is a conflict and keeps the group", async (store) => {
      const group = makeTestGroup({ id: "g-1", organizationId: A });
      await seedGroups(store, [group]);
      await committed(store, async (tx) => expectOk(await tx.groups.update({ ...group, name: "Changed" }), "update"));
      await committed(store, async (tx) => {
        const error = expectErr(await tx.groups.delete(ORG_A, group.id, 0), "conflict", "stale delete");
        assert.equal(error.expectedVersion, 0);
        assert.equal(error.actualVersion, 1);
        expectErr(await tx.groups.delete(ORG_A, groupId("g-missing"), 0), "not_found", "unknown");
      });
      assert.equal((await committed(store, (tx) => tx.groups.get(ORG_A, group.id)))?.name, "Changed");
    });

    storeTest("returned and inserted groups are copies: mutating them does not change the store", async (store) => {
      const input = makeTestGroup({ id: "g-1", organizationId: A, memberIds: ["u-1"] });
      const expected = structuredClone(input);
      await seedGroups(store, [input]);
      input.memberIds.push(userId("u-2"));
      input.createdAt.setTime(0);
      const reads = await committed(store, async (tx) => [
        await tx.groups.get(ORG_A, expected.id),
        ...(await tx.groups.list(ORG_A)),
        ...(await tx.groups.listForMember(ORG_A, userId("u-1"))),
      ]);
      assert.equal(reads.length, 3);
      for (const read of reads) {
        assert.ok(read !== null);
        read.memberIds.push(userId("u-3"));
        read.name = "Mutated";
        read.updatedAt.setTime(0);
      }
      await committed(store, async (tx) => {
        assert.deepEqual(await tx.groups.get(ORG_A, expected.id), expected);
        assert.deepEqual(await tx.groups.listForMember(ORG_A, userId("u-3")), []);
      });
    });
  });
}
