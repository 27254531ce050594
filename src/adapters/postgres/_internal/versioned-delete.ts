import { err, ok, type Result } from "neverthrow";
import type { ConflictError, EntityName, NotFoundError } from "../../../model/tenure-error.js";
import type { GuardedWrites } from "./guarded-writes.js";
import { versionedWrite } from "./versioned-write.js";

/**
 * A delete guarded by a version: `remove` deletes the row only where it is still at `readVersion`
 * and returns how many rows it deleted. `not_found` if the row is missing, `conflict` if it is newer
 * or a concurrent transaction changed it. A delete breaks no unique constraint, so a `duplicate`
 * here is a bug and throws.
 */
export async function versionedDelete(
  writes: GuardedWrites,
  entity: EntityName,
  id: string,
  readVersion: number,
  remove: () => Promise<number>,
  storedVersion: () => Promise<number | null>,
): Promise<Result<void, ConflictError | NotFoundError>> {
  const written = await versionedWrite(writes, entity, id, readVersion, remove, storedVersion, (constraint) => {
    throw new Error(`Unreachable: deleting ${entity} "${id}" broke unique constraint ${constraint ?? "(unknown)"}.`);
  });
  if (written.isOk()) return ok(undefined);
  const error = written.error;
  if (error.code === "duplicate") throw new Error(`Unreachable: deleting ${entity} "${id}" reported a duplicate.`);
  return err(error);
}
