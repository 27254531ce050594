import { err, ok } from "neverthrow";
import { countsTotal } from "../../model/page-total.js";
import type { ProvisioningRecordOutcome, ProvisioningRun } from "../../model/provisioning-run.js";
import {
  decodeProvisioningOutcomeCursor,
  decodeProvisioningRunCursor,
  encodeProvisioningOutcomeCursor,
  encodeProvisioningRunCursor,
} from "../../model/provisioning-run-cursor.js";
import { TenureErrors, type DuplicateError } from "../../model/tenure-error.js";
import type { ProvisioningRunRepository } from "../../ports/provisioning-run-repository.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import {
  decodeOutcomeRow,
  decodeRunRow,
  OUTCOME_COLUMNS,
  outcomeColumns,
  RUN_COLUMNS,
  runColumns,
} from "./_internal/provisioning-run-rows.js";
import { assertNewVersion, guardedInsert, versionedWrite } from "./_internal/versioned-write.js";

/** Rows per `INSERT` of outcomes: 5 parameters each. */
const OUTCOMES_PER_INSERT = 1000;

/**
 * The provisioning runs of one PostgreSQL unit of work. `source` and `started_at` are derived from the
 * record on every write and page the newest-first list (`(started_at, id) < (cursor)` seeks in
 * `provisioning_runs_by_time` or `…_by_source`); outcomes page by their primary key. Cursors are the
 * memory adapter's, so either adapter reads the other's.
 */
export function createPostgresProvisioningRunRepository<UA extends object, OA extends object>(
  context: PostgresContext<UA, OA>,
): ProvisioningRunRepository {
  const { db, writes } = context;
  const runs = (organizationId: string) =>
    db.selectFrom("provisioning_runs").select(RUN_COLUMNS).where("organization_id", "=", organizationId);
  const duplicateId = (run: ProvisioningRun) => () => TenureErrors.duplicate("provisioning_run", "id", run.id);
  const duplicateOutcome = (outcome: ProvisioningRecordOutcome): DuplicateError =>
    TenureErrors.duplicate("provisioning_outcome", "sequence", `${outcome.runId}#${outcome.sequence}`);

  return {
    async insert(run) {
      assertNewVersion(run.version, "provisioning_run", run.id);
      return guardedInsert(
        writes,
        run,
        "provisioning_run",
        run.id,
        () => db.insertInto("provisioning_runs").values({ ...runColumns(run), version: 0 }).execute(),
        duplicateId(run),
      );
    },
    async update(run) {
      const next: ProvisioningRun = { ...structuredClone(run), version: run.version + 1 };
      const written = await versionedWrite(
        writes,
        "provisioning_run",
        run.id,
        run.version,
        async () => {
          const { organization_id: _organizationId, id: _id, ...columns } = runColumns(next);
          const result = await db
            .updateTable("provisioning_runs")
            .set(columns)
            .where("organization_id", "=", run.organizationId)
            .where("id", "=", run.id)
            .where("version", "=", run.version)
            .executeTakeFirst();
          return Number(result.numUpdatedRows);
        },
        async () =>
          (
            await db
              .selectFrom("provisioning_runs")
              .select("version")
              .where("organization_id", "=", run.organizationId)
              .where("id", "=", run.id)
              .executeTakeFirst()
          )?.version ?? null,
        duplicateId(run),
      );
      return written.isErr() ? err(written.error) : ok(next);
    },
    async get(organizationId, id) {
      const row = await runs(organizationId).where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : decodeRunRow(row);
    },
    async list(organizationId, query) {
      const cursor = query.after === undefined ? null : decodeProvisioningRunCursor(query.after);
      if (cursor?.isErr() === true) return err(cursor.error);
      const matching = () => {
        const select = db.selectFrom("provisioning_runs").where("organization_id", "=", organizationId);
        return query.source === undefined ? select : select.where("source", "=", query.source);
      };
      let select = matching().select(RUN_COLUMNS);
      if (cursor?.isOk() === true) {
        const { startedAt, id } = cursor.value;
        select = select.where((eb) => eb(eb.refTuple("started_at", "id"), "<", eb.tuple(startedAt, id)));
      }
      const rows = await select.orderBy("started_at", "desc").orderBy("id", "desc").limit(query.limit + 1).execute();
      const items = rows.slice(0, query.limit).map(decodeRunRow);
      const last = items[items.length - 1];
      const nextCursor = rows.length > query.limit && last !== undefined ? encodeProvisioningRunCursor(last) : null;
      const total = countsTotal(query)
        ? Number((await matching().select((eb) => eb.fn.countAll<string | number | bigint>().as("total")).executeTakeFirstOrThrow()).total)
        : null;
      return ok({ items, nextCursor, total });
    },
    async appendOutcomes(outcomes) {
      if (outcomes.length === 0) return ok(undefined);
      const seen = new Set<string>();
      for (const outcome of outcomes) {
        const key = JSON.stringify([outcome.organizationId, outcome.runId, outcome.sequence]);
        if (seen.has(key)) return err(duplicateOutcome(outcome));
        seen.add(key);
      }
      // One savepoint around every statement: a taken sequence refuses the whole call and leaves the unit
      // of work usable. Statements of OUTCOMES_PER_INSERT rows stay below PostgreSQL's 65,535 parameters.
      const inserted = await guardedInsert(
        writes,
        undefined,
        "provisioning_outcome",
        outcomes[0]?.runId ?? "",
        async () => {
          for (let start = 0; start < outcomes.length; start += OUTCOMES_PER_INSERT) {
            await db.insertInto("provisioning_outcomes").values(outcomes.slice(start, start + OUTCOMES_PER_INSERT).map(outcomeColumns)).execute();
          }
        },
        () => duplicateOutcome(outcomes[0] as ProvisioningRecordOutcome),
      );
      if (inserted.isOk()) return ok(undefined);
      return err(await firstTaken(outcomes) ?? inserted.error);
    },
    async listOutcomes(organizationId, runId, query) {
      const cursor = query.after === undefined ? null : decodeProvisioningOutcomeCursor(query.after, runId);
      if (cursor?.isErr() === true) return err(cursor.error);
      const statuses = query.statuses;
      if (statuses?.length === 0) return ok({ items: [], nextCursor: null, total: countsTotal(query) ? 0 : null });
      const matching = () => {
        const select = db.selectFrom("provisioning_outcomes").where("organization_id", "=", organizationId).where("run_id", "=", runId);
        return statuses === undefined ? select : select.where("status", "in", statuses);
      };
      let select = matching().select(OUTCOME_COLUMNS);
      if (cursor?.isOk() === true) select = select.where("sequence", ">", cursor.value.sequence);
      const rows = await select.orderBy("sequence", "asc").limit(query.limit + 1).execute();
      const items = rows.slice(0, query.limit).map(decodeOutcomeRow);
      const last = items[items.length - 1];
      const nextCursor = rows.length > query.limit && last !== undefined ? encodeProvisioningOutcomeCursor(last) : null;
      const total = countsTotal(query)
        ? Number((await matching().select((eb) => eb.fn.countAll<string | number | bigint>().as("total")).executeTakeFirstOrThrow()).total)
        : null;
      return ok({ items, nextCursor, total });
    },
  };

  /** The first outcome of the call whose `(run, sequence)` is already stored, to name it in the error. */
  async function firstTaken(outcomes: readonly ProvisioningRecordOutcome[]): Promise<DuplicateError | null> {
    for (const outcome of outcomes) {
      const row = await db
        .selectFrom("provisioning_outcomes")
        .select("sequence")
        .where("organization_id", "=", outcome.organizationId)
        .where("run_id", "=", outcome.runId)
        .where("sequence", "=", outcome.sequence)
        .executeTakeFirst();
      if (row !== undefined) return duplicateOutcome(outcome);
    }
    return null;
  }
}
