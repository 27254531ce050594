import { err, ok } from "neverthrow";
import { TenureErrors } from "../../model/tenure-error.js";
import type { Token } from "../../model/token.js";
import type { TokenRepository } from "../../ports/token-repository.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import { decodeTokenRow, TOKEN_COLUMNS, tokenRowOf } from "./_internal/token-row.js";
import { guardedInsert } from "./_internal/versioned-write.js";

/**
 * The tokens of one PostgreSQL unit of work. `used_at` is a column the SQL sets in place, so a token is
 * consumed by one conditional `UPDATE … WHERE used_at IS NULL`: of concurrent consumers the first
 * takes the row lock, and each other one either blocks on it and then fails to serialize (`REPEATABLE
 * READ`), or no longer matches the row. Both are answered `conflict`, the failed write rolled back
 * to its savepoint so the unit of work stays usable. `findByHash` is the one lookup across
 * organizations (unique index `tokens_hash_unique`).
 */
export function createPostgresTokenRepository<UA extends object, OA extends object>(
  context: PostgresContext<UA, OA>,
): TokenRepository {
  const { db, writes } = context;

  return {
    async insert(token) {
      return guardedInsert(
        writes,
        token,
        "token",
        token.id,
        () => db.insertInto("tokens").values(tokenRowOf(token)).execute(),
        (constraint) =>
          constraint === "tokens_hash_unique" ? TenureErrors.duplicate("token", "hash", token.hash) : TenureErrors.duplicate("token", "id", token.id),
      );
    },
    async findByHash(hash) {
      const row = await db.selectFrom("tokens").select(TOKEN_COLUMNS).where("hash", "=", hash).executeTakeFirst();
      return row === undefined ? null : decodeTokenRow(row);
    },
    async consume(organizationId, id, at) {
      const outcome = await writes.run(async (): Promise<Token | "missing" | "used"> => {
        const row = await db
          .updateTable("tokens")
          .set({ used_at: new Date(at.getTime()) })
          .where("organization_id", "=", organizationId)
          .where("id", "=", id)
          .where("used_at", "is", null)
          .returning(TOKEN_COLUMNS)
          .executeTakeFirst();
        if (row !== undefined) return decodeTokenRow(row);
        const stored = await db
          .selectFrom("tokens")
          .select("id")
          .where("organization_id", "=", organizationId)
          .where("id", "=", id)
          .executeTakeFirst();
        return stored === undefined ? "missing" : "used";
      });
      // The only refusal an UPDATE of `used_at` can meet is a lost race: a concurrent consumer won.
      if (!outcome.ok || outcome.value === "used") return err(TenureErrors.conflict("token", id));
      if (outcome.value === "missing") return err(TenureErrors.notFound("token", id));
      return ok(outcome.value);
    },
    async invalidateForUser(organizationId, userId, purpose, at) {
      // The count has no error channel: a lost race propagates, and the store answers `conflict`.
      return writes.inTurn(async () => {
        const result = await db
          .updateTable("tokens")
          .set({ used_at: new Date(at.getTime()) })
          .where("organization_id", "=", organizationId)
          .where("user_id", "=", userId)
          .where("purpose", "=", purpose)
          .where("used_at", "is", null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows);
      });
    },
  };
}
