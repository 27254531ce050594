import { err, ok, type Result } from "neverthrow";
import { decodeCursor, encodeCursor } from "../../../model/cursor.js";
import { TenureErrors, type ValidationError } from "../../../model/tenure-error.js";

/**
 * Name of the audit trail's only ordering as carried in its cursors. It is the memory adapter's
 * `AUDIT_ORDER`, and the cursor key is `at.toISOString()` as there, so a cursor of one adapter pages
 * the other alike.
 */
export const AUDIT_ORDER = "audit:desc";

/** Where a page of the audit trail ends: the instant and id of its last event. */
export interface AuditPosition {
  readonly at: Date;
  readonly id: string;
}

/** The cursor after an event, as the memory adapter makes it. */
export function encodeAuditCursor(position: AuditPosition): string {
  return encodeCursor({ order: AUDIT_ORDER, key: position.at.toISOString(), id: position.id });
}

/**
 * Reads an audit cursor. Besides what `decodeCursor` refuses, a key that is not an instant written
 * by `toISOString` is refused too (`cursor_invalid` on `after`): no audit page ends there.
 */
export function decodeAuditCursor(cursor: string): Result<AuditPosition, ValidationError> {
  const decoded = decodeCursor(cursor, AUDIT_ORDER);
  if (decoded.isErr()) return err(decoded.error);
  const at = new Date(decoded.value.key);
  if (Number.isNaN(at.getTime()) || at.toISOString() !== decoded.value.key) {
    return err(
      TenureErrors.validation([
        { severity: "error", field: "after", code: "cursor_invalid", message: "The cursor is not one this list produced." },
      ]),
    );
  }
  return ok({ at, id: decoded.value.id });
}
