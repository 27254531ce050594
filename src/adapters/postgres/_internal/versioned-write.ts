import { err, ok, type Result } from "neverthrow";
import {
  TenureErrors,
  type ConflictError,
  type DuplicateError,
  type EntityName,
  type NotFoundError,
} from "../../../model/tenure-error.js";
import type { GuardedWrites, WriteRefusal } from "./guarded-writes.js";

/** Turns a refused write into the port's error: a lost race is a `conflict`, a unique violation what `duplicate` says. */
function refusalError(
  refusal: WriteRefusal,
  entity: EntityName,
  id: string,
  duplicate: (constraint: string | undefined) => DuplicateError,
  readVersion?: number,
): ConflictError | DuplicateError {
  return refusal.kind === "race" ? TenureErrors.conflict(entity, id, readVersion) : duplicate(refusal.constraint);
}

/**
 * An insert guarded by a savepoint: `Ok(record)` (a copy) once the row is in, `duplicate` on a unique
 * violation (`duplicate` names the field by constraint). A lost race propagates: the store then ends
 * the unit of work with `conflict`.
 */
export async function guardedInsert<T>(
  writes: GuardedWrites,
  record: T,
  entity: EntityName,
  id: string,
  insert: () => Promise<unknown>,
  duplicate: (constraint: string | undefined) => DuplicateError,
): Promise<Result<T, DuplicateError>> {
  const outcome = await writes.run(insert, "propagate");
  if (!outcome.ok) {
    if (outcome.refusal.kind === "race") throw new Error(`Unreachable: a race on inserting ${entity} "${id}" propagates.`);
    return err(duplicate(outcome.refusal.constraint));
  }
  return ok(structuredClone(record));
}

/**
 * A compare-and-set on a version column: `write` changes the row only where it is still at
 * `readVersion` and returns how many rows it changed. When none changed, `storedVersion` tells a
 * missing row (`not_found`) from a newer one (`conflict`).
 */
export async function versionedWrite(
  writes: GuardedWrites,
  entity: EntityName,
  id: string,
  readVersion: number,
  write: () => Promise<number>,
  storedVersion: () => Promise<number | null>,
  duplicate: (constraint: string | undefined) => DuplicateError,
): Promise<Result<void, ConflictError | NotFoundError | DuplicateError>> {
  const outcome = await writes.run(write);
  if (!outcome.ok) return err(refusalError(outcome.refusal, entity, id, duplicate, readVersion));
  if (outcome.value > 0) return ok(undefined);
  const stored = await storedVersion();
  return err(stored === null ? TenureErrors.notFound(entity, id) : TenureErrors.conflict(entity, id, readVersion, stored));
}

/** Throws unless a record to insert is at version 0: anything else is a programmer error, not an expected failure. */
export function assertNewVersion(version: number, entity: EntityName, id: string): void {
  if (version !== 0) throw new Error(`A new ${entity.replace("_", " ")} is inserted at version 0; "${id}" has version ${version}.`);
}
