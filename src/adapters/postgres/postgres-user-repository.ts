import { err, ok } from "neverthrow";
import type { SelectQueryBuilder } from "kysely";
import { normalizeEmail } from "../../model/email.js";
import { sortKey } from "../../model/sort-key.js";
import type { User } from "../../model/user.js";
import { fullNameKey } from "../../model/user-validation.js";
import type { UserRepository } from "../../ports/user-repository.js";
import { accessExpiringQuery } from "./_internal/access-expiring-query.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import { updatedEmailClaim, userColumns, userDuplicate } from "./_internal/user-columns.js";
import { USER_ROW_COLUMNS, userRowDecoder } from "./_internal/user-row.js";
import { versionedDelete } from "./_internal/versioned-delete.js";
import { assertNewVersion, guardedInsert, versionedWrite } from "./_internal/versioned-write.js";
import { listPostgresThirdParty } from "./postgres-third-party-list.js";
import { listPostgresUsers } from "./postgres-user-list.js";
import type { TenureTables } from "./tables.js";

/**
 * The users of one PostgreSQL unit of work. Every query names the organization, so a call for A never
 * touches B's rows; the lookup and sort columns are derived from the user on every write
 * (`userColumns`). Usernames are unique by the constraint `users_username_unique`; e-mail claims
 * (`UserWriteOptions.uniqueEmail`) are the column `email_claim`, unique by `users_email_claim_unique`.
 */
export function createPostgresUserRepository<UA extends object, OA extends object>(
  context: PostgresContext<UA, OA>,
): UserRepository<UA> {
  const { db, writes, model } = context;
  const decode = userRowDecoder(model.userSchema);
  const rows = (organizationId: string) =>
    db.selectFrom("users").select(USER_ROW_COLUMNS).where("users.organization_id", "=", organizationId);
  const duplicate = (user: User<UA>) => (constraint: string | undefined) => userDuplicate(user, constraint);
  const storedVersion = (organizationId: string, id: string) => async () => {
    const row = await db
      .selectFrom("users")
      .select("version")
      .where("organization_id", "=", organizationId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row?.version ?? null;
  };

  return {
    async get(organizationId, id) {
      const row = await rows(organizationId).where("users.id", "=", id).executeTakeFirst();
      return row === undefined ? null : decode(row);
    },
    async getMany(organizationId, ids) {
      const unique = [...new Set(ids)];
      return unique.length === 0 ? [] : (await rows(organizationId).where("users.id", "in", unique).execute()).map(decode);
    },
    async findByUsername(organizationId, username) {
      const row = await rows(organizationId).where("users.username_key", "=", sortKey(username)).executeTakeFirst();
      return row === undefined ? null : decode(row);
    },
    async findByEmail(organizationId, email) {
      return (await byId(rows(organizationId).where("users.email_normalized", "=", normalizeEmail(email))).execute()).map(decode);
    },
    async findByFullName(organizationId, fullName) {
      return (await byId(rows(organizationId).where("users.full_name_match", "=", fullNameKey(fullName))).execute()).map(decode);
    },
    async findBySourceRecord(organizationId, source, externalId) {
      const row = await byId(rows(organizationId).where("users.source_name", "=", source).where("users.external_id", "=", externalId))
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? null : decode(row);
    },
    async list(organizationId, query) {
      return listPostgresUsers(db, decode, organizationId, query);
    },
    async listThirdParty(organizationId, query) {
      return listPostgresThirdParty(db, decode, organizationId, query);
    },
    async listAccessExpiring(organizationId, options) {
      if (options.limit < 1) return [];
      return (await accessExpiringQuery(db, organizationId, options).execute()).map(decode);
    },
    async insert(user, options = {}) {
      assertNewVersion(user.version, "user", user.id);
      return guardedInsert(
        writes,
        user,
        "user",
        user.id,
        () =>
          db
            .insertInto("users")
            .values({
              organization_id: user.organizationId,
              id: user.id,
              version: 0,
              ...userColumns(user),
              email_claim: options.uniqueEmail === true ? normalizeEmail(user.email) : null,
            })
            .execute(),
        duplicate(user),
      );
    },
    async update(user, options = {}) {
      const next: User<UA> = { ...user, version: user.version + 1 };
      const written = await versionedWrite(
        writes,
        "user",
        user.id,
        user.version,
        async () => {
          const result = await db
            .updateTable("users")
            .set({ version: next.version, ...userColumns(next), email_claim: updatedEmailClaim(next, options.uniqueEmail) })
            .where("organization_id", "=", user.organizationId)
            .where("id", "=", user.id)
            .where("version", "=", user.version)
            .executeTakeFirst();
          return Number(result.numUpdatedRows);
        },
        storedVersion(user.organizationId, user.id),
        duplicate(user),
      );
      return written.isErr() ? err(written.error) : ok(structuredClone(next));
    },
    async delete(organizationId, id, expectedVersion) {
      return versionedDelete(
        writes,
        "user",
        id,
        expectedVersion,
        async () => {
          const result = await db
            .deleteFrom("users")
            .where("organization_id", "=", organizationId)
            .where("id", "=", id)
            .where("version", "=", expectedVersion)
            .executeTakeFirst();
          return Number(result.numDeletedRows);
        },
        storedVersion(organizationId, id),
      );
    },
  };
}

/** Orders a users query by id, for finders whose result order the port leaves open (stable output). */
function byId<O>(query: SelectQueryBuilder<TenureTables, "users", O>): SelectQueryBuilder<TenureTables, "users", O> {
  return query.orderBy("users.id");
}

