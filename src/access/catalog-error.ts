/**
 * Why {@link defineCatalog} refused a catalog. Each names its culprit; a catalog with several problems
 * reports them all.
 */
export type CatalogError =
  | { readonly code: "unknown_name"; readonly message: string; readonly kind: "permission" | "role" | "scope"; readonly name: string; readonly where: string }
  | { readonly code: "invalid_name"; readonly message: string; readonly kind: "permission" | "role" | "scope"; readonly name: string }
  | { readonly code: "duplicate_name"; readonly message: string; readonly name: string; readonly where: string }
  | { readonly code: "include_cycle"; readonly message: string; readonly cycle: readonly string[] }
  | { readonly code: "scope_cycle"; readonly message: string; readonly cycle: readonly string[] }
  | {
      readonly code: "requirement_unreachable";
      readonly message: string;
      readonly role: string;
      readonly permission: string;
      readonly requirement: string;
      readonly scope: string;
    }
  | { readonly code: "role_never_grantable"; readonly message: string; readonly role: string }
  | { readonly code: "delegation_scope"; readonly message: string; readonly role: string }
  | { readonly code: "access_scope"; readonly message: string; readonly role: string; readonly scope: string }
  | { readonly code: "missing_scope_kind"; readonly message: string; readonly name: string }
  /** A role's `organizationKinds` is empty, names a kind twice or an ill-formed kind, or the role is granted only at the platform. */
  | { readonly code: "organization_kinds"; readonly message: string; readonly role: string; readonly name?: string }
  /** A role of `administration.firstMemberRoles` cannot be granted in an organization's own scope. */
  | { readonly code: "first_member_role_scope"; readonly message: string; readonly role: string }
  /** A first-member role carries a permission whose requirement no first-member role given beside it carries. */
  | {
      readonly code: "first_member_requirement";
      readonly message: string;
      readonly role: string;
      readonly permission: string;
      readonly requirement: string;
    };
