import { accessSubject, type AccessSubject } from "../../access/access-subject.js";
import { organizationTarget, scopeTarget, type AccessTarget, type TargetOrganization } from "../../access/access-target.js";
import { grantsOf } from "../../access/grant.js";
import type { OrganizationId, UserId } from "../../model/ids.js";
import type { Principal } from "../../model/role-assignment.js";
import type { ScopeRef } from "../../model/scope.js";
import type { User } from "../../model/user.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";

/** A user with everything the resolver needs about them, loaded in one transaction. */
export interface LoadedSubject<UA extends object> {
  readonly user: User<UA>;
  readonly subject: AccessSubject;
}

/** Loads a user, their groups and every assignment held by them or their groups; `null` if the user does not exist. */
export async function loadSubject<UA extends object, OA extends object>(
  tx: StoreTransaction<UA, OA, unknown>,
  organizationId: OrganizationId,
  userId: UserId,
): Promise<LoadedSubject<UA> | null> {
  const user = await tx.users.get(organizationId, userId);
  if (user === null) return null;
  const groups = await tx.groups.listForMember(organizationId, userId);
  const principals: Principal[] = [{ type: "user", id: userId }, ...groups.map((group) => ({ type: "group" as const, id: group.id }))];
  const assignments = await tx.assignments.listForPrincipals(organizationId, principals);
  return { user, subject: accessSubject(user, grantsOf(userId, assignments, groups)) };
}

/**
 * The target of a question about `scope` inside `organization` (the organization itself when `scope`
 * is absent or is the organization's own scope). A scope of another kind is taken to lie directly below
 * the organization, as zones and services do. Pass the organization as permissions see it
 * (`accessOrganizationOf`: entitlements capped along the partner chain).
 */
export function targetIn(organization: TargetOrganization, scope?: ScopeRef): AccessTarget {
  if (scope === undefined || (scope.kind === "organization" && scope.id === organization.id)) return organizationTarget(organization);
  return scopeTarget(scope, organization);
}
