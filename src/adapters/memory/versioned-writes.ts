import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type ConflictError, type EntityName, type NotFoundError } from "../../model/tenure-error.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { TableView } from "./_internal/table-view.js";
import type { Row } from "./_internal/version-chain.js";

/** A record with an optimistic-concurrency version. */
export interface Versioned {
  readonly version: number;
}

/** Throws unless a record to insert is at version 0: anything else is a programmer error, not an expected failure. */
export function assertNewVersion(record: Versioned, entity: EntityName, id: string): void {
  if (record.version !== 0) {
    throw new Error(`A new ${entity.replace("_", " ")} is inserted at version 0; "${id}" has version ${record.version}.`);
  }
}

/**
 * Checks that a record read at `readVersion` may be replaced or deleted: it exists in the caller's scope
 * (`inScope`, e.g. the same organization), it is still at that version in this transaction's view, and no
 * other transaction has committed a change to it since this snapshot.
 */
export function checkVersion<V extends Versioned, D>(
  view: TableView<V, D>,
  key: string,
  readVersion: number,
  entity: EntityName,
  inScope: (stored: V) => boolean,
): Result<Row<V, D>, ConflictError | NotFoundError> {
  const stored = view.get(key);
  if (stored === null || !inScope(stored.value)) return err(TenureErrors.notFound(entity, key));
  if (stored.value.version !== readVersion) {
    return err(TenureErrors.conflict(entity, key, readVersion, stored.value.version));
  }
  if (view.changedSinceSnapshot(key)) {
    return err(TenureErrors.conflict(entity, key, readVersion, view.latestCommitted(key)?.value.version));
  }
  return ok(stored);
}

/** A private copy (made by `clone`) of a record at the next version: what a replace stores and returns. */
export function nextVersion<V extends Versioned>(record: V, clone: (record: V) => V = cloneRecord): V {
  return { ...clone(record), version: record.version + 1 };
}
