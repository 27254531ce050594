import { err, ok } from "neverthrow";
import type { CursorPosition } from "../../model/cursor.js";
import { countsTotal } from "../../model/page-total.js";
import type { ProvisioningRecordOutcome, ProvisioningRun } from "../../model/provisioning-run.js";
import {
  decodeProvisioningOutcomeCursor,
  decodeProvisioningRunCursor,
  PROVISIONING_OUTCOME_ORDER,
  PROVISIONING_RUN_ORDER,
} from "../../model/provisioning-run-cursor.js";
import { compareCodePoints } from "../../model/sort-key.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { ProvisioningRunRepository } from "../../ports/provisioning-run-repository.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import { PageBuffer } from "./_internal/page-buffer.js";
import { comparePairs } from "./_internal/sorted-pair-list.js";
import type { Row } from "./_internal/version-chain.js";
import { provisioningOutcomeKey, provisioningRunKey, provisioningSourceKey, sequenceKey, type MemoryTables } from "./memory-tables.js";
import { assertNewVersion, checkVersion, nextVersion } from "./versioned-writes.js";

type RunRow = Row<ProvisioningRun, string>;
type OutcomeRow = Row<ProvisioningRecordOutcome, string>;

/**
 * The provisioning runs of one in-memory transaction. Runs are listed from an index per organization
 * (or per organization and source) ordered by `(startedAt, id)`, from the newest down; outcomes from an
 * index per run ordered by sequence. Outcome keys are `(organization, run, sequence)`, so a taken
 * sequence is found by one lookup and two transactions appending the same one conflict at commit.
 */
export function createMemoryProvisioningRunRepository<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): ProvisioningRunRepository {
  const runs = () => transaction.view(tables.provisioningRuns);
  const outcomes = () => transaction.view(tables.provisioningOutcomes);
  return {
    async insert(run) {
      assertNewVersion(run, "provisioning_run", run.id);
      const view = runs();
      if (view.get(run.id) !== null) return err(TenureErrors.duplicate("provisioning_run", "id", run.id));
      view.put(run.id, cloneRecord(run));
      return ok(cloneRecord(run));
    },
    async update(run) {
      const view = runs();
      const checked = checkVersion(view, run.id, run.version, "provisioning_run", (stored) => stored.organizationId === run.organizationId);
      if (checked.isErr()) return err(checked.error);
      view.put(run.id, nextVersion(run));
      return ok(nextVersion(run));
    },
    async get(organizationId, id) {
      const row = runs().get(id);
      return row === null || row.value.organizationId !== organizationId ? null : cloneRecord(row.value);
    },
    async list(organizationId, query) {
      let cursor: CursorPosition | null = null;
      if (query.after !== undefined) {
        const decoded = decodeProvisioningRunCursor(query.after);
        if (decoded.isErr()) return err(decoded.error);
        cursor = { order: PROVISIONING_RUN_ORDER, key: decoded.value.startedAt.toISOString(), id: decoded.value.id };
      }
      const view = runs();
      const [index, partition] =
        query.source === undefined
          ? [tables.provisioningRunsByTime, organizationId]
          : [tables.provisioningRunsBySource, provisioningSourceKey(organizationId, query.source)];
      const page = new PageBuffer<RunRow>(query.limit);
      const afterCursor = (key: string, id: string): boolean => cursor === null || comparePairs(key, id, cursor.key, cursor.id) < 0;
      view.scan(index, partition, "desc", afterCursor, (row) => page.offer(row));
      let total: number | null = null;
      if (countsTotal(query)) {
        let counted = 0;
        view.scan(index, partition, "desc", () => true, () => {
          counted += 1;
          return true;
        });
        total = counted;
      }
      return ok(page.toPage(PROVISIONING_RUN_ORDER, (row) => ({ key: row.derived, id: row.value.id }), (row) => cloneRecord(row.value), total));
    },
    async appendOutcomes(appended) {
      const view = outcomes();
      const keys = new Set<string>();
      for (const outcome of appended) {
        const key = provisioningOutcomeKey(outcome);
        if (keys.has(key) || view.get(key) !== null) {
          return err(TenureErrors.duplicate("provisioning_outcome", "sequence", `${outcome.runId}#${outcome.sequence}`));
        }
        keys.add(key);
      }
      for (const outcome of appended) view.put(provisioningOutcomeKey(outcome), cloneRecord(outcome));
      return ok(undefined);
    },
    async listOutcomes(organizationId, runId, query) {
      let afterKey: string | null = null;
      if (query.after !== undefined) {
        const decoded = decodeProvisioningOutcomeCursor(query.after, runId);
        if (decoded.isErr()) return err(decoded.error);
        afterKey = sequenceKey(decoded.value.sequence);
      }
      const statuses = query.statuses === undefined ? null : new Set(query.statuses);
      const admits = (row: OutcomeRow): boolean => statuses === null || statuses.has(row.value.status);
      const view = outcomes();
      const partition = provisioningRunKey(organizationId, runId);
      const page = new PageBuffer<OutcomeRow>(query.limit);
      const from = (key: string): boolean => afterKey === null || compareCodePoints(key, afterKey) > 0;
      if (statuses?.size !== 0) {
        view.scan(tables.provisioningOutcomesByRun, partition, "asc", from, (row) => (admits(row) ? page.offer(row) : true));
      }
      let total: number | null = null;
      if (countsTotal(query)) {
        let counted = 0;
        view.scan(tables.provisioningOutcomesByRun, partition, "asc", () => true, (row) => {
          if (admits(row)) counted += 1;
          return true;
        });
        total = counted;
      }
      return ok(
        page.toPage(
          PROVISIONING_OUTCOME_ORDER,
          (row) => ({ key: String(row.value.sequence), id: row.value.runId }),
          (row) => cloneRecord(row.value),
          total,
        ),
      );
    },
  };
}
