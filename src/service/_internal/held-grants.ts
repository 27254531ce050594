import type { Grant } from "../../access/grant.js";
import type { OrganizationId } from "../../model/ids.js";
import type { Principal } from "../../model/role-assignment.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";
import { loadSubject } from "./load-access.js";

/**
 * The grants a principal of the organization holds, for the placement guard's requirement rule: a
 * user's every grant (direct and through their groups); a group's own assignments only (its members
 * come and go without a check, so the group's roles must meet their requirements by themselves).
 * `null` when the principal does not exist.
 */
export async function heldGrants(
  tx: StoreTransaction<object, object, unknown>,
  organizationId: OrganizationId,
  principal: Principal,
): Promise<readonly Pick<Grant, "role" | "scope">[] | null> {
  if (principal.type === "user") {
    const loaded = await loadSubject(tx, organizationId, principal.id);
    return loaded === null ? null : loaded.subject.grants;
  }
  const group = await tx.groups.get(organizationId, principal.id);
  if (group === null) return null;
  return tx.assignments.listForPrincipals(organizationId, [principal]);
}
