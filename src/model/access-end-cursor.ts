import { err, ok, type Result } from "neverthrow";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { TenureErrors, type ValidationError } from "./tenure-error.js";

/** Name of the third-party list's ordering (end of access, then id, ascending) as its cursors carry it. */
export const ACCESS_END_ORDER = "access:asc";

/** Where a page of the third-party list ends: the end of access and id of its last user. */
export interface AccessEndPosition {
  readonly at: Date;
  readonly id: string;
}

/** The cursor after a user of the third-party list; the key is `at.toISOString()`, so every adapter reads every other's cursors. */
export function encodeAccessEndCursor(position: AccessEndPosition): string {
  return encodeCursor({ order: ACCESS_END_ORDER, key: position.at.toISOString(), id: position.id });
}

/** Reads a third-party list cursor: besides what `decodeCursor` refuses, a key that is not an instant from `toISOString` is `cursor_invalid` on `after`. */
export function decodeAccessEndCursor(cursor: string): Result<AccessEndPosition, ValidationError> {
  const decoded = decodeCursor(cursor, ACCESS_END_ORDER);
  if (decoded.isErr()) return err(decoded.error);
  const at = new Date(decoded.value.key);
  if (Number.isNaN(at.getTime()) || at.toISOString() !== decoded.value.key) {
    return err(TenureErrors.validation([{ severity: "error", field: "after", code: "cursor_invalid", message: "The cursor is not one this list produced." }]));
  }
  return ok({ at, id: decoded.value.id });
}
