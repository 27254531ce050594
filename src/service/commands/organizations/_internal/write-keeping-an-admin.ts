import { err, ok, type Result } from "neverthrow";
import type { Organization } from "../../../../model/organization.js";
import type { TenureError } from "../../../../model/tenure-error.js";
import { adminsBefore, ensureAdminRemains } from "../../../_internal/ensure-admin-remains.js";
import type { AdminContext } from "../../../_internal/lasting-admins.js";
import type { CommandScope } from "../../../_internal/run-command.js";

/**
 * Writes the command's organization record under the last-admin rule: a change of its entitlements or
 * of its partner may take the user-management permission from its admins or its partner's customer
 * managers, so the rule judges the state after the write (`last_admin` refuses, and the unit of work
 * rolls back). Answers the record as stored.
 */
export async function writeKeepingAnAdmin<P extends string, UA extends object, OA extends object, Native>(
  context: AdminContext<P, UA, OA, Native>,
  c: CommandScope<P, UA, OA, Native>,
  next: Organization<OA>,
): Promise<Result<Organization<OA>, TenureError>> {
  const admins = await adminsBefore(context, c);
  const updated = await c.tx.organizations.update(next);
  if (updated.isErr()) return err(updated.error);
  const kept = await ensureAdminRemains(context, c, admins);
  if (kept.isErr()) return err(kept.error);
  return ok((await c.tx.organizations.get(c.organization.id)) ?? updated.value);
}
