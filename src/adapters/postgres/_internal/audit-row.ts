import { auditEventSchema, type AuditEvent } from "../../../model/audit-event.js";
import type { AuditEventsTable } from "../tables.js";
import { corrupt, decodeRow, issue } from "./corrupt-record.js";
import { encodeRecord } from "./record-json.js";

/** The columns an audit event is read from. */
export const AUDIT_COLUMNS = ["organization_id", "id", "at", "actor_id", "target_id", "action", "record"] as const;

/** An `audit_events` row as read. */
export type AuditRow = Pick<AuditEventsTable, "organization_id" | "id" | "actor_id" | "target_id" | "action"> & {
  readonly at: Date;
  readonly record: unknown;
};

/**
 * Turns an `audit_events` row into an event. `organization_id`, `id`, `at` and `action` are
 * authoritative columns; `actor_id` and `target_id` are index columns derived from the record's
 * `actor` and `target`, and a row where they disagree with it (edited by hand) is corrupt: the
 * queries filter on the columns, so the event would be found under a target it does not name.
 */
export function decodeAuditRow(row: AuditRow): AuditEvent {
  const key = { table: "audit_events", organizationId: row.organization_id, id: row.id };
  const event = decodeRow(auditEventSchema, "audit_event", key, row.record, {
    organizationId: row.organization_id,
    id: row.id,
    at: row.at,
    action: row.action,
  });
  if (event.target.id !== row.target_id) {
    throw corrupt("audit_event", key, [issue("target.id", "column_mismatch", "The target_id column disagrees with the record's target.")]);
  }
  if (actorIdOf(event) !== row.actor_id) {
    throw corrupt("audit_event", key, [issue("actor.id", "column_mismatch", "The actor_id column disagrees with the record's actor.")]);
  }
  return event;
}

/** The `audit_events` row of an event: the columns, and in `record` the fields no authoritative column holds. */
export function auditRowOf(event: AuditEvent): Omit<AuditEventsTable, "at" | "record"> & { at: Date; record: string } {
  const { organizationId, id, at, action, ...rest } = event;
  return {
    organization_id: organizationId,
    id,
    at: new Date(at.getTime()),
    actor_id: actorIdOf(event),
    target_id: event.target.id,
    action,
    record: encodeRecord(rest),
  };
}

/** The acting user's id, or `null` for the system: what `actorId` queries match. */
function actorIdOf(event: AuditEvent): string | null {
  return event.actor.type === "user" ? event.actor.id : null;
}
