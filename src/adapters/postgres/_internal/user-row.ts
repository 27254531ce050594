import type * as z from "zod";
import type { User } from "../../../model/user.js";
import type { UsersTable } from "../tables.js";
import { decodeRow } from "./corrupt-record.js";

/** The columns a user is read from: the key columns (authoritative) and the record. */
export const USER_ROW_COLUMNS = ["users.organization_id", "users.id", "users.version", "users.record"] as const;

/** A users row as read with {@link USER_ROW_COLUMNS}. */
export type UserRow = Pick<UsersTable, "organization_id" | "id" | "version"> & { readonly record: unknown };

/**
 * Turns users rows into fresh users checked against the host's `userSchema`. A row that breaks it
 * throws a `CorruptRecordSignal` keyed `{ table: "users", organizationId, id }`, which the store turns
 * into a `corrupt_record` error.
 */
export function userRowDecoder<UA extends object>(userSchema: z.ZodType<User<UA>>): (row: UserRow) => User<UA> {
  return (row) =>
    decodeRow(userSchema, "user", { table: "users", organizationId: row.organization_id, id: row.id }, row.record, {
      organizationId: row.organization_id,
      id: row.id,
      version: row.version,
    });
}
