import type { BitSet } from "./bit-set.js";
import type { CatalogSpec } from "./catalog-spec.js";

/**
 * The compiled form of a catalog: every name numbered once, every role's permission closure and every
 * permission's requirements as bit sets. Built once by {@link defineCatalog}; resolvers only read it.
 */
export interface CompiledCatalog {
  readonly permissionIndex: ReadonlyMap<string, number>;
  readonly roleIndex: ReadonlyMap<string, number>;
  /** Per role index: the permissions it carries, included roles' too (all of them for a superuser role). */
  readonly roleClosures: readonly BitSet[];
  /** Per permission index: the permissions it directly requires, or `null`. */
  readonly requirements: readonly (BitSet | null)[];
  /** Indexes of the permissions that have requirements, for the reduction step. */
  readonly permissionsWithRequirements: readonly number[];
  /** Per role index: whether it is delegated to the customers of the organization it is granted in. */
  readonly delegated: readonly boolean[];
  /** Per role index: whether it carries every permission. */
  readonly superuser: readonly boolean[];
  /** Per role index: the scope kinds where it may be granted. */
  readonly grantableIn: readonly ReadonlySet<string>[];
  /** The parent of each scope kind (`null` for a root). */
  readonly scopeParent: ReadonlyMap<string, string | null>;
  /** Number of 32-bit words of a permission bit set. */
  readonly words: number;
}

/**
 * A checked, compiled vocabulary of permissions, roles and scope kinds, with the names as literal
 * types. Made by {@link defineCatalog}; immutable.
 */
export interface Catalog<
  PermissionName extends string = string,
  RoleName extends string = string,
  ScopeName extends string = string,
> {
  /** The spec it was defined from. */
  readonly spec: CatalogSpec<PermissionName, RoleName, ScopeName>;
  /** Permission names in declaration order. */
  readonly permissionNames: readonly PermissionName[];
  /** Role names in declaration order. */
  readonly roleNames: readonly RoleName[];
  /** Scope kinds in declaration order. */
  readonly scopeKinds: readonly ScopeName[];
  /** The roles every new member of an organization gets. */
  readonly defaultRoles: readonly RoleName[];
  /** The access roles (`access: true`): holding one in a scope is access to it, such as a zone's. */
  readonly accessRoles: readonly RoleName[];
  /** The roles the first member of an organization receives (`administration.firstMemberRoles`). */
  readonly firstMemberRoles: readonly RoleName[];
  /** Whether a string names a permission of this catalog (for untrusted input). */
  isPermission(name: string): name is PermissionName;
  /** Whether a string names a role of this catalog (for untrusted input). */
  isRole(name: string): name is RoleName;
  /** Whether a string names a scope kind of this catalog. */
  isScopeKind(name: string): name is ScopeName;
  /** Every permission a role carries, through its includes, in declaration order. */
  permissionsOf(role: RoleName): readonly PermissionName[];
  /** The permissions a permission directly requires. */
  requirementsOf(permission: PermissionName): readonly PermissionName[];
  /** Whether `role` may be granted in a scope of kind `scopeKind`. */
  isGrantableIn(role: RoleName, scopeKind: string): boolean;
  /** The compiled bit sets, for resolvers and adapters. */
  readonly compiled: CompiledCatalog;
}

/** The permission names of a catalog type. */
export type PermissionOf<C> = C extends Catalog<infer P, string, string> ? P : never;
/** The role names of a catalog type. */
export type RoleOf<C> = C extends Catalog<string, infer R, string> ? R : never;
/** The scope kinds of a catalog type. */
export type ScopeKindOf<C> = C extends Catalog<string, string, infer S> ? S : never;
