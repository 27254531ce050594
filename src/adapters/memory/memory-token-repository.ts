import { err, ok } from "neverthrow";
import { compareCodePoints } from "../../model/sort-key.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { TokenRepository } from "../../ports/token-repository.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import { GLOBAL_PARTITION, tokenUserKey, type MemoryTables } from "./memory-tables.js";

/**
 * The tokens of one in-memory transaction. `consume` refuses a token already used in this snapshot or
 * used by a transaction that committed since; two transactions consuming it at once both write it, so
 * the second to commit gets a conflict: exactly one succeeds.
 */
export function createMemoryTokenRepository<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): TokenRepository {
  const tokens = () => transaction.view(tables.tokens);
  return {
    async insert(token) {
      const view = tokens();
      if (view.get(token.id) !== null) return err(TenureErrors.duplicate("token", "id", token.id));
      view.put(token.id, cloneRecord(token));
      return ok(cloneRecord(token));
    },
    async findByHash(hash) {
      const [first] = tokens()
        .lookup(tables.tokensByHash, GLOBAL_PARTITION, hash)
        .map((row) => row.value)
        .sort((a, b) => compareCodePoints(a.id, b.id));
      return first === undefined ? null : cloneRecord(first);
    },
    async consume(organizationId, id, at) {
      const view = tokens();
      const row = view.get(id);
      if (row === null || row.value.organizationId !== organizationId) return err(TenureErrors.notFound("token", id));
      if (row.value.usedAt !== null || view.changedSinceSnapshot(id)) return err(TenureErrors.conflict("token", id));
      const stored = { ...cloneRecord(row.value), usedAt: new Date(at.getTime()) };
      view.put(id, stored);
      return ok(cloneRecord(stored));
    },
    async invalidateForUser(organizationId, userId, purpose, at) {
      const view = tokens();
      const unused = view.lookup(tables.tokensByUser, organizationId, tokenUserKey(userId, purpose)).filter((row) => row.value.usedAt === null);
      for (const row of unused) view.put(row.value.id, { ...cloneRecord(row.value), usedAt: new Date(at.getTime()) });
      return unused.length;
    },
  };
}
