import type { ResultAsync } from "neverthrow";
import * as z from "zod";
import type { AuditEvent } from "../../model/audit-event.js";
import { auditQuerySchema } from "../../model/audit-query.js";
import { organizationIdSchema } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import type { TenureError } from "../../model/tenure-error.js";
import { runQuery } from "../_internal/run-query.js";
import type { Actor } from "../actor.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** What reading an organization's audit trail takes: the organization and the query (filters, page size, cursor). */
export const queryAuditInputSchema = auditQuerySchema.extend({ organizationId: organizationIdSchema });
/** See {@link queryAuditInputSchema}. */
export type QueryAuditInput = z.input<typeof queryAuditInputSchema>;

/**
 * Reads an organization's audit trail ("the log view"): events filtered by target, acting user, action
 * and time range (`from` inclusive, `to` exclusive), newest first, one page at a time (pass the page's
 * `nextCursor` as `after`). Allowed to whoever manages the organization's users (directly or by delegation), to super admins and to the system. A
 * query: it writes nothing, not even an audit event.
 *
 * @example
 * ```ts
 * const page = await queryAudit(context, userActor(acme.id, adminId), {
 *   organizationId: acme.id,
 *   targetId: annId,
 *   actions: ["user.removed"],
 *   limit: 20,
 * });
 * ```
 */
export function queryAudit<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: QueryAuditInput,
): ResultAsync<Page<AuditEvent>, TenureError> {
  return runQuery(context, {
    actor,
    schema: queryAuditInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    read: ({ tx }, { organizationId, ...query }) => tx.audit.query(organizationId, query),
  });
}
