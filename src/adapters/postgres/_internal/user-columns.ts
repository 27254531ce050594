import { sql, type Insertable, type RawBuilder } from "kysely";
import { normalizeEmail } from "../../../model/email.js";
import { sortKey } from "../../../model/sort-key.js";
import { TenureErrors, type DuplicateError } from "../../../model/tenure-error.js";
import type { UserSortField } from "../../../model/user-query.js";
import { fullNameKey } from "../../../model/user-validation.js";
import type { User } from "../../../model/user.js";
import type { UsersTable } from "../tables.js";
import { encodeRecord } from "./record-json.js";

/** The columns of a users row other than its key columns (`organization_id`, `id`, `version`). */
export type UserColumns = Omit<Insertable<UsersTable>, "organization_id" | "id" | "version">;

/** The sort key column of each sortable field, each backed by an index `(organization_id, <column>, id)`. */
export const USER_SORT_COLUMNS = {
  fullName: "full_name_key",
  username: "username_key",
  email: "email_key",
} as const satisfies Record<UserSortField, keyof UsersTable>;

/**
 * The columns of a user's row, all derived from the user on every write so that lookups, filters and
 * sorts agree with the record: the same functions as the memory adapter's keys (`sortKey` for sorting and
 * the username, `normalizeEmail` and `fullNameKey` for the finders), and the record column holding
 * everything but the key columns. `email_claim` is not among them: it depends on the write's
 * `uniqueEmail` option, see {@link updatedEmailClaim}.
 */
export function userColumns(user: User<object>): UserColumns {
  const { organizationId: _organizationId, id: _id, version: _version, ...rest } = user;
  const { account, source } = user;
  return {
    username_key: sortKey(user.username),
    full_name_key: sortKey(user.fullName),
    email_key: sortKey(user.email),
    full_name_match: fullNameKey(user.fullName),
    email_normalized: normalizeEmail(user.email),
    external_id: source.type === "local" ? null : source.externalId,
    source_name: source.type === "local" ? null : source.source,
    location: user.location,
    company: user.company,
    status: account.status,
    blocked_until: account.status === "blocked" ? account.until : null,
    audience: user.audience,
    third_party: user.thirdParty,
    source: source.type,
    access_expires_at: user.accessExpiresAt,
    record: encodeRecord(rest),
  };
}

/**
 * The `email_claim` an update stores (see `UserWriteOptions.uniqueEmail`): `true` claims the user's
 * normalized address, `false` releases any claim, omitted moves a held claim to the new address and
 * leaves an unclaimed user unclaimed, decided in the `UPDATE` itself from the stored column.
 */
export function updatedEmailClaim(user: User<object>, uniqueEmail: boolean | undefined): string | null | RawBuilder<string | null> {
  const claim = normalizeEmail(user.email);
  if (uniqueEmail === undefined) return sql<string | null>`CASE WHEN email_claim IS NULL THEN NULL ELSE ${claim} END`;
  return uniqueEmail ? claim : null;
}

/** The `duplicate` error of a write that broke the users table's unique `constraint`, named by the field it guards. */
export function userDuplicate(user: User<object>, constraint: string | undefined): DuplicateError {
  if (constraint === "users_pkey") return TenureErrors.duplicate("user", "id", user.id);
  if (constraint === "users_email_claim_unique") return TenureErrors.duplicate("user", "email", user.email);
  if (constraint === "users_source_record_unique") {
    return TenureErrors.duplicate("user", "source.externalId", user.source.type === "local" ? "" : user.source.externalId);
  }
  return TenureErrors.duplicate("user", "username", user.username);
}
