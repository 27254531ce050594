import { err, ok, type Result } from "neverthrow";
import { decodeCursor, type CursorPosition } from "../../model/cursor.js";
import type { OrganizationId } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import { compareCodePoints, sortKey } from "../../model/sort-key.js";
import type { ValidationError } from "../../model/tenure-error.js";
import type { UserQuery } from "../../model/user-query.js";
import type { User } from "../../model/user.js";
import { preferCandidateSort } from "./_internal/access-path.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import { PageBuffer } from "./_internal/page-buffer.js";
import { comparePairs, type PairPredicate } from "./_internal/sorted-pair-list.js";
import type { Row } from "./_internal/version-chain.js";
import type { MemoryTables } from "./memory-tables.js";
import type { UserKeys } from "./memory-user-tables.js";
import { candidateUserIds } from "./user-list-candidates.js";
import { userFilterTest } from "./user-list-filter.js";
import { cloneUser } from "./clone-user.js";

type UserRow<UA extends object> = Row<User<UA>, UserKeys>;

/**
 * One keyset page of the users of an organization (see `UserRepository.list`).
 *
 * Plan: each organization has an ordered index per sort field holding `(sortKey(field), id)`. Without a
 * candidate set the page seeks to the cursor (or the prefix) in O(log n) and reads rows in order until it
 * has `limit + 1` matches: O(log n + rows read). When roles, groups or the visibility restrict the users
 * to a candidate set of size c, it sorts the candidates instead (O(c log c)) if that is cheaper than
 * scanning past non-candidates (about `limit · n / c` rows). The transaction's own uncommitted writes are
 * merged into either path.
 */
export function listUsers<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
  organizationId: OrganizationId,
  query: UserQuery,
): Result<Page<User<UA>>, ValidationError> {
  const { field, direction } = query.sort;
  const order = `${field}:${direction}`;
  let cursor: CursorPosition | null = null;
  if (query.after !== undefined) {
    const decoded = decodeCursor(query.after, order);
    if (decoded.isErr()) return err(decoded.error);
    cursor = decoded.value;
  }
  const users = transaction.view(tables.users.users);
  const index = tables.users.ordered[field];
  const prefix = query.prefix === undefined ? "" : sortKey(query.prefix);
  const candidates = candidateUserIds(transaction, tables, organizationId, query);
  const passesFilter = userFilterTest<UA>(query.filter, query.asOf);
  const sign = direction === "asc" ? 1 : -1;
  const afterCursor = (key: string, id: string): boolean => cursor === null || sign * comparePairs(key, id, cursor.key, cursor.id) > 0;
  const page = new PageBuffer<UserRow<UA>>(query.limit);

  if (candidates !== null && preferCandidateSort(candidates.size, index.partition(organizationId).size, query.limit)) {
    const rows: UserRow<UA>[] = [];
    for (const id of candidates) {
      const row = users.get(id);
      if (row === null || row.value.organizationId !== organizationId) continue;
      const key = row.derived[field];
      if (key.startsWith(prefix) && afterCursor(key, id) && passesFilter(row.value)) rows.push(row);
    }
    rows.sort((a, b) => sign * comparePairs(a.derived[field], a.value.id, b.derived[field], b.value.id));
    for (const row of rows) if (!page.offer(row)) break;
  } else {
    // Ascending: start at the first key ≥ prefix past the cursor. Descending: at the last key in or
    // below the prefix block before the cursor. Either way the scan stops on leaving the prefix block.
    const from: PairPredicate =
      direction === "asc"
        ? (key, id) => compareCodePoints(key, prefix) >= 0 && afterCursor(key, id)
        : (key, id) => (key.startsWith(prefix) || compareCodePoints(key, prefix) < 0) && afterCursor(key, id);
    users.scan(index, organizationId, direction, from, (row, key, id) => {
      if (!key.startsWith(prefix)) return false;
      if (candidates !== null && !candidates.has(id)) return true;
      return passesFilter(row.value) ? page.offer(row) : true;
    });
  }
  return ok(page.toPage(order, (row) => ({ key: row.derived[field], id: row.value.id }), (row) => cloneUser(row.value)));
}
