import { err, ok } from "neverthrow";
import { TenureErrors } from "../../model/tenure-error.js";
import type { CredentialRepository } from "../../ports/credential-repository.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import type { MemoryTables } from "./memory-tables.js";
import { assertNewVersion, checkVersion, nextVersion } from "./versioned-writes.js";

/**
 * The credentials of one in-memory transaction, keyed by user id (one per user).
 */
export function createMemoryCredentialRepository<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): CredentialRepository {
  const credentials = () => transaction.view(tables.credentials);
  return {
    async get(organizationId, userId) {
      const row = credentials().get(userId);
      return row === null || row.value.organizationId !== organizationId ? null : cloneRecord(row.value);
    },
    async insert(credential) {
      assertNewVersion(credential, "credential", credential.userId);
      const view = credentials();
      if (view.get(credential.userId) !== null) return err(TenureErrors.duplicate("credential", "userId", credential.userId));
      view.put(credential.userId, cloneRecord(credential));
      return ok(cloneRecord(credential));
    },
    async update(credential) {
      const view = credentials();
      const checked = checkVersion(
        view,
        credential.userId,
        credential.version,
        "credential",
        (stored) => stored.organizationId === credential.organizationId,
      );
      if (checked.isErr()) return err(checked.error);
      view.put(credential.userId, nextVersion(credential));
      return ok(nextVersion(credential));
    },
    async delete(organizationId, userId, expectedVersion) {
      const view = credentials();
      const checked = checkVersion(view, userId, expectedVersion, "credential", (stored) => stored.organizationId === organizationId);
      if (checked.isErr()) return err(checked.error);
      view.delete(userId);
      return ok(undefined);
    },
  };
}
