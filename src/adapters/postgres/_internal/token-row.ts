import { tokenSchema, type Token } from "../../../model/token.js";
import type { TokensTable } from "../tables.js";
import { decodeRow } from "./corrupt-record.js";
import { encodeRecord } from "./record-json.js";

/** The columns a token is read from: every column of `tokens`. */
export const TOKEN_COLUMNS = ["organization_id", "id", "user_id", "purpose", "hash", "used_at", "record"] as const;

/** A `tokens` row as read. */
export type TokenRow = Pick<TokensTable, "organization_id" | "id" | "user_id" | "purpose" | "hash"> & {
  readonly used_at: Date | null;
  readonly record: unknown;
};

/**
 * Turns a `tokens` row into a token. Every column is authoritative (`used_at` in particular, which
 * `consume` and `invalidateForUser` change in place); `record` holds only the rest. A row breaking
 * the token schema throws a `CorruptRecordSignal` naming it.
 */
export function decodeTokenRow(row: TokenRow): Token {
  return decodeRow(tokenSchema, "token", { table: "tokens", organizationId: row.organization_id, id: row.id }, row.record, {
    organizationId: row.organization_id,
    id: row.id,
    userId: row.user_id,
    purpose: row.purpose,
    hash: row.hash,
    usedAt: row.used_at,
  });
}

/** The `tokens` row of a new token: the columns, and in `record` the fields no column holds. */
export function tokenRowOf(token: Token): Omit<TokensTable, "used_at" | "record"> & { used_at: Date | null; record: string } {
  const { organizationId, id, userId, purpose, hash, usedAt, ...rest } = token;
  return { organization_id: organizationId, id, user_id: userId, purpose, hash, used_at: usedAt, record: encodeRecord(rest) };
}
