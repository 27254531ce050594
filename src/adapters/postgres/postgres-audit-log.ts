import { err, ok } from "neverthrow";
import { countsTotal } from "../../model/page-total.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { AuditLog } from "../../ports/audit-log.js";
import { decodeAuditCursor, encodeAuditCursor, type AuditPosition } from "./_internal/audit-cursor.js";
import { AUDIT_COLUMNS, auditRowOf, decodeAuditRow } from "./_internal/audit-row.js";
import type { PostgresContext } from "./_internal/postgres-context.js";

/**
 * The audit trail of one PostgreSQL unit of work. A query is one keyset page over `(at, id)`
 * descending, read through `audit_events_by_time`, or `…_by_target` / `…_by_actor` when it names a
 * target or an actor: `(at, id) < (cursor)` seeks in the index, and one row beyond the page tells
 * whether another follows; the total, when counted, is `count(*)` under the same filters. Cursors are the memory adapter's (same ordering name, key
 * `at.toISOString()`), so either adapter reads the other's.
 */
export function createPostgresAuditLog<UA extends object, OA extends object>(context: PostgresContext<UA, OA>): AuditLog {
  const { db, writes } = context;

  return {
    async append(event) {
      // Every command appends an event: the id is the table's one unique rule, so ON CONFLICT DO NOTHING
      // answers a duplicate with no row instead of an error, and no savepoint is needed. A concurrent
      // insert of the same id still raises a serialization failure, which ends the unit of work.
      const inserted = await writes.inTurn(() =>
        db.insertInto("audit_events").values(auditRowOf(event)).onConflict((conflict) => conflict.doNothing()).returning("id").execute(),
      );
      return inserted.length === 1 ? ok(structuredClone(event)) : err(TenureErrors.duplicate("audit_event", "id", event.id));
    },
    async query(organizationId, query) {
      let cursor: AuditPosition | null = null;
      if (query.after !== undefined) {
        const decoded = decodeAuditCursor(query.after);
        if (decoded.isErr()) return err(decoded.error);
        cursor = decoded.value;
      }
      // The parsed query never has an empty `actions` (the schema says min 1); a hand-made one matches nothing.
      if (query.actions?.length === 0) return ok({ items: [], nextCursor: null, total: countsTotal(query) ? 0 : null });
      // The query's one predicate (organization, filters, time range): the page adds the cursor, the total counts it.
      const matching = () => {
        let select = db.selectFrom("audit_events").where("organization_id", "=", organizationId);
        if (query.targetId !== undefined) select = select.where("target_id", "=", query.targetId);
        if (query.actorId !== undefined) select = select.where("actor_id", "=", query.actorId);
        if (query.actions !== undefined) select = select.where("action", "in", query.actions);
        if (query.from !== undefined) select = select.where("at", ">=", query.from);
        if (query.to !== undefined) select = select.where("at", "<", query.to);
        return select;
      };
      let select = matching().select(AUDIT_COLUMNS);
      if (cursor !== null) {
        const { at, id } = cursor;
        select = select.where((eb) => eb(eb.refTuple("at", "id"), "<", eb.tuple(at, id)));
      }
      const rows = await select.orderBy("at", "desc").orderBy("id", "desc").limit(query.limit + 1).execute();
      const items = rows.slice(0, query.limit).map(decodeAuditRow);
      const last = items[items.length - 1];
      const nextCursor = rows.length > query.limit && last !== undefined ? encodeAuditCursor(last) : null;
      const total = countsTotal(query)
        ? Number((await matching().select((eb) => eb.fn.countAll<string | number | bigint>().as("total")).executeTakeFirstOrThrow()).total)
        : null;
      return ok({ items, nextCursor, total });
    },
  };
}
