import type { CatalogSpec } from "../../access/catalog-spec.js";
import type { UserId } from "../../model/ids.js";
import type { ScopeRef } from "../../model/scope.js";
import type { AccessWorld, WorldUser } from "./access-world.js";

// A deliberately naive permission resolver, written straight from the permission model with plain
// sets and no compilation, as the oracle the real resolver is compared with. It shares no code with
// the resolver: only the catalog spec and the world's data.

/** A grant the reference found to reach the scope asked about. */
export interface ReferenceGrant {
  /** The assignment granting it. */
  readonly assignmentId: string;
  /** The role assigned. */
  readonly role: string;
  /** `null`: held directly; otherwise the group it comes through. */
  readonly groupId: string | null;
}

/** Everything the reference resolver knows about a (user, scope) question. */
export interface ReferenceAnswer {
  /** Whether the account may hold permissions at `now`. */
  readonly active: boolean;
  /** The grants that reach the scope: a role the catalog knows, granted where it may be granted. */
  readonly grants: readonly ReferenceGrant[];
  /** The union of the role closures of those grants, before entitlements and requirements. */
  readonly granted: ReadonlySet<string>;
  /** The organization's entitlements, or `null` when the scope is not capped. */
  readonly entitlements: ReadonlySet<string> | null;
  /** The effective permissions: empty for an inactive account. */
  readonly effective: ReadonlySet<string>;
}

const own = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/**
 * Every permission a role carries: its own, those of each role it includes (recursively), all of them
 * for a superuser role.
 *
 * @example
 * ```ts
 * referenceRoleClosure(catalog.spec, "admin"); // Set { "users.manage", "docs.view", ... }
 * ```
 */
export function referenceRoleClosure(spec: CatalogSpec<string, string, string>, role: string): Set<string> {
  const closure = new Set<string>();
  const visit = (name: string, seen: Set<string>): void => {
    if (!own(spec.roles, name) || seen.has(name)) return;
    seen.add(name);
    const definition = spec.roles[name];
    if (definition === undefined) return;
    if (definition.superuser === true) for (const permission of Object.keys(spec.permissions)) closure.add(permission);
    for (const permission of definition.permissions ?? []) closure.add(permission);
    for (const included of definition.includes ?? []) visit(included, seen);
  };
  visit(role, new Set());
  return closure;
}

/**
 * Whether a user may hold permissions at `now`: active, or blocked until an instant already reached;
 * and, for a third-party user, with an access end date still ahead.
 *
 * @example
 * ```ts
 * referenceIsActive({ account: { status: "active" }, thirdParty: true, accessExpiresAt: null }, now); // false
 * ```
 */
export function referenceIsActive(user: Pick<WorldUser, "account" | "thirdParty" | "accessExpiresAt">, now: Date): boolean {
  const account = user.account;
  const statusActive = account.status === "active" || (account.status === "blocked" && account.until !== null && account.until <= now);
  if (!statusActive) return false;
  if (!user.thirdParty) return true;
  return user.accessExpiresAt !== null && user.accessExpiresAt > now;
}

/**
 * The reference answer for a user of the world at a scope of the world.
 *
 * @example
 * ```ts
 * const answer = referenceResolve(catalog.spec, world, world.users[0].id, world.scopes[0].scope);
 * answer.effective.has("orders.view");
 * ```
 */
export function referenceResolve(spec: CatalogSpec<string, string, string>, world: AccessWorld, userId: UserId, scope: ScopeRef): ReferenceAnswer {
  const user = world.users.find((candidate) => candidate.id === userId);
  const place = world.scopes.find((candidate) => candidate.scope.kind === scope.kind && candidate.scope.id === scope.id);
  if (user === undefined || place === undefined) throw new Error(`referenceResolve: unknown user ${userId} or scope ${scope.kind}:${scope.id}`);
  const organization = world.organizations.find((candidate) => candidate.id === place.organizationId) ?? null;

  const reaches = (role: string, grantedIn: ScopeRef): boolean => {
    const definition = own(spec.roles, role) ? spec.roles[role] : undefined;
    if (definition === undefined || !definition.scopes.includes(grantedIn.kind)) return false;
    if (definition.delegation === "customers") {
      return grantedIn.kind === "organization" && organization !== null && organization.partnerId === grantedIn.id;
    }
    return place.path.some((step) => step.kind === grantedIn.kind && step.id === grantedIn.id);
  };

  const grants: ReferenceGrant[] = [];
  for (const assignment of world.assignments) {
    let groupId: string | null;
    if (assignment.principal.type === "user") {
      if (assignment.principal.id !== userId) continue;
      groupId = null;
    } else {
      const groupOf = assignment.principal.id;
      const group = world.groups.find((candidate) => candidate.id === groupOf);
      if (group === undefined || !group.memberIds.includes(userId)) continue;
      groupId = group.id;
    }
    if (reaches(assignment.role, assignment.scope)) grants.push({ assignmentId: assignment.id, role: assignment.role, groupId });
  }

  const granted = new Set<string>();
  for (const grant of grants) for (const permission of referenceRoleClosure(spec, grant.role)) granted.add(permission);
  const entitlements = organization?.entitlements === null || organization === null ? null : new Set(organization.entitlements);

  const effective = new Set<string>();
  if (referenceIsActive(user, world.now)) {
    for (const permission of granted) if (entitlements === null || entitlements.has(permission)) effective.add(permission);
    // Greatest fixpoint: drop whatever misses a requirement until nothing more drops.
    let dropped = true;
    while (dropped) {
      dropped = false;
      for (const permission of [...effective]) {
        const requires = own(spec.permissions, permission) ? (spec.permissions[permission]?.requires ?? []) : [];
        if (requires.some((requirement) => !effective.has(requirement))) {
          effective.delete(permission);
          dropped = true;
        }
      }
    }
  }
  return { active: referenceIsActive(user, world.now), grants, granted, entitlements, effective };
}

/**
 * The reference effective permissions of a user of the world at a scope of the world.
 *
 * @example
 * ```ts
 * const expected = referenceEffective(catalog.spec, world, userId, scope);
 * ```
 */
export function referenceEffective(spec: CatalogSpec<string, string, string>, world: AccessWorld, userId: UserId, scope: ScopeRef): Set<string> {
  return new Set(referenceResolve(spec, world, userId, scope).effective);
}
