import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type ValidationError } from "./tenure-error.js";

/**
 * The position of the last row of a page in a keyset-paginated list: its sort key and its id (the
 * tie-breaker), plus the ordering the cursor belongs to, so a cursor is never applied to another order.
 */
export interface CursorPosition {
  /** Name of the ordering, e.g. `fullName:asc`. */
  readonly order: string;
  /** Sort key of the last row. */
  readonly key: string;
  /** Id of the last row. */
  readonly id: string;
}

/** Encodes a {@link CursorPosition} as an opaque URL-safe string. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.order, position.key, position.id]), "utf8").toString("base64url");
}

/** Decodes a cursor made by {@link encodeCursor} for the given ordering; anything else is a validation error. */
export function decodeCursor(cursor: string, order: string): Result<CursorPosition, ValidationError> {
  const invalid = (why: string): ValidationError =>
    TenureErrors.validation([{ severity: "error", field: "after", code: "cursor_invalid", message: why }]);
  // Node's base64 decoder skips characters outside the alphabet; a cursor is exactly what encodeCursor made.
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return err(invalid("The cursor is not one this list produced."));
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return err(invalid("The cursor is not one this list produced."));
  }
  if (!Array.isArray(decoded) || decoded.length !== 3 || !decoded.every((part) => typeof part === "string")) {
    return err(invalid("The cursor is not one this list produced."));
  }
  const [cursorOrder, key, id] = decoded as [string, string, string];
  if (cursorOrder !== order) {
    return err(invalid(`The cursor belongs to the ordering "${cursorOrder}", not "${order}".`));
  }
  return ok({ order, key, id });
}
