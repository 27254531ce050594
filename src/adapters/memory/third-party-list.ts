import { err, ok, type Result } from "neverthrow";
import { accountStatusNow } from "../../access/account-standing.js";
import { decodeAccessEndCursor, encodeAccessEndCursor } from "../../model/access-end-cursor.js";
import type { OrganizationId } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import { countsTotal } from "../../model/page-total.js";
import type { ValidationError } from "../../model/tenure-error.js";
import type { ThirdPartyQuery } from "../../model/third-party-query.js";
import type { User } from "../../model/user.js";
import { cloneUser } from "./clone-user.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import { comparePairs } from "./_internal/sorted-pair-list.js";
import type { Row } from "./_internal/version-chain.js";
import type { MemoryTables } from "./memory-tables.js";
import { expiryKey, type UserKeys } from "./memory-user-tables.js";

/**
 * One page of the third-party list (see `UserRepository.listThirdParty`): a scan of the index of
 * third-party users with an end of access, from the cursor, under one predicate (statuses judged at
 * `asOf` by `accountStatusNow`, the sponsor), which the total counts too over the whole index partition.
 * Reads as many entries as it passes over: the organization's other users are not in this index.
 */
export function listThirdPartyUsers<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
  organizationId: OrganizationId,
  query: ThirdPartyQuery,
): Result<Page<User<UA>>, ValidationError> {
  let cursor: { key: string; id: string } | null = null;
  if (query.after !== undefined) {
    const decoded = decodeAccessEndCursor(query.after);
    if (decoded.isErr()) return err(decoded.error);
    cursor = { key: expiryKey(decoded.value.at), id: decoded.value.id };
  }
  const users = transaction.view(tables.users.users);
  const index = tables.users.byAccessExpiry;
  const statuses = query.statuses === undefined ? null : new Set<string>(query.statuses);
  /** The list's one predicate: the page and its total both use it. */
  const admits = (row: Row<User<UA>, UserKeys>): boolean => {
    const user = row.value;
    return (
      user.organizationId === organizationId &&
      user.thirdParty &&
      user.accessExpiresAt !== null &&
      (statuses === null || statuses.has(accountStatusNow(user, query.asOf))) &&
      (query.sponsorId === undefined || user.invitedBy === query.sponsorId)
    );
  };
  const rows: Row<User<UA>, UserKeys>[] = [];
  const from = (key: string, id: string): boolean => cursor === null || comparePairs(key, id, cursor.key, cursor.id) > 0;
  users.scan(index, organizationId, "asc", from, (row) => {
    if (admits(row)) rows.push(row);
    return rows.length <= query.limit;
  });
  let total: number | null = null;
  if (countsTotal(query)) {
    let counted = 0;
    users.scan(index, organizationId, "asc", () => true, (row) => {
      if (admits(row)) counted += 1;
      return true;
    });
    total = counted;
  }
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > query.limit && last !== undefined ? encodeAccessEndCursor({ at: last.value.accessExpiresAt as Date, id: last.value.id }) : null;
  return ok({ items: items.map((row) => cloneUser(row.value)), nextCursor, total });
}
