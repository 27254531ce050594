import type { AccessSubject } from "../../access/access-subject.js";
import { organizationTarget, type TargetOrganization } from "../../access/access-target.js";
import type { OrganizationId, UserId } from "../../model/ids.js";
import type { Organization } from "../../model/organization.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";
import { loadSubject } from "./load-access.js";
import { accessOrganizationOf } from "./organization-chain.js";
import type { ServiceContext } from "./service-context.js";

/** What the last-admin rule reads: the catalog and the resolver. */
export type AdminContext<P extends string, UA extends object, OA extends object, Native> = Pick<
  ServiceContext<P, string, string, UA, OA, Native>,
  "catalog" | "access"
>;

/**
 * The users of `organizationId` who may hold the user-management permission through one of its
 * assignments whose role is admitted by `roleFilter` (directly or through a group), with those
 * assignments' grants only; third-party users are left out (their access ends on a date, so they
 * never count as lasting admins).
 */
async function holdersOf<P extends string, UA extends object, OA extends object, Native>(
  context: AdminContext<P, UA, OA, Native>,
  tx: StoreTransaction<UA, OA, Native>,
  organizationId: OrganizationId,
  roleFilter: (role: string) => boolean,
): Promise<AccessSubject[]> {
  const manageUsers = context.catalog.spec.administration.manageUsers;
  const adminRoles = new Set(context.catalog.roleNames.filter((role) => roleFilter(role) && context.catalog.permissionsOf(role).includes(manageUsers)));
  if (adminRoles.size === 0) return [];
  const candidates = new Set<UserId>();
  // By role: an organization of thousands of members holds few admin assignments.
  const assignments = (await Promise.all([...adminRoles].sort().map((role) => tx.assignments.list(organizationId, { role })))).flat();
  for (const assignment of assignments) {
    if (assignment.principal.type === "user") {
      candidates.add(assignment.principal.id);
    } else {
      const group = await tx.groups.get(organizationId, assignment.principal.id);
      for (const member of group?.memberIds ?? []) candidates.add(member);
    }
  }
  const subjects: AccessSubject[] = [];
  for (const userId of [...candidates].sort()) {
    const loaded = await loadSubject(tx, organizationId, userId);
    if (loaded === null || loaded.subject.thirdParty) continue;
    subjects.push({ ...loaded.subject, grants: loaded.subject.grants.filter((grant) => roleFilter(grant.role)) });
  }
  return subjects;
}

/** The subjects that hold the user-management permission at the organization itself, at `now`. */
export function adminsAt<P extends string, UA extends object, OA extends object, Native>(
  context: AdminContext<P, UA, OA, Native>,
  subjects: readonly AccessSubject[],
  organization: TargetOrganization,
  now: Date,
): UserId[] {
  const manageUsers = context.catalog.spec.administration.manageUsers;
  const target = organizationTarget(organization);
  return subjects.filter((subject) => context.access.effective(subject, target, now).has(manageUsers)).map((subject) => subject.userId);
}

/**
 * The organization's own lasting admins: its users, active and not third party, who hold the
 * user-management permission there through its own assignments (directly or through a group).
 */
export async function ownAdmins<P extends string, UA extends object, OA extends object, Native>(
  context: AdminContext<P, UA, OA, Native>,
  tx: StoreTransaction<UA, OA, Native>,
  organization: Organization<OA>,
  now: Date,
): Promise<UserId[]> {
  return adminsAt(context, await holdersOf(context, tx, organization.id, () => true), await accessOrganizationOf(tx, organization), now);
}

/**
 * The partner's candidates for delegated admins of its customers: its users (not third party) who
 * hold a role delegated to customers that carries the user-management permission, with only those
 * grants. Whether one is an admin of a given customer now is {@link adminsAt} (their account must be
 * active, and the customer's entitlements cap them).
 */
export async function delegatedAdminCandidates<P extends string, UA extends object, OA extends object, Native>(
  context: AdminContext<P, UA, OA, Native>,
  tx: StoreTransaction<UA, OA, Native>,
  partnerId: OrganizationId,
): Promise<AccessSubject[]> {
  const compiled = context.catalog.compiled;
  return holdersOf(context, tx, partnerId, (role) => compiled.delegated[compiled.roleIndex.get(role) ?? -1] === true);
}
