import assert from "node:assert/strict";
import type { OrganizationId } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import { thirdPartyQuerySchema, type ThirdPartyQueryInput } from "../../model/third-party-query.js";
import type { User } from "../../model/user.js";
import type { ConformanceTransaction } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { organizationId } from "./_internal/ids.js";
import { PAGE_TOTALS, assertPageTotals } from "./_internal/page-totals.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed, type SeedRecords } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const ORG_A = organizationId("org-a");
/** The instant the fixture's statuses are judged at. */
const AS_OF = testInstant(0);

/** A third-party user of org-a whose access ends `minutes` after the test instant. */
function visitor(id: string, minutes: number, overrides: Partial<User> = {}): User {
  return makeTestUser({ id, organizationId: "org-a", thirdParty: true, accessExpiresAt: testInstant(minutes), ...overrides });
}

/**
 * Third-party users of org-a by end of access: t-g (-20 min, removed), t-d (-5, active but ended), t-e
 * (0: ends exactly at AS_OF), t-f (10, removed), t-b (30, a block that has lapsed), t-c (30, blocked on),
 * t-a (60, active), t-h (90, invited), t-i (90, de-activated). Not listed: t-none (no date), u-regular
 * (not third party), and org-b's t-z. Sponsors: s-1 invited t-a, t-c, t-d; s-2 invited t-b.
 */
function thirdPartyFixture(): SeedRecords {
  const blocked = (minutes: number | null): User["account"] => ({ status: "blocked", until: minutes === null ? null : testInstant(minutes), reason: null });
  return {
    organizations: [makeTestOrganization({ id: "org-a" }), makeTestOrganization({ id: "org-b" })],
    users: [
      visitor("t-a", 60, { invitedBy: "s-1" as User["invitedBy"] }),
      visitor("t-b", 30, { account: blocked(-10), invitedBy: "s-2" as User["invitedBy"] }),
      visitor("t-c", 30, { account: blocked(100), invitedBy: "s-1" as User["invitedBy"] }),
      visitor("t-d", -5, { invitedBy: "s-1" as User["invitedBy"] }),
      visitor("t-e", 0),
      visitor("t-f", 10, { account: { status: "removed", at: testInstant(-1) } as User["account"] }),
      visitor("t-g", -20, { account: { status: "removed", at: testInstant(-30) } as User["account"] }),
      visitor("t-h", 90, { account: { status: "invited" } as User["account"] }),
      visitor("t-i", 90, { account: { status: "deactivated", reason: "admin" } as User["account"] }),
      visitor("t-none", 0, { accessExpiresAt: null }),
      makeTestUser({ id: "u-regular", organizationId: "org-a", thirdParty: false, accessExpiresAt: testInstant(1) }),
      makeTestUser({ id: "t-z", organizationId: "org-b", thirdParty: true, accessExpiresAt: testInstant(1) }),
    ],
  };
}

/** Lists one page of org-a's third-party list, parsing `input` (with `asOf` AS_OF unless given). */
async function thirdPartyPage(tx: ConformanceTransaction, input: Omit<ThirdPartyQueryInput, "asOf"> & { asOf?: Date }): Promise<Page<User>> {
  return expectOk(await tx.users.listThirdParty(ORG_A, thirdPartyQuerySchema.parse({ asOf: AS_OF, ...input })), "users.listThirdParty");
}

/** Pages the list from the first page to the last; asserts the totals are the rows reached; returns the ids. */
async function allThirdPartyIds(tx: ConformanceTransaction, input: Omit<ThirdPartyQueryInput, "asOf" | "after"> & { asOf?: Date }): Promise<string[]> {
  const pages: Page<User>[] = [];
  let after: string | null = null;
  for (let count = 0; count < 1000; count += 1) {
    const page: Page<User> = await thirdPartyPage(tx, after === null ? input : { ...input, after });
    pages.push(page);
    if (page.nextCursor === null) {
      assertPageTotals(pages, input.total, `users.listThirdParty ${JSON.stringify(input)}`);
      return pages.flatMap((each) => each.items.map((user) => user.id));
    }
    after = page.nextCursor;
  }
  assert.fail("users.listThirdParty returned a next cursor 1000 times: its cursors loop");
}

/** Registers the tests of `users.listThirdParty` (the third-party management view's read). */
export function registerThirdPartyListTests({ test, storeTest }: SuiteContext): void {
  test.describe("users.listThirdParty", () => {
    storeTest("lists the third-party users with a date by (date, id), in one snapshot, paged with any size, totals as asked", async (store) => {
      await seed(store, thirdPartyFixture());
      await committed(store, async (tx) => {
        const everyone = ["t-g", "t-d", "t-e", "t-f", "t-b", "t-c", "t-a", "t-h", "t-i"];
        const page = await thirdPartyPage(tx, { limit: 100 });
        assert.deepEqual(page.items.map((user) => user.id), everyone);
        assert.equal(page.total, everyone.length);
        assert.equal(page.nextCursor, null);
        for (const limit of [1, 2, 9]) {
          for (const total of PAGE_TOTALS) assert.deepEqual(await allThirdPartyIds(tx, { limit, total }), everyone, `by ${limit}, total ${total}`);
        }
      });
    });

    storeTest("statuses are judged at asOf: a lapsed block is active, an ended access (at or before asOf) de-activated, removed stays removed", async (store) => {
      await seed(store, thirdPartyFixture());
      await committed(store, async (tx) => {
        const expect = async (input: Omit<ThirdPartyQueryInput, "asOf" | "after"> & { asOf?: Date }, expected: string[]): Promise<void> => {
          for (const total of PAGE_TOTALS) assert.deepEqual(await allThirdPartyIds(tx, { ...input, limit: 1, total }), expected, `${JSON.stringify(input)}, total ${total}`);
          assert.equal((await thirdPartyPage(tx, { ...input, limit: 100 })).total, expected.length, JSON.stringify(input));
        };
        await expect({ statuses: ["active"] }, ["t-b", "t-a"]);
        await expect({ statuses: ["blocked"] }, ["t-c"]);
        await expect({ statuses: ["deactivated"] }, ["t-d", "t-e", "t-i"]);
        await expect({ statuses: ["removed"] }, ["t-g", "t-f"]);
        await expect({ statuses: ["invited", "pending_verification"] }, ["t-h"]);
        await expect({ statuses: ["active", "deactivated"] }, ["t-d", "t-e", "t-b", "t-a", "t-i"]);
        await expect({ statuses: ["active"], asOf: testInstant(45) }, ["t-a"]);
        await expect({ statuses: ["deactivated"], asOf: testInstant(45) }, ["t-d", "t-e", "t-b", "t-c", "t-i"]);
        await expect({ statuses: ["blocked"], asOf: testInstant(-60) }, ["t-b", "t-c"]);
      });
    });

    storeTest("the sponsor is the user who invited them; filters combine with AND", async (store) => {
      await seed(store, thirdPartyFixture());
      await committed(store, async (tx) => {
        assert.deepEqual(await allThirdPartyIds(tx, { sponsorId: "s-1", limit: 1 }), ["t-d", "t-c", "t-a"]);
        assert.deepEqual(await allThirdPartyIds(tx, { sponsorId: "s-2", limit: 2 }), ["t-b"]);
        assert.deepEqual(await allThirdPartyIds(tx, { sponsorId: "s-1", statuses: ["active", "blocked"], limit: 1 }), ["t-c", "t-a"]);
        assert.deepEqual(await allThirdPartyIds(tx, { sponsorId: "nobody", limit: 1 }), []);
        assert.equal((await thirdPartyPage(tx, { sponsorId: "nobody" })).total, 0);
      });
    });

    storeTest("a cursor of another list, or not made by a list, is a validation error on after", async (store) => {
      await seed(store, thirdPartyFixture());
      await committed(store, async (tx) => {
        const users = expectOk(await tx.users.list(ORG_A, { filter: {}, sort: { field: "fullName", direction: "asc" }, limit: 1, visibility: { type: "all" } }), "users.list");
        for (const after of [users.nextCursor as string, "not-a-cursor"]) {
          const error = expectErr(await tx.users.listThirdParty(ORG_A, thirdPartyQuerySchema.parse({ asOf: AS_OF, after })), "validation", "listThirdParty");
          assert.equal(error.field, "after");
        }
      });
    });
  });
}
