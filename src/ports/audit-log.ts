import type { Result } from "neverthrow";
import type { AuditEvent } from "../model/audit-event.js";
import type { InsertResult } from "./write-result.js";
import type { Page } from "../model/page.js";
import type { AuditQuery } from "../model/audit-query.js";
import type { ValidationError } from "../model/tenure-error.js";

/** The append-only audit trail. Events are never changed or deleted through this port. */
export interface AuditLog {
  /** Appends an event; `duplicate` if its id is taken. */
  append(event: AuditEvent): InsertResult<AuditEvent>;
  /** Events of one organization matching the query, newest first (by `at`, then id, both descending), paginated. */
  query(organizationId: AuditEvent["organizationId"], query: AuditQuery): Promise<Result<Page<AuditEvent>, ValidationError>>;
}
