import { err, ok } from "neverthrow";
import type { AuditEvent } from "../../model/audit-event.js";
import type { AuditQuery } from "../../model/audit-query.js";
import { decodeCursor, type CursorPosition } from "../../model/cursor.js";
import { countsTotal } from "../../model/page-total.js";
import { compareCodePoints } from "../../model/sort-key.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { AuditLog } from "../../ports/audit-log.js";
import { preferCandidateSort } from "./_internal/access-path.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import { PageBuffer } from "./_internal/page-buffer.js";
import { comparePairs } from "./_internal/sorted-pair-list.js";
import type { Row } from "./_internal/version-chain.js";
import type { MemoryTables } from "./memory-tables.js";

/** Name of the audit trail's only ordering, as carried in its cursors. */
export const AUDIT_ORDER = "audit:desc";

type EventRow = Row<AuditEvent, string>;

/**
 * The audit trail of one in-memory transaction. Queries read an index per organization ordered by
 * `(at, id)` from the newest event down; a query naming a target or an actor starts from that index
 * instead when it holds few events.
 */
export function createMemoryAuditLog<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): AuditLog {
  const events = () => transaction.view(tables.auditEvents);
  return {
    async append(event) {
      const view = events();
      if (view.get(event.id) !== null) return err(TenureErrors.duplicate("audit_event", "id", event.id));
      view.put(event.id, cloneRecord(event));
      return ok(cloneRecord(event));
    },
    async query(organizationId, query) {
      let cursor: CursorPosition | null = null;
      if (query.after !== undefined) {
        const decoded = decodeCursor(query.after, AUDIT_ORDER);
        if (decoded.isErr()) return err(decoded.error);
        cursor = decoded.value;
      }
      const view = events();
      const toKey = query.to?.toISOString();
      const fromKey = query.from?.toISOString();
      const matches = eventMatcher(query);
      const belowTo = (key: string): boolean => toKey === undefined || compareCodePoints(key, toKey) < 0;
      const aboveEnd = (key: string): boolean => fromKey === undefined || compareCodePoints(key, fromKey) >= 0;
      /** The query's one predicate (organization, time range, filters): the page and its total both use it. */
      const admits = (row: EventRow): boolean => row.value.organizationId === organizationId && belowTo(row.derived) && aboveEnd(row.derived) && matches(row.value);
      const afterCursor = (key: string, id: string): boolean => cursor === null || comparePairs(key, id, cursor.key, cursor.id) < 0;
      const page = new PageBuffer<EventRow>(query.limit);

      const candidates =
        query.targetId !== undefined
          ? view.lookup(tables.auditByTarget, organizationId, query.targetId)
          : query.actorId !== undefined
            ? view.lookup(tables.auditByActor, organizationId, query.actorId)
            : null;
      const partitionSize = tables.auditByTime.partition(organizationId).size;
      if (candidates !== null && preferCandidateSort(candidates.length, partitionSize, query.limit)) {
        const rows = candidates.filter((row) => afterCursor(row.derived, row.value.id) && admits(row));
        rows.sort((a, b) => comparePairs(b.derived, b.value.id, a.derived, a.value.id));
        for (const row of rows) if (!page.offer(row)) break;
      } else {
        // From the newest event below the `to` bound and the cursor down to the `from` bound.
        view.scan(tables.auditByTime, organizationId, "desc", (key, id) => belowTo(key) && afterCursor(key, id), (row, key) => {
          if (!aboveEnd(key)) return false;
          return admits(row) ? page.offer(row) : true;
        });
      }
      let total: number | null = null;
      if (countsTotal(query)) {
        // The same predicate without the cursor, over the named target's or actor's events when there are any such, else the time index.
        if (candidates !== null) total = candidates.filter(admits).length;
        else {
          let counted = 0;
          view.scan(tables.auditByTime, organizationId, "desc", belowTo, (row, key) => {
            if (!aboveEnd(key)) return false;
            if (admits(row)) counted += 1;
            return true;
          });
          total = counted;
        }
      }
      return ok(page.toPage(AUDIT_ORDER, (row) => ({ key: row.derived, id: row.value.id }), (row) => cloneRecord(row.value), total));
    },
  };
}

/** The filters of an audit query other than the time range. */
function eventMatcher(query: AuditQuery): (event: AuditEvent) => boolean {
  const actions = query.actions === undefined ? null : new Set(query.actions);
  return (event) =>
    (query.targetId === undefined || event.target.id === query.targetId) &&
    (query.actorId === undefined || (event.actor.type === "user" && event.actor.id === query.actorId)) &&
    (actions === null || actions.has(event.action));
}
