import { err, ok, type Result } from "neverthrow";
import { decodeCursor, type CursorPosition } from "../../model/cursor.js";
import type { OrganizationId } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import { countsTotal } from "../../model/page-total.js";
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
 * merged into either path. The total (when `countsTotal(query)`) applies the page's predicate, without
 * the cursor, to the candidates (O(c)) or to the prefix block of the index (O(rows in the block)).
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
  const partitionSize = index.partition(organizationId).size;
  const prefix = query.prefix === undefined ? "" : sortKey(query.prefix);
  const candidates = candidateUserIds(transaction, tables, organizationId, query);
  const passesFilter = userFilterTest<UA>(query.filter, query.asOf);
  /** The list's one predicate (organization, prefix, candidates, filters): the page and its total both use it. */
  const admits = (row: UserRow<UA>, key: string, id: string): boolean =>
    row.value.organizationId === organizationId && key.startsWith(prefix) && (candidates === null || candidates.has(id)) && passesFilter(row.value);
  const sign = direction === "asc" ? 1 : -1;
  const afterCursor = (key: string, id: string): boolean => cursor === null || sign * comparePairs(key, id, cursor.key, cursor.id) > 0;
  const page = new PageBuffer<UserRow<UA>>(query.limit);
  /** The candidates' rows that `keep` admits, each once (a candidate id may name nobody, or someone of another organization). */
  const candidateRows = (keep: (row: UserRow<UA>, key: string, id: string) => boolean): UserRow<UA>[] => {
    const rows: UserRow<UA>[] = [];
    for (const id of candidates ?? []) {
      const row = users.get(id);
      if (row !== null && keep(row, row.derived[field], id)) rows.push(row);
    }
    return rows;
  };

  if (candidates !== null && preferCandidateSort(candidates.size, partitionSize, query.limit)) {
    const rows = candidateRows((row, key, id) => afterCursor(key, id) && admits(row, key, id));
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
      return admits(row, key, id) ? page.offer(row) : true;
    });
  }
  let total: number | null = null;
  if (countsTotal(query)) {
    // The same predicate without the cursor: over the candidates when there are fewer of them than
    // users, else over the prefix block of the index.
    if (candidates !== null && candidates.size <= partitionSize) total = candidateRows(admits).length;
    else {
      let counted = 0;
      users.scan(index, organizationId, "asc", (key) => compareCodePoints(key, prefix) >= 0, (row, key, id) => {
        if (!key.startsWith(prefix)) return false;
        if (admits(row, key, id)) counted += 1;
        return true;
      });
      total = counted;
    }
  }
  return ok(page.toPage(order, (row) => ({ key: row.derived[field], id: row.value.id }), (row) => cloneUser(row.value), total));
}
