import type { Kysely, SelectQueryBuilder } from "kysely";
import type { TenureTables } from "../tables.js";
import { USER_ROW_COLUMNS, type UserRow } from "./user-row.js";

/** The options of `UserRepository.listAccessExpiring`. */
export interface AccessExpiringOptions {
  readonly before: Date;
  readonly limit: number;
  readonly after?: { readonly at: Date; readonly id: string };
  /** Lock the users returned, skipping those another transaction holds (`FOR UPDATE SKIP LOCKED`). */
  readonly claim?: boolean;
}

/**
 * The query of `users.listAccessExpiring`, built apart so that tests can `EXPLAIN` it. It repeats the
 * partial index's predicate (`third_party AND access_expires_at IS NOT NULL`), so the planner walks
 * `users_access_expiring` from `(after.at, after.id)` and stops after `limit` rows, however many users
 * the organization has. With `claim` it locks the rows it returns and skips rows locked by another
 * transaction, so concurrent sweeps take disjoint batches.
 */
export function accessExpiringQuery(
  db: Kysely<TenureTables>,
  organizationId: string,
  options: AccessExpiringOptions,
): SelectQueryBuilder<TenureTables, "users", UserRow> {
  const { after } = options;
  let query = db
    .selectFrom("users")
    .select(USER_ROW_COLUMNS)
    .where("users.organization_id", "=", organizationId)
    .where("users.third_party", "=", true)
    .where("users.access_expires_at", "is not", null)
    .where("users.access_expires_at", "<", options.before);
  if (after !== undefined) {
    query = query.where((eb) => eb(eb.refTuple("users.access_expires_at", "users.id"), ">", eb.tuple(after.at, after.id)));
  }
  query = query.orderBy("users.access_expires_at").orderBy("users.id").limit(options.limit);
  return options.claim === true ? query.forUpdate().skipLocked() : query;
}
