import type { CatalogError } from "../catalog-error.js";

/** The shape of a catalog spec as data, names unchecked (what arrives from JSON or from untyped code). */
export interface LooseCatalogSpec {
  readonly scopes: Readonly<Record<string, { readonly parent?: string | null }>>;
  readonly permissions: Readonly<Record<string, { readonly requires?: readonly string[] }>>;
  readonly roles: Readonly<
    Record<
      string,
      {
        readonly permissions?: readonly string[];
        readonly includes?: readonly string[];
        readonly scopes: readonly string[];
        readonly default?: boolean;
        readonly delegation?: "customers";
        readonly superuser?: boolean;
        readonly access?: boolean;
        readonly organizationKinds?: readonly string[];
      }
    >
  >;
  readonly administration: { readonly manageUsers: string; readonly superAdmin: string; readonly firstMemberRoles?: readonly string[] };
}

const NAME = /^[a-z][a-z0-9_.:-]{0,127}$/;

/** Every name is well formed, every reference names something declared, no list names a thing twice. */
export function checkCatalogNames(spec: LooseCatalogSpec): CatalogError[] {
  const errors: CatalogError[] = [];
  const scopes = new Set(Object.keys(spec.scopes));
  const permissions = new Set(Object.keys(spec.permissions));
  const roles = new Set(Object.keys(spec.roles));

  const checkNames = (kind: "permission" | "role" | "scope", names: Iterable<string>): void => {
    for (const name of names) {
      if (!NAME.test(name)) {
        errors.push({
          code: "invalid_name",
          message: `The ${kind} name "${name}" must start with a lowercase letter and use only a–z, 0–9, _ . : - (at most 128).`,
          kind,
          name,
        });
      }
    }
  };
  checkNames("scope", scopes);
  checkNames("permission", permissions);
  checkNames("role", roles);

  for (const name of permissions) {
    if (roles.has(name)) {
      errors.push({ code: "duplicate_name", message: `"${name}" is both a permission and a role; use distinct names.`, name, where: "permissions, roles" });
    }
  }
  if (!scopes.has("organization")) {
    errors.push({ code: "missing_scope_kind", message: 'Every catalog needs the scope kind "organization".', name: "organization" });
  }

  const references = (kind: "permission" | "role" | "scope", declared: Set<string>, names: readonly string[] | undefined, where: string): void => {
    const seen = new Set<string>();
    for (const name of names ?? []) {
      if (!declared.has(name)) {
        errors.push({ code: "unknown_name", message: `${where} names the ${kind} "${name}", which is not declared.`, kind, name, where });
      }
      if (seen.has(name)) errors.push({ code: "duplicate_name", message: `${where} lists "${name}" twice.`, name, where });
      seen.add(name);
    }
  };
  for (const [name, scope] of Object.entries(spec.scopes)) {
    if (scope.parent !== undefined && scope.parent !== null) references("scope", scopes, [scope.parent], `scope "${name}" parent`);
  }
  for (const [name, permission] of Object.entries(spec.permissions)) {
    references("permission", permissions, permission.requires, `permission "${name}" requires`);
  }
  for (const [name, role] of Object.entries(spec.roles)) {
    references("permission", permissions, role.permissions, `role "${name}" permissions`);
    references("role", roles, role.includes, `role "${name}" includes`);
    references("scope", scopes, role.scopes, `role "${name}" scopes`);
  }
  references("permission", permissions, [spec.administration.manageUsers], "administration.manageUsers");
  references("permission", permissions, [spec.administration.superAdmin], "administration.superAdmin");
  references("role", roles, spec.administration.firstMemberRoles, "administration.firstMemberRoles");
  return errors;
}
