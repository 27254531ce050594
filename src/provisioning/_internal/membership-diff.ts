import type { ScopeRef } from "../../model/scope.js";
import type { SourceRole } from "../source-record.js";

/** The roles a plan grants and revokes on one user. */
export interface RoleChanges {
  /** Roles to grant; a missing `scope` is the organization's scope. */
  readonly grant: readonly SourceRole[];
  /** Direct assignments to revoke, as stored. */
  readonly revoke: readonly { readonly role: string; readonly scope: ScopeRef }[];
}

/** The groups a plan makes one user join and leave, by name. */
export interface GroupChanges {
  readonly join: readonly string[];
  readonly leave: readonly string[];
}

/**
 * The key a role is compared by: role name plus scope, where a missing scope and any scope of kind
 * `organization` are the same one (a member's organization scope is always its own organization).
 */
export function roleKey(role: string, scope: ScopeRef | undefined): string {
  const place = scope === undefined || scope.kind === "organization" ? "organization" : `${scope.kind}:${scope.id}`;
  return JSON.stringify([role, place]);
}

/** The record's roles without repeats (first one kept), in its order. */
export function uniqueRoles(roles: readonly SourceRole[]): SourceRole[] {
  const seen = new Set<string>();
  return roles.filter((item) => {
    const key = roleKey(item.role, item.scope);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Grants for the asked roles the user lacks, revokes for the held ones not asked for. */
export function diffRoles(asked: readonly SourceRole[], held: readonly { readonly role: string; readonly scope: ScopeRef }[]): RoleChanges {
  const heldKeys = new Set(held.map((item) => roleKey(item.role, item.scope)));
  const askedKeys = new Set(asked.map((item) => roleKey(item.role, item.scope)));
  return {
    grant: uniqueRoles(asked).filter((item) => !heldKeys.has(roleKey(item.role, item.scope))),
    revoke: held.filter((item) => !askedKeys.has(roleKey(item.role, item.scope))),
  };
}

/** Joins for the asked groups the user is not in, leaves for the others it is in. */
export function diffGroups(asked: readonly string[], held: readonly string[]): GroupChanges {
  const heldSet = new Set(held);
  const askedSet = new Set(asked);
  return { join: [...askedSet].filter((name) => !heldSet.has(name)), leave: [...new Set(held)].filter((name) => !askedSet.has(name)) };
}
