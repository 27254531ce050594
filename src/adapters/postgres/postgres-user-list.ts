import { err, ok, type Result } from "neverthrow";
import type { Expression, Kysely, SelectQueryBuilder, SqlBool } from "kysely";
import { decodeCursor, encodeCursor, type CursorPosition } from "../../model/cursor.js";
import type { Page } from "../../model/page.js";
import { countsTotal } from "../../model/page-total.js";
import { sortKey } from "../../model/sort-key.js";
import type { ValidationError } from "../../model/tenure-error.js";
import type { UserQuery } from "../../model/user-query.js";
import type { User } from "../../model/user.js";
import { USER_SORT_COLUMNS } from "./_internal/user-columns.js";
import { userListConditions, type UsersExpressionBuilder } from "./_internal/user-list-conditions.js";
import { USER_ROW_COLUMNS, type UserRow } from "./_internal/user-row.js";
import type { TenureTables } from "./tables.js";

/** A row of a user list: the user's row and its sort key, which the next page's cursor holds. */
export type UserListRow = UserRow & { readonly sort_key: string };

/**
 * One keyset page of the users of an organization (see `UserRepository.list`), as one query: the
 * filters are SQL conditions, the page starts after the cursor's `(sort key, id)` and reads `limit + 1`
 * rows, the extra one telling whether a next page exists; the total, when counted, is a second query
 * over the same predicate in the same snapshot. Cursors are those of the memory adapter
 * (ordering `field:direction`, the last row's sort key and id), so pages agree across adapters.
 */
export async function listPostgresUsers<UA extends object>(
  db: Kysely<TenureTables>,
  decode: (row: UserRow) => User<UA>,
  organizationId: string,
  query: UserQuery,
): Promise<Result<Page<User<UA>>, ValidationError>> {
  const order = `${query.sort.field}:${query.sort.direction}`;
  let cursor: CursorPosition | null = null;
  if (query.after !== undefined) {
    const decoded = decodeCursor(query.after, order);
    if (decoded.isErr()) return err(decoded.error);
    cursor = decoded.value;
  }
  const rows = await userListQuery(db, organizationId, query, cursor).execute();
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor({ order, key: last.sort_key, id: last.id }) : null;
  const total = countsTotal(query) ? Number((await userCountQuery(db, organizationId, query).executeTakeFirstOrThrow()).total) : null;
  return ok({ items: items.map(decode), nextCursor, total });
}

/**
 * The list's one predicate (organization, filters, visibility, prefix range) over the sort key column
 * `key`: the page adds the cursor to it, the total counts it as it is.
 */
function userListPredicate(eb: UsersExpressionBuilder, organizationId: string, query: UserQuery, key: UserSortKeyColumn): Expression<SqlBool>[] {
  const conditions = [eb("users.organization_id", "=", organizationId), ...userListConditions(eb, organizationId, query)];
  const range = prefixRange(query.prefix === undefined ? "" : sortKey(query.prefix));
  if (range !== null) {
    conditions.push(eb(key, ">=", range.from));
    if (range.to !== null) conditions.push(eb(key, "<", range.to));
  }
  return conditions;
}

type UserSortKeyColumn = `users.${(typeof USER_SORT_COLUMNS)[keyof typeof USER_SORT_COLUMNS]}`;

const sortKeyColumn = (query: UserQuery): UserSortKeyColumn => `users.${USER_SORT_COLUMNS[query.sort.field]}` as const;

/**
 * The count of the whole list (`Page.total`): `count(*)` under the page's predicate without the
 * cursor, read from the sort index (or the filters' indexes) as the planner chooses. Internal.
 */
export function userCountQuery(db: Kysely<TenureTables>, organizationId: string, query: UserQuery) {
  return db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string | number | bigint>().as("total"))
    .where((eb) => eb.and(userListPredicate(eb, organizationId, query, sortKeyColumn(query))));
}

/**
 * The query of one list page, built apart so that tests can `EXPLAIN` it. It walks the index
 * `(organization_id, <field>_key, id)` in the query's direction from the cursor (or the prefix's first
 * key), so a page reads about as many rows as it returns when the filters are not too selective.
 * Internal: not part of the public entry.
 */
export function userListQuery(
  db: Kysely<TenureTables>,
  organizationId: string,
  query: UserQuery,
  cursor: CursorPosition | null,
): SelectQueryBuilder<TenureTables, "users", UserListRow> {
  const key = sortKeyColumn(query);
  const { direction } = query.sort;
  return db
    .selectFrom("users")
    .select((eb) => [...USER_ROW_COLUMNS, eb.ref(key).as("sort_key")])
    .where((eb) => {
      const conditions = userListPredicate(eb, organizationId, query, key);
      if (cursor !== null) {
        conditions.push(eb(eb.refTuple(key, "users.id"), direction === "asc" ? ">" : "<", eb.tuple(cursor.key, cursor.id)));
      }
      return eb.and(conditions);
    })
    .orderBy(key, direction)
    .orderBy("users.id", direction)
    .limit(query.limit + 1);
}

/**
 * The keys starting with `prefix`, as the range `from <= key < to` in code point order (which is
 * `COLLATE "C"` order): `to` is the prefix with its last code point below U+10FFFF raised by one
 * (skipping the surrogates). `to` is `null` when no such code point exists; the range is `null` for the
 * empty prefix. A range, unlike `LIKE`, bounds an index scan in either direction without escaping.
 */
function prefixRange(prefix: string): { readonly from: string; readonly to: string | null } | null {
  if (prefix === "") return null;
  const points = [...prefix];
  while (points.length > 0) {
    const last = (points.pop() as string).codePointAt(0) as number;
    if (last < 0x10ffff) return { from: prefix, to: points.join("") + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1) };
  }
  return { from: prefix, to: null };
}
