/** SQLSTATE codes the adapter turns into `Result` errors; anything else is unexpected and propagates. */
export const SQLSTATE = {
  uniqueViolation: "23505",
  serializationFailure: "40001",
  deadlockDetected: "40P01",
} as const;

/** The SQLSTATE and constraint of a database error from `pg` or PGlite (both carry them), else `null`. */
export function databaseError(error: unknown): { readonly code: string; readonly constraint: string | undefined } | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return null;
  return { code, constraint: typeof constraint === "string" ? constraint : undefined };
}

/** Whether the error is a lost race the caller may retry: a serialization failure or a deadlock. */
export function isRaceLost(error: unknown): boolean {
  const code = databaseError(error)?.code;
  return code === SQLSTATE.serializationFailure || code === SQLSTATE.deadlockDetected;
}
