import { normalizeEmail } from "../../model/email.js";
import type { UserId } from "../../model/ids.js";
import { sortKey } from "../../model/sort-key.js";
import type { UserSortField } from "../../model/user-query.js";
import { fullNameKey } from "../../model/user-validation.js";
import type { User } from "../../model/user.js";
import { compositeKey } from "./_internal/composite-key.js";
import { HashIndex } from "./_internal/hash-index.js";
import { MvccTable } from "./_internal/mvcc-table.js";
import { OrderedIndex } from "./_internal/ordered-index.js";
import type { Row } from "./_internal/version-chain.js";

/** The keys of a user computed once per stored version. */
export interface UserKeys extends Readonly<Record<UserSortField, string>> {
  /** `normalizeEmail(email)`. */
  readonly normalizedEmail: string;
  /** `fullNameKey(fullName)`. */
  readonly fullNameMatch: string;
}

/** The users table, its username uniqueness table, and their indexes. */
export interface MemoryUserTables<UA extends object> {
  readonly users: MvccTable<User<UA>, UserKeys>;
  /** Unique usernames: `(organization, sortKey(username))` → user id. */
  readonly usernames: MvccTable<UserId, null>;
  /** Unique source records: `(organization, source name, external id)` → user id. */
  readonly sourceRecords: MvccTable<UserId, null>;
  /** E-mail claims of users written with `uniqueEmail`: `(organization, normalizeEmail(email))` → user id. */
  readonly emailClaims: MvccTable<UserId, null>;
  /** Per organization, by normalized e-mail. */
  readonly byEmail: HashIndex<User<UA>, UserKeys>;
  /** Per organization, by `fullNameKey`. */
  readonly byFullName: HashIndex<User<UA>, UserKeys>;
  /** Per organization, ordered by `(sortKey(field), id)`, one per sortable field (also the organization's user list). */
  readonly ordered: Readonly<Record<UserSortField, OrderedIndex<User<UA>, UserKeys>>>;
  /** Per organization, third-party users with an expiry date only, ordered by `(expiryKey(accessExpiresAt), id)`. */
  readonly byAccessExpiry: OrderedIndex<User<UA>, UserKeys>;
}

/** Offset making every valid `Date` time (±8.64e15 ms) non-negative. */
const EPOCH_OFFSET = 8_640_000_000_000_000;

/**
 * The sort key of an instant: its time shifted to be non-negative and zero-padded to 17 digits, so
 * code point order is time order for every valid `Date` (ISO strings are not, before year 0).
 */
export function expiryKey(at: Date): string {
  return String(at.getTime() + EPOCH_OFFSET).padStart(17, "0");
}

/** The one key of indexes that only partition (e.g. "the users of an organization"). */
export const ALL_KEY = "";

/** The key of a username in the uniqueness table. */
export function usernameKey(organizationId: string, username: string): string {
  return compositeKey(organizationId, sortKey(username));
}

/** The key of a provisioned user's source record in the uniqueness table, or `null` for a local user. */
export function sourceRecordKey(user: Pick<User<object>, "organizationId" | "source">): string | null {
  return user.source.type === "local" ? null : compositeKey(user.organizationId, user.source.source, user.source.externalId);
}

/** The key of an e-mail claim (see `UserWriteOptions.uniqueEmail`). */
export function emailClaimKey(organizationId: string, email: string): string {
  return compositeKey(organizationId, normalizeEmail(email));
}

/** `computed`, or `original` when they are equal, so a key already in normal form is not stored twice. */
function reuse(computed: string, original: string): string {
  return computed === original ? original : computed;
}

/** Computes the {@link UserKeys} of a user, reusing those of the version it replaces when the fields are unchanged. */
export function userKeys(user: User<object>, previous: Row<User<object>, UserKeys> | null): UserKeys {
  if (
    previous !== null &&
    previous.value.fullName === user.fullName &&
    previous.value.username === user.username &&
    previous.value.email === user.email
  ) {
    return previous.derived;
  }
  const fullName = reuse(sortKey(user.fullName), user.fullName);
  return {
    fullName,
    username: reuse(sortKey(user.username), user.username),
    email: reuse(sortKey(user.email), user.email),
    normalizedEmail: reuse(normalizeEmail(user.email), user.email),
    fullNameMatch: reuse(fullNameKey(user.fullName), fullName),
  };
}

/** Builds the user tables. */
export function createMemoryUserTables<UA extends object>(): MemoryUserTables<UA> {
  const orderedBy = (field: UserSortField): OrderedIndex<User<UA>, UserKeys> =>
    new OrderedIndex<User<UA>, UserKeys>({ partitionOf: (row) => row.value.organizationId, keyOf: (row) => row.derived[field] });
  const byEmail = new HashIndex<User<UA>, UserKeys>({
    partitionOf: (row) => row.value.organizationId,
    keysOf: (row) => row.derived.normalizedEmail,
  });
  const byFullName = new HashIndex<User<UA>, UserKeys>({
    partitionOf: (row) => row.value.organizationId,
    keysOf: (row) => row.derived.fullNameMatch,
  });
  const ordered = { fullName: orderedBy("fullName"), username: orderedBy("username"), email: orderedBy("email") };
  const byAccessExpiry = new OrderedIndex<User<UA>, UserKeys>({
    partitionOf: (row) => (row.value.thirdParty && row.value.accessExpiresAt !== null ? row.value.organizationId : null),
    keyOf: (row) => (row.value.accessExpiresAt === null ? ALL_KEY : expiryKey(row.value.accessExpiresAt)),
  });
  const users = new MvccTable<User<UA>, UserKeys>({
    entity: "user",
    derive: userKeys,
    indexes: [byEmail, byFullName, ordered.fullName, ordered.username, ordered.email, byAccessExpiry],
  });
  const usernames = new MvccTable<UserId, null>({
    entity: "user",
    derive: () => null,
    conflictSubject: (key, row) => row?.value ?? key,
  });
  const sourceRecords = new MvccTable<UserId, null>({
    entity: "user",
    derive: () => null,
    conflictSubject: (key, row) => row?.value ?? key,
  });
  const emailClaims = new MvccTable<UserId, null>({
    entity: "user",
    derive: () => null,
    conflictSubject: (key, row) => row?.value ?? key,
  });
  return { users, usernames, sourceRecords, emailClaims, byEmail, byFullName, ordered, byAccessExpiry };
}
