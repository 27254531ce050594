import { err, ok } from "neverthrow";
import { credentialSchema, type Credential } from "../../model/credential.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { CredentialRepository } from "../../ports/credential-repository.js";
import { decodeRow } from "./_internal/corrupt-record.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import { encodeRecord } from "./_internal/record-json.js";
import { versionedDelete } from "./_internal/versioned-delete.js";
import { assertNewVersion, guardedInsert, versionedWrite } from "./_internal/versioned-write.js";
import type { CredentialsTable } from "./tables.js";

type CredentialRow = Pick<CredentialsTable, "organization_id" | "user_id" | "version"> & { record: unknown };

/**
 * The credentials of one PostgreSQL unit of work, keyed by `(organization_id, user_id)`: the primary
 * key makes a second credential of a user a `duplicate` on `userId`, even from a concurrent transaction.
 */
export function createPostgresCredentialRepository<UA extends object, OA extends object>(
  context: PostgresContext<UA, OA>,
): CredentialRepository {
  const { db, writes } = context;
  const decode = (row: CredentialRow): Credential =>
    decodeRow(
      credentialSchema,
      "credential",
      { table: "credentials", organizationId: row.organization_id, userId: row.user_id },
      row.record,
      { organizationId: row.organization_id, userId: row.user_id, version: row.version },
    );
  const storedVersion = (organizationId: string, userId: string) => async (): Promise<number | null> =>
    (
      await db
        .selectFrom("credentials")
        .select("version")
        .where("organization_id", "=", organizationId)
        .where("user_id", "=", userId)
        .executeTakeFirst()
    )?.version ?? null;
  const duplicateUser = (credential: Credential) => () => TenureErrors.duplicate("credential", "userId", credential.userId);

  return {
    async get(organizationId, userId) {
      const row = await db
        .selectFrom("credentials")
        .select(["organization_id", "user_id", "version", "record"])
        .where("organization_id", "=", organizationId)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return row === undefined ? null : decode(row);
    },
    async insert(credential) {
      assertNewVersion(credential.version, "credential", credential.userId);
      return guardedInsert(
        writes,
        credential,
        "credential",
        credential.userId,
        () =>
          db
            .insertInto("credentials")
            .values({ organization_id: credential.organizationId, user_id: credential.userId, version: 0, record: recordOf(credential) })
            .execute(),
        duplicateUser(credential),
      );
    },
    async update(credential) {
      const next: Credential = { ...structuredClone(credential), version: credential.version + 1 };
      const written = await versionedWrite(
        writes,
        "credential",
        credential.userId,
        credential.version,
        async () => {
          const result = await db
            .updateTable("credentials")
            .set({ version: next.version, record: recordOf(next) })
            .where("organization_id", "=", credential.organizationId)
            .where("user_id", "=", credential.userId)
            .where("version", "=", credential.version)
            .executeTakeFirst();
          return Number(result.numUpdatedRows);
        },
        storedVersion(credential.organizationId, credential.userId),
        duplicateUser(credential),
      );
      return written.isErr() ? err(written.error) : ok(next);
    },
    async delete(organizationId, userId, expectedVersion) {
      return versionedDelete(
        writes,
        "credential",
        userId,
        expectedVersion,
        async () => {
          const result = await db
            .deleteFrom("credentials")
            .where("organization_id", "=", organizationId)
            .where("user_id", "=", userId)
            .where("version", "=", expectedVersion)
            .executeTakeFirst();
          return Number(result.numDeletedRows);
        },
        storedVersion(organizationId, userId),
      );
    },
  };
}

/** The record column of a credential: everything but the key columns. */
function recordOf(credential: Credential): string {
  const { organizationId: _organizationId, userId: _userId, version: _version, ...rest } = credential;
  return encodeRecord(rest);
}
