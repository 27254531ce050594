import { err, ok, type Result } from "neverthrow";
import { emptyBits, hasBit, orInto, setBit, type BitSet } from "./bit-set.js";
import { checkCatalogNames, type LooseCatalogSpec } from "./_internal/check-catalog-names.js";
import { findCycle } from "./_internal/find-cycle.js";
import type { Catalog, CompiledCatalog } from "./catalog.js";
import type { CatalogError } from "./catalog-error.js";
import type { AdministrationSpec, CatalogSpec, PermissionSpec, RoleSpec, ScopeKindSpec } from "./catalog-spec.js";

/**
 * Declares a host's vocabulary once and checks it: names become literal types (a typo is a compile
 * error), and the static analysis refuses, naming the culprit, unknown names, cycles in `includes` or
 * in the scope tree, duplicates, requirements that can never be met where a role is granted, roles
 * that can never be granted, ill-formed `organizationKinds`, and first-member roles
 * (`administration.firstMemberRoles`) that cannot be granted in an organization or whose requirements
 * the first-member roles do not meet. The result is compiled to bit sets for the resolver.
 *
 * @example
 * ```ts
 * const catalog = defineCatalog({
 *   scopes: { platform: {}, organization: { parent: "platform" }, service: { parent: "platform" } },
 *   permissions: { "orders.view": {}, "orders.edit": { requires: ["orders.view"] }, "users.manage": {}, "system.admin": {} },
 *   roles: {
 *     erp_viewer: { permissions: ["orders.view"], scopes: ["service"] },
 *     erp_manager: { includes: ["erp_viewer"], permissions: ["orders.edit"], scopes: ["service"] },
 *     org_admin: { permissions: ["users.manage"], scopes: ["organization"] },
 *     server_admin: { superuser: true, scopes: ["platform"] },
 *   },
 *   administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
 * })._unsafeUnwrap();
 * ```
 */
export function defineCatalog<
  const Scopes extends { readonly [K in keyof Scopes]: ScopeKindSpec<keyof Scopes & string> },
  const Permissions extends { readonly [K in keyof Permissions]: PermissionSpec<keyof Permissions & string> },
  const Roles extends {
    readonly [K in keyof Roles]: RoleSpec<keyof Permissions & string, keyof Roles & string, keyof Scopes & string>;
  },
>(spec: {
  readonly scopes: Scopes;
  readonly permissions: Permissions;
  readonly roles: Roles;
  readonly administration: AdministrationSpec<keyof Permissions & string, keyof Roles & string>;
}): Result<Catalog<keyof Permissions & string, keyof Roles & string, keyof Scopes & string>, CatalogError[]> {
  type P = keyof Permissions & string;
  type R = keyof Roles & string;
  type S = keyof Scopes & string;
  const loose = spec as unknown as LooseCatalogSpec;
  const nameErrors = checkCatalogNames(loose);
  const cycleErrors = findCycles(loose);
  if (nameErrors.length > 0 || cycleErrors.length > 0) return err([...nameErrors, ...cycleErrors]);

  const compiled = compile(loose);
  const analysisErrors = [...analyse(loose, compiled), ...checkOrganizationKinds(loose), ...checkFirstMemberRoles(loose, compiled)];
  if (analysisErrors.length > 0) return err(analysisErrors);

  const permissionNames = Object.keys(loose.permissions) as P[];
  const roleNames = Object.keys(loose.roles) as R[];
  const scopeKinds = Object.keys(loose.scopes) as S[];
  const catalog: Catalog<P, R, S> = {
    spec: spec as unknown as CatalogSpec<P, R, S>,
    permissionNames,
    roleNames,
    scopeKinds,
    defaultRoles: roleNames.filter((role) => loose.roles[role]?.default === true),
    accessRoles: roleNames.filter((role) => loose.roles[role]?.access === true),
    firstMemberRoles: (loose.administration.firstMemberRoles ?? []) as readonly R[],
    isPermission: (name: string): name is P => compiled.permissionIndex.has(name),
    isRole: (name: string): name is R => compiled.roleIndex.has(name),
    isScopeKind: (name: string): name is S => compiled.scopeParent.has(name),
    permissionsOf: (role) => {
      const closure = compiled.roleClosures[compiled.roleIndex.get(role) ?? -1];
      return closure === undefined ? [] : permissionNames.filter((_, index) => hasBit(closure, index));
    },
    requirementsOf: (permission) => (loose.permissions[permission]?.requires ?? []) as readonly P[],
    isGrantableIn: (role, scopeKind) => compiled.grantableIn[compiled.roleIndex.get(role) ?? -1]?.has(scopeKind) ?? false,
    compiled,
  };
  return ok(Object.freeze(catalog));
}

function findCycles(spec: LooseCatalogSpec): CatalogError[] {
  const errors: CatalogError[] = [];
  const includeCycle = findCycle(Object.keys(spec.roles), (role) => spec.roles[role]?.includes ?? []);
  if (includeCycle !== null) {
    errors.push({ code: "include_cycle", message: `Roles include each other in a cycle: ${includeCycle.join(" → ")}.`, cycle: includeCycle });
  }
  const scopeCycle = findCycle(Object.keys(spec.scopes), (scope) => {
    const parent = spec.scopes[scope]?.parent;
    return parent === undefined || parent === null ? [] : [parent];
  });
  if (scopeCycle !== null) {
    errors.push({ code: "scope_cycle", message: `Scope kinds are their own ancestors: ${scopeCycle.join(" → ")}.`, cycle: scopeCycle });
  }
  return errors;
}

function compile(spec: LooseCatalogSpec): CompiledCatalog {
  const permissionNames = Object.keys(spec.permissions);
  const roleNames = Object.keys(spec.roles);
  const permissionIndex = new Map(permissionNames.map((name, index) => [name, index]));
  const roleIndex = new Map(roleNames.map((name, index) => [name, index]));
  const size = permissionNames.length;
  const bitsOf = (names: readonly string[]): BitSet => {
    const bits = emptyBits(size);
    for (const name of names) setBit(bits, permissionIndex.get(name) ?? 0);
    return bits;
  };
  const all = bitsOf(permissionNames);

  const closures = new Map<string, BitSet>();
  const closureOf = (role: string): BitSet => {
    const known = closures.get(role);
    if (known !== undefined) return known;
    const spec_ = spec.roles[role];
    const bits = spec_?.superuser === true ? all.slice() : bitsOf(spec_?.permissions ?? []);
    for (const included of spec_?.includes ?? []) orInto(bits, closureOf(included));
    closures.set(role, bits);
    return bits;
  };

  const requirements = permissionNames.map((name) => {
    const requires = spec.permissions[name]?.requires ?? [];
    return requires.length === 0 ? null : bitsOf(requires);
  });
  return {
    permissionIndex,
    roleIndex,
    roleClosures: roleNames.map(closureOf),
    requirements,
    permissionsWithRequirements: requirements.flatMap((bits, index) => (bits === null ? [] : [index])),
    delegated: roleNames.map((role) => spec.roles[role]?.delegation === "customers"),
    superuser: roleNames.map((role) => spec.roles[role]?.superuser === true),
    grantableIn: roleNames.map((role) => new Set(spec.roles[role]?.scopes ?? [])),
    scopeParent: new Map(Object.entries(spec.scopes).map(([kind, scope]) => [kind, scope.parent ?? null])),
    words: Math.ceil(size / 32),
  };
}

function analyse(spec: LooseCatalogSpec, compiled: CompiledCatalog): CatalogError[] {
  const errors: CatalogError[] = [];
  const roleNames = Object.keys(spec.roles);
  const permissionNames = Object.keys(spec.permissions);

  for (const role of roleNames) {
    const scopes = spec.roles[role]?.scopes ?? [];
    if (spec.roles[role]?.delegation === "customers" && (scopes.length === 0 || scopes.some((scope) => scope !== "organization"))) {
      errors.push({
        code: "delegation_scope",
        message: `Role "${role}" is delegated to customers, so it can only be granted in "organization" scopes.`,
        role,
      });
    }
  }

  // An access role is access to a scope below an organization (a zone), never to an organization or a root.
  for (const role of roleNames) {
    if (spec.roles[role]?.access !== true) continue;
    for (const scope of spec.roles[role]?.scopes ?? []) {
      if (scope === "organization" || (compiled.scopeParent.get(scope) ?? null) === null) {
        errors.push({
          code: "access_scope",
          message: `Role "${role}" is an access role, so it can only be granted in scopes below an organization (such as a zone), not in "${scope}".`,
          role,
          scope,
        });
      }
    }
  }

  // A role is usable if it can be granted somewhere, or is included by a usable role.
  const usable = new Set<string>();
  const markUsable = (role: string): void => {
    if (usable.has(role)) return;
    usable.add(role);
    for (const included of spec.roles[role]?.includes ?? []) markUsable(included);
  };
  for (const role of roleNames) if ((spec.roles[role]?.scopes.length ?? 0) > 0) markUsable(role);
  for (const role of roleNames) {
    if (!usable.has(role)) {
      errors.push({
        code: "role_never_grantable",
        message: `Role "${role}" names no scope where it may be granted and no grantable role includes it.`,
        role,
      });
    }
  }

  // Every requirement of a role's permission must be obtainable where the role is granted.
  const ancestorsAndSelf = (kind: string): string[] => {
    const chain: string[] = [];
    for (let current: string | null = kind; current !== null; current = compiled.scopeParent.get(current) ?? null) chain.push(current);
    return chain;
  };
  const reachableAt = new Map<string, BitSet>();
  for (const kind of compiled.scopeParent.keys()) {
    const kinds = new Set(ancestorsAndSelf(kind));
    const bits = emptyBits(permissionNames.length);
    roleNames.forEach((role, index) => {
      if ((spec.roles[role]?.scopes ?? []).some((scope) => kinds.has(scope))) orInto(bits, compiled.roleClosures[index] as BitSet);
    });
    reachableAt.set(kind, bits);
  }
  roleNames.forEach((role, roleIndex) => {
    const closure = compiled.roleClosures[roleIndex] as BitSet;
    for (const scope of spec.roles[role]?.scopes ?? []) {
      const reachable = reachableAt.get(scope) as BitSet;
      permissionNames.forEach((permission, permissionIndex) => {
        if (!hasBit(closure, permissionIndex)) return;
        for (const requirement of transitiveRequirements(spec, permission)) {
          if (!hasBit(reachable, compiled.permissionIndex.get(requirement) ?? 0)) {
            errors.push({
              code: "requirement_unreachable",
              message: `Role "${role}" carries "${permission}", which requires "${requirement}", but no role that reaches a "${scope}" scope carries "${requirement}".`,
              role,
              permission,
              requirement,
              scope,
            });
          }
        }
      });
    }
  });
  return errors;
}

/** The kinds an organization's `kind` may take (the organization model's rule). */
const ORGANIZATION_KIND = /^[a-z][a-z0-9_-]*$/;

function checkOrganizationKinds(spec: LooseCatalogSpec): CatalogError[] {
  const errors: CatalogError[] = [];
  for (const [role, definition] of Object.entries(spec.roles)) {
    const kinds = definition.organizationKinds;
    if (kinds === undefined) continue;
    const where = `Role "${role}" organizationKinds`;
    if (kinds.length === 0) errors.push({ code: "organization_kinds", message: `${where} is empty: the role could be granted nowhere (omit it for every kind).`, role });
    const seen = new Set<string>();
    for (const kind of kinds) {
      if (typeof kind !== "string" || kind.length > 64 || !ORGANIZATION_KIND.test(kind)) {
        errors.push({ code: "organization_kinds", message: `${where} names "${String(kind)}", which is not an organization kind (lowercase, at most 64).`, role, name: String(kind) });
      } else if (seen.has(kind)) {
        errors.push({ code: "organization_kinds", message: `${where} lists "${kind}" twice.`, role, name: kind });
      }
      seen.add(kind);
    }
    if (definition.scopes.length > 0 && definition.scopes.every((scope) => spec.scopes[scope]?.parent === undefined || spec.scopes[scope]?.parent === null)) {
      if (!definition.scopes.includes("organization")) {
        errors.push({ code: "organization_kinds", message: `${where}: the role is granted only above every organization, where no organization kind applies.`, role });
      }
    }
  }
  return errors;
}

function checkFirstMemberRoles(spec: LooseCatalogSpec, compiled: CompiledCatalog): CatalogError[] {
  const errors: CatalogError[] = [];
  const roles = spec.administration.firstMemberRoles ?? [];
  for (const role of roles) {
    if (!(spec.roles[role]?.scopes ?? []).includes("organization")) {
      errors.push({ code: "first_member_role_scope", message: `administration.firstMemberRoles names "${role}", which cannot be granted in an "organization" scope.`, role });
    }
  }
  if (errors.length > 0) return errors;
  // A first-member role is given only in its organization kinds; its requirements must be carried by the first-member roles given wherever it is.
  const permissionNames = Object.keys(spec.permissions);
  for (const role of roles) {
    const kinds = spec.roles[role]?.organizationKinds;
    const beside = roles.filter((other) => {
      const otherKinds = spec.roles[other]?.organizationKinds;
      return otherKinds === undefined || (kinds !== undefined && kinds.every((kind) => otherKinds.includes(kind)));
    });
    const carried = emptyBits(permissionNames.length);
    for (const other of beside) orInto(carried, compiled.roleClosures[compiled.roleIndex.get(other) ?? 0] as BitSet);
    const closure = compiled.roleClosures[compiled.roleIndex.get(role) ?? 0] as BitSet;
    permissionNames.forEach((permission, index) => {
      if (!hasBit(closure, index)) return;
      for (const requirement of transitiveRequirements(spec, permission)) {
        if (hasBit(carried, compiled.permissionIndex.get(requirement) ?? 0)) continue;
        errors.push({
          code: "first_member_requirement",
          message: `First-member role "${role}" carries "${permission}", which requires "${requirement}", but no first-member role given beside it carries "${requirement}".`,
          role,
          permission,
          requirement,
        });
      }
    });
  }
  return errors;
}

function transitiveRequirements(spec: LooseCatalogSpec, permission: string): string[] {
  const found = new Set<string>();
  const pending = [...(spec.permissions[permission]?.requires ?? [])];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (found.has(next)) continue;
    found.add(next);
    pending.push(...(spec.permissions[next]?.requires ?? []));
  }
  found.delete(permission);
  return [...found];
}
