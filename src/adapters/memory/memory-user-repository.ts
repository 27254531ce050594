import { err, ok } from "neverthrow";
import { normalizeEmail } from "../../model/email.js";
import { compareCodePoints } from "../../model/sort-key.js";
import { TenureErrors, type DuplicateError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import { fullNameKey } from "../../model/user-validation.js";
import type { UserRepository } from "../../ports/user-repository.js";
import { cloneUser } from "./clone-user.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import type { Row } from "./_internal/version-chain.js";
import type { MemoryTables } from "./memory-tables.js";
import { comparePairs } from "./_internal/sorted-pair-list.js";
import { compositeKey } from "./_internal/composite-key.js";
import { emailClaimKey, expiryKey, sourceRecordKey, usernameKey, type UserKeys } from "./memory-user-tables.js";
import { listThirdPartyUsers } from "./third-party-list.js";
import { listUsers } from "./user-list.js";
import { assertNewVersion, checkVersion, nextVersion } from "./versioned-writes.js";

/** Copies of the users, ordered by id. */
function byId<UA extends object>(rows: readonly Row<User<UA>, UserKeys>[]): User<UA>[] {
  return rows
    .map((row) => row.value)
    .sort((a, b) => compareCodePoints(a.id, b.id))
    .map((user) => cloneUser(user));
}

/** The `duplicate` error of a provisioned user whose `(source, externalId)` another user holds. */
function duplicateSourceRecord(user: User<object>): DuplicateError {
  return TenureErrors.duplicate("user", "source.externalId", user.source.type === "local" ? "" : user.source.externalId);
}

/**
 * The users of one in-memory transaction. Usernames are unique per organization through a uniqueness
 * table keyed by `(organization, sortKey(username))`: two transactions taking the same username both
 * write its key, so the second to commit gets a conflict. E-mail claims (`uniqueEmail`) and source
 * records (`(source, externalId)` of provisioned users) work the same way in their own tables.
 */
export function createMemoryUserRepository<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): UserRepository<UA> {
  const t = tables.users;
  const users = () => transaction.view(t.users);
  const usernames = () => transaction.view(t.usernames);
  const emailClaims = () => transaction.view(t.emailClaims);
  const sourceRecords = () => transaction.view(t.sourceRecords);
  /** The claim key a user holds for `email`, or `null`. */
  const claimHeld = (user: Pick<User<UA>, "organizationId" | "id">, email: string): string | null => {
    const key = emailClaimKey(user.organizationId, email);
    return emailClaims().get(key)?.value === user.id ? key : null;
  };
  const inOrganization = (row: Row<User<UA>, UserKeys> | null, organizationId: string): row is Row<User<UA>, UserKeys> =>
    row !== null && row.value.organizationId === organizationId;
  return {
    async get(organizationId, id) {
      const row = users().get(id);
      return inOrganization(row, organizationId) ? cloneUser(row.value) : null;
    },
    async getMany(organizationId, ids) {
      const view = users();
      const found: User<UA>[] = [];
      for (const id of new Set(ids)) {
        const row = view.get(id);
        if (inOrganization(row, organizationId)) found.push(cloneUser(row.value));
      }
      return found;
    },
    async findByUsername(organizationId, username) {
      const owner = usernames().get(usernameKey(organizationId, username));
      if (owner === null) return null;
      const row = users().get(owner.value);
      return inOrganization(row, organizationId) ? cloneUser(row.value) : null;
    },
    async findByEmail(organizationId, email) {
      return byId(users().lookup(t.byEmail, organizationId, normalizeEmail(email)));
    },
    async findByFullName(organizationId, fullName) {
      return byId(users().lookup(t.byFullName, organizationId, fullNameKey(fullName)));
    },
    async findBySourceRecord(organizationId, source, externalId) {
      const owner = sourceRecords().get(compositeKey(organizationId, source, externalId));
      if (owner === null) return null;
      const row = users().get(owner.value);
      return inOrganization(row, organizationId) ? cloneUser(row.value) : null;
    },
    async list(organizationId, query) {
      return listUsers(transaction, tables, organizationId, query);
    },
    async listThirdParty(organizationId, query) {
      return listThirdPartyUsers(transaction, tables, organizationId, query);
    },
    async listAccessExpiring(organizationId, options) {
      const found: User<UA>[] = [];
      if (options.limit < 1) return found;
      const beforeKey = expiryKey(options.before);
      const after = options.after;
      const afterKey = after === undefined ? null : expiryKey(after.at);
      const from =
        after === undefined || afterKey === null ? () => true : (key: string, id: string) => comparePairs(key, id, afterKey, after.id) > 0;
      users().scan(t.byAccessExpiry, organizationId, "asc", from, (row, key) => {
        if (compareCodePoints(key, beforeKey) >= 0) return false;
        found.push(cloneUser(row.value));
        return found.length < options.limit;
      });
      return found;
    },
    async insert(user, options = {}) {
      assertNewVersion(user, "user", user.id);
      const view = users();
      if (view.get(user.id) !== null) return err(TenureErrors.duplicate("user", "id", user.id));
      const key = usernameKey(user.organizationId, user.username);
      if (usernames().get(key) !== null) return err(TenureErrors.duplicate("user", "username", user.username));
      const claim = options.uniqueEmail === true ? emailClaimKey(user.organizationId, user.email) : null;
      if (claim !== null && emailClaims().get(claim) !== null) return err(TenureErrors.duplicate("user", "email", user.email));
      const record = sourceRecordKey(user);
      if (record !== null && sourceRecords().get(record) !== null) return err(duplicateSourceRecord(user));
      view.put(user.id, cloneUser(user));
      usernames().put(key, user.id);
      if (claim !== null) emailClaims().put(claim, user.id);
      if (record !== null) sourceRecords().put(record, user.id);
      return ok(cloneUser(user));
    },
    async update(user, options = {}) {
      const view = users();
      const checked = checkVersion(view, user.id, user.version, "user", (stored) => stored.organizationId === user.organizationId);
      if (checked.isErr()) return err(checked.error);
      const heldClaim = claimHeld(user, checked.value.value.email);
      const wantsClaim = options.uniqueEmail ?? heldClaim !== null;
      const newClaim = wantsClaim ? emailClaimKey(user.organizationId, user.email) : null;
      if (newClaim !== null && newClaim !== heldClaim) {
        const owner = emailClaims().get(newClaim);
        if (owner !== null && owner.value !== user.id) return err(TenureErrors.duplicate("user", "email", user.email));
      }
      const heldRecord = sourceRecordKey(checked.value.value);
      const newRecord = sourceRecordKey(user);
      if (newRecord !== null && newRecord !== heldRecord) {
        const owner = sourceRecords().get(newRecord);
        if (owner !== null && owner.value !== user.id) return err(duplicateSourceRecord(user));
      }
      const previousUsername = checked.value.value.username;
      const oldKey = previousUsername === user.username ? null : usernameKey(user.organizationId, previousUsername);
      const newKey = oldKey === null ? null : usernameKey(user.organizationId, user.username);
      if (oldKey !== null && newKey !== null && newKey !== oldKey) {
        if (usernames().get(newKey) !== null) return err(TenureErrors.duplicate("user", "username", user.username));
        usernames().delete(oldKey);
        usernames().put(newKey, user.id);
      }
      if (heldClaim !== newClaim) {
        if (heldClaim !== null) emailClaims().delete(heldClaim);
        if (newClaim !== null) emailClaims().put(newClaim, user.id);
      }
      if (heldRecord !== newRecord) {
        if (heldRecord !== null) sourceRecords().delete(heldRecord);
        if (newRecord !== null) sourceRecords().put(newRecord, user.id);
      }
      view.put(user.id, nextVersion(user, cloneUser));
      return ok(nextVersion(user, cloneUser));
    },
    async delete(organizationId, id, expectedVersion) {
      const view = users();
      const checked = checkVersion(view, id, expectedVersion, "user", (stored) => stored.organizationId === organizationId);
      if (checked.isErr()) return err(checked.error);
      const heldClaim = claimHeld(checked.value.value, checked.value.value.email);
      view.delete(id);
      usernames().delete(usernameKey(organizationId, checked.value.value.username));
      if (heldClaim !== null) emailClaims().delete(heldClaim);
      const heldRecord = sourceRecordKey(checked.value.value);
      if (heldRecord !== null) sourceRecords().delete(heldRecord);
      return ok(undefined);
    },
  };
}
