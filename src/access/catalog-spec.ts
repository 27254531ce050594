/**
 * How a host writes its vocabulary for {@link defineCatalog}. The three name sets are inferred from the
 * object keys, so a name used but not declared (in `requires`, `permissions`, `includes`, `scopes`) is a
 * compile error, and editors complete names.
 */

/** A kind of scope and the kind it sits below (`null` or absent for a root such as `platform`). */
export interface ScopeKindSpec<ScopeName extends string> {
  readonly parent?: ScopeName | null;
  readonly description?: string;
}

/** A permission, and the permissions it requires ("orders.edit requires orders.view"). */
export interface PermissionSpec<PermissionName extends string> {
  readonly requires?: readonly PermissionName[];
  readonly description?: string;
}

/** A role: a named bundle of permissions, grantable in some scope kinds. */
export interface RoleSpec<PermissionName extends string, RoleName extends string, ScopeName extends string> {
  /** Permissions the role carries itself. */
  readonly permissions?: readonly PermissionName[];
  /** Roles whose permissions this one carries too ("all from ERP Viewer"). */
  readonly includes?: readonly RoleName[];
  /** Scope kinds where the role may be granted. Empty: a building block for `includes` only. */
  readonly scopes: readonly ScopeName[];
  /** New members of an organization get this role ("User Panel Buyer (default)"). */
  readonly default?: boolean;
  /**
   * `customers`: granted in a partner organization, the role applies in every customer organization of
   * that partner (and below), and not in the partner itself (the partner portal's customer manager).
   */
  readonly delegation?: "customers";
  /** Carries every permission of the catalog (a platform superuser); visible as such in `explain`. */
  readonly superuser?: boolean;
  /**
   * An access role: holding it in a scope is having access to that scope (the zoned workspace's zone
   * access, "Grant Access to User"), as opposed to the permissions the other roles carry there.
   * "Remove from all zones" (`roles.removeFromAllZones`) takes exactly these away and leaves every other
   * role. Only for scope kinds below an organization.
   */
  readonly access?: boolean;
  /**
   * The organization kinds (an organization's `kind`, e.g. `partner`) where the role may be granted, in
   * the organization or any scope below it; absent: every kind. Every grant path refuses elsewhere with
   * the rule `role_organization_kind` ("Customer manager: this permission is only available for
   * partners"). A role delegated to customers is, besides, never granted in an organization that is
   * itself a customer (a partner is not the customer of another).
   */
  readonly organizationKinds?: readonly string[];
  readonly description?: string;
}

/** Which permissions the built-in admin guards rely on, and the roles an organization's first member receives. */
export interface AdministrationSpec<PermissionName extends string, RoleName extends string = string> {
  /** Managing the users of an organization (add, edit, block, remove, grant roles): the organization admin's permission. */
  readonly manageUsers: PermissionName;
  /**
   * The super admins' permission (zone super admin, system admin): needed for the actions a setting
   * restricts to `super_admins` (editing user data, directory updates) and for system-wide actions.
   */
  readonly superAdmin: PermissionName;
  /**
   * The roles the first member of an organization receives, on top of the roles the admission asks
   * for, each in the organization's own scope (the partner portal: "The first user added to a company
   * will be the contact person for the company and have administrative rights"). Every admission
   * (invitation, sign-up) gives them when the organization has no user yet (removed users do not
   * count); a role restricted by `organizationKinds` is given only in those kinds. Checked by
   * {@link defineCatalog}: known roles, grantable in `organization` scopes, their requirements met
   * among themselves.
   */
  readonly firstMemberRoles?: readonly RoleName[];
}

/** The whole vocabulary: scope kinds, permissions, roles, and the administration permissions. */
export interface CatalogSpec<PermissionName extends string, RoleName extends string, ScopeName extends string> {
  readonly scopes: { readonly [S in ScopeName]: ScopeKindSpec<ScopeName> };
  readonly permissions: { readonly [P in PermissionName]: PermissionSpec<PermissionName> };
  readonly roles: { readonly [R in RoleName]: RoleSpec<PermissionName, RoleName, ScopeName> };
  readonly administration: AdministrationSpec<PermissionName, RoleName>;
}
