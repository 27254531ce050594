import assert from "node:assert/strict";
import type { UserQueryInput } from "../../model/user-query.js";
import type { ConformanceStore } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { organizationId } from "./_internal/ids.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";
import { FILTER_AS_OF, userFilterFixture } from "./_internal/user-filter-fixture.js";
import { PAGE_TOTALS } from "./_internal/page-totals.js";
import { listAllUserIds, listUserPage } from "./_internal/user-list.js";

const ORG_A = organizationId("org-a");

/**
 * Asserts that `users.list` of `org-a` returns exactly `expected` (ids in full-name order, which is the
 * fixture's id order), both as one page and paged one row at a time.
 */
async function expectListed(store: ConformanceStore, input: UserQueryInput, expected: readonly string[]): Promise<void> {
  const label = JSON.stringify(input);
  await committed(store, async (tx) => {
    const page = await listUserPage(tx, ORG_A, { ...input, limit: 1000 });
    assert.deepEqual(page.items.map((user) => user.id), expected, label);
    assert.equal(page.nextCursor, null, `${label}: a single complete page has no next cursor`);
    assert.equal(page.total, expected.length, `${label}: the total counts what the filters and the visibility admit`);
    // Paging one row at a time: the totals (on the first page, on every page, on none) are the rows reached.
    for (const total of PAGE_TOTALS) {
      assert.deepEqual(await listAllUserIds(tx, ORG_A, { ...input, limit: 1, total }), expected, `${label}, one row per page, total ${total}`);
    }
  });
}

/** Registers the filter and visibility tests of `users.list`. */
export function registerUserListTests({ test, storeTest }: SuiteContext): void {
  /** A test on the filter fixture: the store already holds `userFilterFixture()`. */
  const fixtureTest = (name: string, body: (store: ConformanceStore) => Promise<void>): void =>
    storeTest(name, async (store) => {
      await seed(store, userFilterFixture());
      await body(store);
    });

  test.describe("users.list: filters and visibility", () => {
    fixtureTest("without a filter it lists every user of the organization and none of another", async (store) => {
      await expectListed(store, {}, ["u-alice", "u-bob", "u-carol", "u-dave", "u-erin", "u-frank", "u-grace", "u-heidi", "u-ivan", "u-judy"]);
      await expectListed(store, { asOf: FILTER_AS_OF }, ["u-alice", "u-bob", "u-carol", "u-dave", "u-erin", "u-frank", "u-grace", "u-heidi", "u-ivan", "u-judy"]);
    });

    fixtureTest("roles: held directly or through a group, in any scope", async (store) => {
      await expectListed(store, { filter: { roles: ["admin"] } }, ["u-alice"]);
      await expectListed(store, { filter: { roles: ["editor"] } }, ["u-bob", "u-carol", "u-erin"]);
      await expectListed(store, { filter: { roles: ["admin", "auditor"] } }, ["u-alice", "u-frank"]);
      await expectListed(store, { filter: { roles: ["nobody"] } }, []);
    });

    fixtureTest("groupIds: members of any of the groups", async (store) => {
      await expectListed(store, { filter: { groupIds: ["g-eng"] } }, ["u-bob", "u-carol"]);
      await expectListed(store, { filter: { groupIds: ["g-eng", "g-ops"] } }, ["u-bob", "u-carol", "u-dave"]);
      await expectListed(store, { filter: { groupIds: ["g-eng", "g-mixed"] } }, ["u-bob", "u-carol", "u-frank"]);
      await expectListed(store, { filter: { groupIds: ["g-empty"] } }, []);
      await expectListed(store, { filter: { groupIds: ["g-b"] } }, []);
    });

    fixtureTest("locations and companies: exact values, any of them", async (store) => {
      await expectListed(store, { filter: { locations: ["Berlin"] } }, ["u-alice", "u-carol", "u-heidi"]);
      await expectListed(store, { filter: { locations: ["Berlin", "Paris"] } }, ["u-alice", "u-bob", "u-carol", "u-erin", "u-heidi", "u-judy"]);
      await expectListed(store, { filter: { locations: ["Rome"] } }, []);
      await expectListed(store, { filter: { companies: ["Globex"] } }, ["u-carol", "u-erin"]);
      await expectListed(store, { filter: { companies: ["Acme"] } }, ["u-alice", "u-bob", "u-frank", "u-ivan"]);
    });

    fixtureTest("statuses without asOf: the stored status counts", async (store) => {
      await expectListed(store, { filter: { statuses: ["active"] } }, ["u-alice", "u-bob"]);
      await expectListed(store, { filter: { statuses: ["blocked"] } }, ["u-carol", "u-dave", "u-erin", "u-judy"]);
      await expectListed(store, { filter: { statuses: ["deactivated"] } }, ["u-frank"]);
      await expectListed(store, { filter: { statuses: ["invited"] } }, ["u-grace"]);
      await expectListed(store, { filter: { statuses: ["removed"] } }, ["u-heidi"]);
      await expectListed(store, { filter: { statuses: ["pending_verification"] } }, ["u-ivan"]);
      await expectListed(store, { filter: { statuses: ["invited", "pending_verification"] } }, ["u-grace", "u-ivan"]);
    });

    fixtureTest("statuses with asOf: a block whose end has passed (or is exactly asOf) counts as active", async (store) => {
      await expectListed(store, { asOf: FILTER_AS_OF, filter: { statuses: ["active"] } }, ["u-alice", "u-bob", "u-carol", "u-judy"]);
      await expectListed(store, { asOf: FILTER_AS_OF, filter: { statuses: ["blocked"] } }, ["u-dave", "u-erin"]);
      await expectListed(store, { asOf: testInstant(120), filter: { statuses: ["blocked"] } }, ["u-dave"]);
      await expectListed(store, { asOf: testInstant(120), filter: { statuses: ["active"] } }, ["u-alice", "u-bob", "u-carol", "u-erin", "u-judy"]);
      await expectListed(store, { asOf: testInstant(-120), filter: { statuses: ["blocked"] } }, ["u-carol", "u-dave", "u-erin", "u-judy"]);
      await expectListed(store, { asOf: FILTER_AS_OF, filter: { statuses: ["deactivated", "removed"] } }, ["u-frank", "u-heidi"]);
    });

    fixtureTest("audiences, thirdParty and source", async (store) => {
      await expectListed(store, { filter: { audiences: ["guest"] } }, ["u-carol", "u-grace"]);
      await expectListed(store, { filter: { audiences: ["internal"] } }, ["u-alice", "u-dave", "u-erin", "u-frank", "u-heidi", "u-judy"]);
      await expectListed(store, { filter: { audiences: ["external", "guest"] } }, ["u-bob", "u-carol", "u-grace", "u-ivan"]);
      await expectListed(store, { filter: { thirdParty: true } }, ["u-bob"]);
      await expectListed(store, { filter: { thirdParty: false } }, ["u-alice", "u-carol", "u-dave", "u-erin", "u-frank", "u-grace", "u-heidi", "u-ivan", "u-judy"]);
      await expectListed(store, { filter: { source: "directory" } }, ["u-carol", "u-frank"]);
      await expectListed(store, { filter: { source: "local" } }, ["u-alice", "u-bob", "u-dave", "u-erin", "u-grace", "u-heidi", "u-ivan", "u-judy"]);
    });

    fixtureTest("filters combine with AND", async (store) => {
      await expectListed(store, { filter: { roles: ["editor"], locations: ["Berlin"] } }, ["u-carol"]);
      await expectListed(store, { filter: { groupIds: ["g-eng"], audiences: ["external"] } }, ["u-bob"]);
      await expectListed(store, { asOf: FILTER_AS_OF, filter: { statuses: ["active"], companies: ["Acme"] } }, ["u-alice", "u-bob"]);
      await expectListed(store, { asOf: FILTER_AS_OF, filter: { source: "directory", statuses: ["blocked"] } }, []);
      await expectListed(store, { filter: { source: "directory", statuses: ["blocked"] } }, ["u-carol"]);
      await expectListed(store, { filter: { roles: ["editor"], thirdParty: false, source: "local" } }, ["u-erin"]);
      await expectListed(store, { filter: { locations: ["Paris"], companies: ["Globex"], audiences: ["internal"] } }, ["u-erin"]);
      await expectListed(
        store,
        {
          asOf: FILTER_AS_OF,
          filter: {
            roles: ["editor", "admin"],
            groupIds: ["g-eng", "g-ops"],
            locations: ["Paris", "Berlin"],
            companies: ["Acme"],
            statuses: ["active"],
            audiences: ["external"],
            thirdParty: true,
            source: "local",
          },
        },
        ["u-bob"],
      );
      await expectListed(store, { filter: { roles: ["admin"], groupIds: ["g-eng"] } }, []);
    });

    fixtureTest("visibility all lists everyone; self lists only the viewer", async (store) => {
      await expectListed(store, { visibility: { type: "all" }, filter: { companies: ["Globex"] } }, ["u-carol", "u-erin"]);
      await expectListed(store, { visibility: { type: "self", viewerId: "u-carol" } }, ["u-carol"]);
      await expectListed(store, { visibility: { type: "self", viewerId: "u-carol" }, filter: { audiences: ["internal"] } }, []);
      await expectListed(store, { visibility: { type: "self", viewerId: "u-zed" } }, []);
      await expectListed(store, { visibility: { type: "self", viewerId: "u-missing" } }, []);
    });

    fixtureTest("visibility shared_groups lists the viewer and whoever shares one of the viewer's groups", async (store) => {
      await expectListed(store, { visibility: { type: "shared_groups", viewerId: "u-bob" } }, ["u-bob", "u-carol", "u-frank"]);
      await expectListed(store, { visibility: { type: "shared_groups", viewerId: "u-carol" } }, ["u-bob", "u-carol"]);
      await expectListed(store, { visibility: { type: "shared_groups", viewerId: "u-dave" } }, ["u-dave"]);
      await expectListed(store, { visibility: { type: "shared_groups", viewerId: "u-alice" } }, ["u-alice"]);
      await expectListed(store, { visibility: { type: "shared_groups", viewerId: "u-bob" }, filter: { audiences: ["guest"] } }, ["u-carol"]);
      await expectListed(store, { visibility: { type: "shared_groups", viewerId: "u-zed" } }, []);
    });
  });
}
