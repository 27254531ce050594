import { organizationTarget } from "../../../access/access-target.js";
import type { UserId } from "../../../model/ids.js";
import type { Organization } from "../../../model/organization.js";
import type { User } from "../../../model/user.js";
import type { StoreTransaction } from "../../../ports/tenure-store.js";
import { loadSubject } from "../../_internal/load-access.js";
import { accessOrganizationOf } from "../../_internal/organization-chain.js";
import type { ServiceContext } from "../../_internal/service-context.js";

/**
 * The users of `organization` a system job notifies, ordered by id: those who hold the catalog's
 * `superAdmin` permission at the organization (its system admins); if there are none, those who hold
 * `manageUsers` there (its user admins). Only users with effective permissions count, so blocked,
 * de-activated or removed accounts are never notified. Platform operators whose grants live in another
 * organization are not included: each organization's digest goes to its own admins.
 */
export async function organizationAdmins<P extends string, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<P, string, string, UA, OA, Native>, "catalog" | "access">,
  tx: StoreTransaction<UA, OA, Native>,
  organization: Organization<OA>,
  now: Date,
): Promise<User<UA>[]> {
  const { superAdmin, manageUsers } = context.catalog.spec.administration;
  const system = await holders(context, tx, organization, now, superAdmin);
  return system.length > 0 ? system : holders(context, tx, organization, now, manageUsers);
}

async function holders<P extends string, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<P, string, string, UA, OA, Native>, "catalog" | "access">,
  tx: StoreTransaction<UA, OA, Native>,
  organization: Organization<OA>,
  now: Date,
  permission: P,
): Promise<User<UA>[]> {
  const roles = context.catalog.roleNames.filter((role) => context.catalog.permissionsOf(role).includes(permission));
  const candidates = new Set<UserId>();
  // Only the grants of those roles (an index lookup each), not every grant of the organization.
  const grants = (await Promise.all(roles.map((role) => tx.assignments.list(organization.id, { role })))).flat();
  for (const assignment of grants) {
    if (assignment.principal.type === "user") {
      candidates.add(assignment.principal.id);
    } else {
      const group = await tx.groups.get(organization.id, assignment.principal.id);
      for (const member of group?.memberIds ?? []) candidates.add(member);
    }
  }
  const target = organizationTarget(await accessOrganizationOf(tx, organization));
  const found: User<UA>[] = [];
  for (const userId of candidates) {
    const loaded = await loadSubject(tx, organization.id, userId);
    if (loaded !== null && context.access.effective(loaded.subject, target, now).has(permission)) found.push(loaded.user);
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
