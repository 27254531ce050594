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
  | { readonly code: "missing_scope_kind"; readonly message: string; readonly name: string };
