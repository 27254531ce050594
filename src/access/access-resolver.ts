import { emptyBits, hasBit, type BitSet } from "./bit-set.js";
import { bitsOfNames, effectiveBitsOf, grantReaches } from "./_internal/resolve-bits.js";
import type { AccessSubject } from "./access-subject.js";
import type { AccessTarget } from "./access-target.js";
import { accountStanding } from "./account-standing.js";
import type { Catalog } from "./catalog.js";
import { effectivePermissionsFactory, type EffectivePermissions } from "./effective-permissions.js";
import { describeDenial, type DenialReason, type Derivation, type Explanation } from "./explanation.js";

/** Answers permission questions for one catalog. Pure: the same inputs give the same answers. */
export interface AccessResolver<PermissionName extends string, RoleName extends string> {
  /** Every permission the subject holds at the target at `now`. */
  effective(subject: AccessSubject, target: AccessTarget, now: Date): EffectivePermissions<PermissionName>;
  /** Whether the subject holds `permission` at the target at `now`. */
  can(subject: AccessSubject, permission: PermissionName, target: AccessTarget, now: Date): boolean;
  /** Why the subject holds `permission` (every derivation), or exactly why not. `explain(...).allowed === can(...)`. */
  explain(subject: AccessSubject, permission: PermissionName, target: AccessTarget, now: Date): Explanation<PermissionName, RoleName>;
}

/**
 * Makes the resolver of a catalog. Effective permissions = the union of the role closures of every
 * grant reaching the scope (directly, through groups, from ancestor scopes, by delegation), capped by
 * the organization's entitlements, reduced to the largest subset whose requirements are all present;
 * nothing at all for an account that is not active at `now`.
 *
 * @example
 * ```ts
 * const access = createAccessResolver(catalog);
 * const subject = accessSubject(user, grantsOf(user.id, assignments, groups));
 * access.can(subject, "orders.edit", organizationTarget(organization), now);
 * ```
 */
export function createAccessResolver<P extends string, R extends string, S extends string>(
  catalog: Catalog<P, R, S>,
): AccessResolver<P, R> {
  const compiled = catalog.compiled;
  const permissionsOf = effectivePermissionsFactory(compiled, catalog.permissionNames);
  const entitlementCache = new WeakMap<readonly string[], BitSet>();
  const entitlementBits = (target: AccessTarget): BitSet | null => {
    const entitlements = target.organization?.entitlements ?? null;
    if (entitlements === null) return null;
    let bits = entitlementCache.get(entitlements);
    if (bits === undefined) {
      bits = bitsOfNames(compiled, entitlements);
      entitlementCache.set(entitlements, bits);
    }
    return bits;
  };

  const effective = (subject: AccessSubject, target: AccessTarget, now: Date): EffectivePermissions<P> => {
    // The common case without allocating a standing: an active, regular account holds its grants with no end.
    if (subject.account.status === "active" && !subject.thirdParty) {
      return permissionsOf(effectiveBitsOf(compiled, subject.grants, target, entitlementBits(target)), null);
    }
    const standing = accountStanding(subject, now);
    if (!standing.active) return permissionsOf(emptyBits(compiled.permissionIndex.size), standing.until);
    const bits = effectiveBitsOf(compiled, subject.grants, target, entitlementBits(target));
    return permissionsOf(bits, standing.until);
  };

  const derivationsOf = (subject: AccessSubject, permission: P, target: AccessTarget): Derivation<R>[] => {
    return subject.grants.flatMap((grant) => {
      if (!grantReaches(compiled, grant, target)) return [];
      const chain = roleChainTo(catalog, grant.role as R, permission);
      if (chain === null) return [];
      const last = compiled.roleIndex.get(chain[chain.length - 1] as string) as number;
      return [
        {
          assignmentId: grant.assignmentId,
          via: grant.via,
          grantedIn: grant.scope,
          roleChain: chain,
          delegated: compiled.delegated[compiled.roleIndex.get(grant.role) as number] === true,
          superuser: compiled.superuser[last] === true,
        },
      ];
    });
  };

  const denialOf = (subject: AccessSubject, permission: P, target: AccessTarget, seen: Set<string>): DenialReason<P> | null => {
    const index = compiled.permissionIndex.get(permission);
    if (index === undefined) return { code: "unknown_permission", permission };
    if (derivationsOf(subject, permission, target).length === 0) return { code: "no_grant" };
    const entitlements = entitlementBits(target);
    if (entitlements !== null && !hasBit(entitlements, index) && target.organization !== null) {
      return { code: "entitlement_missing", permission, organizationId: target.organization.id };
    }
    seen.add(permission);
    for (const requirement of catalog.requirementsOf(permission)) {
      if (seen.has(requirement)) continue;
      const because = denialOf(subject, requirement, target, seen);
      if (because !== null) return { code: "requirement_missing", requirement, because };
    }
    return null;
  };

  const explain = (subject: AccessSubject, permission: P, target: AccessTarget, now: Date): Explanation<P, R> => {
    const scope = target.path[0] ?? { kind: "platform", id: "platform" };
    const standing = accountStanding(subject, now);
    const held = standing.active && effective(subject, target, now).has(permission);
    if (held) {
      const derivations = derivationsOf(subject, permission, target);
      const first = derivations[0];
      const how = first === undefined ? "" : ` through ${first.roleChain.join(" → ")}${first.via.type === "group" ? ` (group "${first.via.groupName}")` : ""}`;
      // A superuser holds it as every permission, not as one a role lists: the marketplace's "Superuser" says so.
      const root = derivations.find((derivation) => derivation.superuser);
      const superuser = root === undefined ? "" : `; a superuser: "${root.roleChain[root.roleChain.length - 1] as string}" carries every permission of the catalog`;
      return { allowed: true, permission, scope, derivations, message: `Allowed: "${permission}" is held${how}${superuser}.` };
    }
    const reason: DenialReason<P> = !standing.active
      ? standing.reason
      : (denialOf(subject, permission, target, new Set()) ?? { code: "no_grant" });
    return { allowed: false, permission, scope, reason, message: `Denied: ${describeDenial(reason)}.` };
  };

  return {
    effective,
    can: (subject, permission, target, now) => effective(subject, target, now).has(permission),
    explain,
  };
}

/** The shortest chain of roles from `role` through `includes` to one that lists `permission` (or is a superuser role). */
function roleChainTo<P extends string, R extends string>(catalog: Catalog<P, R, string>, role: R, permission: P): R[] | null {
  const queue: R[][] = [[role]];
  const visited = new Set<string>([role]);
  while (queue.length > 0) {
    const chain = queue.shift() as R[];
    const current = chain[chain.length - 1] as R;
    const spec = catalog.spec.roles[current];
    if (spec.superuser === true || (spec.permissions ?? []).includes(permission)) return chain;
    for (const included of spec.includes ?? []) {
      if (visited.has(included)) continue;
      visited.add(included);
      queue.push([...chain, included]);
    }
  }
  return null;
}
