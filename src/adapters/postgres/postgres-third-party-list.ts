import { err, ok, type Result } from "neverthrow";
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { decodeAccessEndCursor, encodeAccessEndCursor, type AccessEndPosition } from "../../model/access-end-cursor.js";
import type { AccountStatus } from "../../model/account-state.js";
import type { Page } from "../../model/page.js";
import { countsTotal } from "../../model/page-total.js";
import type { ValidationError } from "../../model/tenure-error.js";
import type { ThirdPartyQuery } from "../../model/third-party-query.js";
import type { User } from "../../model/user.js";
import { hasStatus, type UsersExpressionBuilder } from "./_internal/user-list-conditions.js";
import { USER_ROW_COLUMNS, type UserRow } from "./_internal/user-row.js";
import type { TenureTables } from "./tables.js";

/**
 * One page of the third-party list (see `UserRepository.listThirdParty`) as one query over the partial
 * index `users_access_expiring` (its predicate repeated, so the planner walks it from the cursor and
 * stops after `limit + 1` rows), and the total, when counted, as `count(*)` under the same predicate.
 */
export async function listPostgresThirdParty<UA extends object>(
  db: Kysely<TenureTables>,
  decode: (row: UserRow) => User<UA>,
  organizationId: string,
  query: ThirdPartyQuery,
): Promise<Result<Page<User<UA>>, ValidationError>> {
  let cursor: AccessEndPosition | null = null;
  if (query.after !== undefined) {
    const decoded = decodeAccessEndCursor(query.after);
    if (decoded.isErr()) return err(decoded.error);
    cursor = decoded.value;
  }
  const matching = () => db.selectFrom("users").where((eb) => eb.and(thirdPartyPredicate(eb, organizationId, query)));
  const rows = await matching()
    .select(USER_ROW_COLUMNS)
    .$if(cursor !== null, (select) =>
      select.where((eb) => eb(eb.refTuple("users.access_expires_at", "users.id"), ">", eb.tuple((cursor as AccessEndPosition).at, (cursor as AccessEndPosition).id))),
    )
    .orderBy("users.access_expires_at")
    .orderBy("users.id")
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(decode);
  const last = items[items.length - 1];
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeAccessEndCursor({ at: last.accessExpiresAt as Date, id: last.id }) : null;
  const total = countsTotal(query)
    ? Number((await matching().select((eb) => eb.fn.countAll<string | number | bigint>().as("total")).executeTakeFirstOrThrow()).total)
    : null;
  return ok({ items, nextCursor, total });
}

/** The list's one predicate: the partial index's, the statuses judged at `asOf`, the sponsor. */
function thirdPartyPredicate(eb: UsersExpressionBuilder, organizationId: string, query: ThirdPartyQuery): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [
    eb("users.organization_id", "=", organizationId),
    eb("users.third_party", "=", true),
    eb("users.access_expires_at", "is not", null),
  ];
  if (query.statuses !== undefined) conditions.push(statusNow(eb, query.statuses, query.asOf));
  if (query.sponsorId !== undefined) conditions.push(eb(sql<string | null>`users.record->>'invitedBy'`, "=", query.sponsorId));
  return conditions;
}

/**
 * `accountStatusNow` of a third-party user with a date is one of `statuses`: removed stays removed;
 * access ended at or before `asOf` counts as de-activated; otherwise the status with a block's end
 * applied (`hasStatus` with `asOf`).
 */
function statusNow(eb: UsersExpressionBuilder, statuses: readonly AccountStatus[], asOf: Date): Expression<SqlBool> {
  const wanted = new Set(statuses);
  const ended = eb("users.access_expires_at", "<=", asOf);
  const alternatives: Expression<SqlBool>[] = [];
  if (wanted.has("removed")) alternatives.push(eb("users.status", "=", "removed"));
  if (wanted.has("deactivated")) {
    alternatives.push(eb("users.status", "=", "deactivated"), eb.and([eb("users.status", "<>", "removed"), ended]));
  }
  const others = statuses.filter((status) => status !== "removed" && status !== "deactivated");
  if (others.length > 0) alternatives.push(eb.and([eb("users.access_expires_at", ">", asOf), hasStatus(eb, others, asOf)]));
  return alternatives.length === 0 ? eb.lit(false) : eb.or(alternatives);
}
