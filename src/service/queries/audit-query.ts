import { err, ResultAsync, type Result } from "neverthrow";
import * as z from "zod";
import { PLATFORM_TARGET } from "../../access/access-target.js";
import type { AuditEvent } from "../../model/audit-event.js";
import { auditQuerySchema } from "../../model/audit-query.js";
import { organizationIdSchema } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import { parseInput } from "../../model/parse-input.js";
import { TenureErrors, type TenureError } from "../../model/tenure-error.js";
import type { Actor } from "../actor.js";
import { loadActingParty, permissionsOf } from "../_internal/acting-party.js";
import { targetIn } from "../_internal/load-access.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** What reading an organization's audit trail takes: the organization and the query (filters, page size, cursor). */
export const queryAuditInputSchema = auditQuerySchema.extend({ organizationId: organizationIdSchema });
/** See {@link queryAuditInputSchema}. */
export type QueryAuditInput = z.input<typeof queryAuditInputSchema>;

/**
 * Reads an organization's audit trail ("the log view"): events filtered by target, acting user, action
 * and time range (`from` inclusive, `to` exclusive), newest first, one page at a time (pass the page's
 * `nextCursor` as `after`). Allowed to whoever manages the organization's users and to super admins. A
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
  const run = async (): Promise<Result<Page<AuditEvent>, TenureError>> => {
    const parsed = parseInput(queryAuditInputSchema, input);
    if (parsed.isErr()) return err(parsed.error);
    const { organizationId, ...query } = parsed.value;
    const now = context.clock.now();
    return context.store.transaction(async (tx): Promise<Result<Page<AuditEvent>, TenureError>> => {
      const party = await loadActingParty(tx, actor);
      if (party.isErr()) return err(party.error);
      const organization = await tx.organizations.get(organizationId);
      if (organization === null) return err(TenureErrors.notFound("organization", organizationId));
      const { manageUsers, superAdmin } = context.catalog.spec.administration;
      const here = permissionsOf(context, party.value, targetIn(organization), now);
      const allowed = here.has(manageUsers) || here.has(superAdmin) || permissionsOf(context, party.value, PLATFORM_TARGET, now).has(superAdmin);
      if (!allowed) {
        return err(TenureErrors.forbidden("read_audit", `Reading the audit trail needs the permission "${manageUsers}" here, or "${superAdmin}".`));
      }
      return tx.audit.query(organizationId, query);
    });
  };
  return ResultAsync.fromSafePromise(run()).andThen((result) => result);
}
