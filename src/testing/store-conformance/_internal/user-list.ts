import assert from "node:assert/strict";
import type { OrganizationId } from "../../../model/ids.js";
import type { Page } from "../../../model/page.js";
import { compareCodePoints, sortKey } from "../../../model/sort-key.js";
import { userQuerySchema, type UserQueryInput, type UserSortField } from "../../../model/user-query.js";
import type { User } from "../../../model/user.js";
import type { ConformanceTransaction } from "../conformance-options.js";
import { assertPageTotals } from "./page-totals.js";
import { expectOk } from "./results.js";

/** Lists one page, parsing `input` with `userQuerySchema` (defaults applied) and asserting `Ok`. */
export async function listUserPage(
  tx: ConformanceTransaction,
  organizationId: OrganizationId,
  input: UserQueryInput,
): Promise<Page<User>> {
  return expectOk(await tx.users.list(organizationId, userQuerySchema.parse(input)), "users.list");
}

/** How many pages {@link listAllUserIds} follows before it decides the cursor loops. */
const MAX_PAGES = 10_000;

/**
 * Follows `nextCursor` from the first page to the last and returns the ids of every row, in order;
 * asserts on the way that the pages' totals are the number of rows reached (see `assertPageTotals`).
 */
export async function listAllUserIds(
  tx: ConformanceTransaction,
  organizationId: OrganizationId,
  input: Omit<UserQueryInput, "after">,
): Promise<string[]> {
  const ids: string[] = [];
  const pages: Page<User>[] = [];
  let after: string | null = null;
  for (let count = 0; count < MAX_PAGES; count += 1) {
    const page: Page<User> = await listUserPage(tx, organizationId, after === null ? input : { ...input, after });
    pages.push(page);
    ids.push(...page.items.map((user) => user.id));
    if (page.nextCursor === null) {
      assertPageTotals(pages, input.total, `users.list ${JSON.stringify(input)}`);
      return ids;
    }
    after = page.nextCursor;
  }
  assert.fail(`users.list returned a next cursor ${MAX_PAGES} times: its cursors loop`);
}

/** Sorts ids by code unit, for comparing lists whose order does not matter. */
export function sortedIds(ids: Iterable<string>): string[] {
  return [...ids].sort(compareCodePoints);
}

/** The contract's order of users: by the `sortKey` of the sort field, then by id, both in `direction`. */
export function compareUsers(field: UserSortField, direction: "asc" | "desc"): (a: User, b: User) => number {
  const sign = direction === "asc" ? 1 : -1;
  return (a, b) => sign * (compareCodePoints(sortKey(a[field]), sortKey(b[field])) || compareCodePoints(a.id, b.id));
}

/** The ids of `users` in the contract's order, computed naively, to compare a store's pages with. */
export function naiveUserOrder(users: readonly User[], field: UserSortField, direction: "asc" | "desc"): string[] {
  return [...users].sort(compareUsers(field, direction)).map((user) => user.id);
}
