import fc from "fast-check";
import type { Catalog } from "../../access/catalog.js";
import type { CatalogSpec } from "../../access/catalog-spec.js";
import { defineCatalog } from "../../access/define-catalog.js";
import type { CatalogError } from "../../access/catalog-error.js";
import type { Result } from "neverthrow";

/** A catalog spec whose names are plain strings, as the arbitraries build them. */
export type GeneratedCatalogSpec = CatalogSpec<string, string, string>;

/** Bounds of {@link catalogSpecArbitrary}; every bound is optional. */
export interface CatalogSpecArbitraryOptions {
  /** Permissions besides the two administration permissions (default 8). */
  readonly maxPermissions?: number;
  /** Roles, a superuser role aside (default 7). */
  readonly maxRoles?: number;
  /** Longest chain of `includes` (default 3). */
  readonly maxIncludeDepth?: number;
  /** Scope kinds besides `platform` and `organization` (default 3). */
  readonly maxScopeKinds?: number;
}

const MANAGE_USERS = "users.manage";
const SUPER_ADMIN = "system.admin";
const SUPERUSER_ROLE = "root";
const KIND_NAMES = ["zone", "service", "site", "team", "project", "region"] as const;

interface RoleGenes {
  readonly shape: number;
  readonly permissions: readonly number[];
  readonly includes: readonly number[];
  readonly scopes: readonly number[];
  readonly isDefault: boolean;
}

interface SpecGenes {
  readonly platform: boolean;
  readonly kinds: readonly number[];
  readonly permissions: readonly (readonly number[])[];
  readonly roles: readonly RoleGenes[];
  readonly superuser: number | null;
  readonly repair: number;
}

interface DraftRole {
  permissions: string[];
  includes: string[];
  scopes: string[];
  default?: boolean;
  delegation?: "customers";
  superuser?: boolean;
}

/**
 * Random valid catalog specs: a tree of scope kinds that always holds `organization` (below `platform`
 * in most specs, with other kinds below either), permissions whose `requires` may form cycles, roles
 * whose `includes` form a random DAG up to a depth, some roles delegated to customers, some building
 * blocks granted nowhere, sometimes a superuser role, and the administration permissions `users.manage`
 * and `system.admin`. Every spec passes {@link defineCatalog}: a requirement that could never be met
 * where a role is granted is added to another role granted there.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(catalogSpecArbitrary({ maxRoles: 4 }), (spec) => defineCatalog(spec).isOk()));
 * ```
 */
export function catalogSpecArbitrary(options: CatalogSpecArbitraryOptions = {}): fc.Arbitrary<GeneratedCatalogSpec> {
  const maxPermissions = options.maxPermissions ?? 8;
  const maxRoles = options.maxRoles ?? 7;
  const maxDepth = options.maxIncludeDepth ?? 3;
  const maxKinds = options.maxScopeKinds ?? 3;
  const picks = (maxLength: number): fc.Arbitrary<number[]> => fc.array(fc.nat(63), { maxLength });
  const genes: fc.Arbitrary<SpecGenes> = fc.record(
    {
      platform: fc.nat(9).map((n) => n < 8),
      kinds: picks(maxKinds),
      permissions: fc.array(picks(2), { minLength: 2, maxLength: maxPermissions + 2 }),
      roles: fc.array(
        fc.record(
          { shape: fc.nat(9), permissions: picks(4), includes: picks(2), scopes: picks(2), isDefault: fc.nat(4).map((n) => n === 0) },
          { noNullPrototype: true },
        ),
        { minLength: 1, maxLength: maxRoles },
      ),
      superuser: fc.option(fc.nat(5), { nil: null, freq: 3 }),
      repair: fc.nat(63),
    },
    { noNullPrototype: true },
  );
  return genes.map((value) => buildSpec(value, maxDepth));
}

/**
 * Random valid catalogs: {@link catalogSpecArbitrary} passed through {@link defineCatalog}.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(catalogArbitrary(), (catalog) => catalog.roleNames.every((role) => catalog.isRole(role))));
 * ```
 */
export function catalogArbitrary(options: CatalogSpecArbitraryOptions = {}): fc.Arbitrary<Catalog> {
  return catalogSpecArbitrary(options).map((spec) => {
    const result = defineLoose(spec);
    if (result.isErr()) throw new Error(`catalogArbitrary: ${result.error.map((error) => error.message).join(" ")}`);
    // Counterexamples print as the spec they were defined from.
    return Object.freeze({ ...result.value, [fc.toStringMethod]: () => `defineCatalog(${fc.stringify(spec)})` });
  });
}

function defineLoose(spec: GeneratedCatalogSpec): Result<Catalog, CatalogError[]> {
  return defineCatalog(spec) as Result<Catalog, CatalogError[]>;
}

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

function buildSpec(genes: SpecGenes, maxDepth: number): GeneratedCatalogSpec {
  const scopes: Record<string, { parent: string | null }> = {};
  const kinds: string[] = [];
  if (genes.platform) {
    scopes["platform"] = { parent: null };
    kinds.push("platform");
  }
  scopes["organization"] = { parent: genes.platform ? "platform" : null };
  kinds.push("organization");
  genes.kinds.forEach((gene, index) => {
    const name = KIND_NAMES[index] ?? `kind${index}`;
    scopes[name] = { parent: gene % 8 === 7 ? null : (kinds[gene % kinds.length] as string) };
    kinds.push(name);
  });

  const permissionNames = genes.permissions.map((_, index) => (index === 0 ? MANAGE_USERS : index === 1 ? SUPER_ADMIN : `p${index - 2}`));
  const permissions: Record<string, { requires?: string[] }> = {};
  genes.permissions.forEach((requires, index) => {
    const names = unique(requires.map((gene) => permissionNames[gene % permissionNames.length] as string));
    permissions[permissionNames[index] as string] = names.length === 0 ? {} : { requires: names };
  });

  const roles: Record<string, DraftRole> = {};
  const roleNames: string[] = [];
  const depth = new Map<string, number>();
  const root = genes.platform ? "platform" : "organization";
  if (genes.superuser !== null) {
    roles[SUPERUSER_ROLE] = { permissions: [], includes: [], scopes: [genes.superuser % 3 === 0 ? "organization" : root], superuser: true };
    roleNames.push(SUPERUSER_ROLE);
    depth.set(SUPERUSER_ROLE, 0);
  }
  genes.roles.forEach((role, index) => {
    const name = `r${index}`;
    const delegated = role.shape === 7;
    const block = role.shape === 8;
    const includes =
      roleNames.length === 0
        ? []
        : unique(role.includes.map((gene) => roleNames[gene % roleNames.length] as string)).filter((included) => (depth.get(included) ?? 0) < maxDepth);
    const scopeNames = unique(role.scopes.map((gene) => kinds[gene % kinds.length] as string));
    const draft: DraftRole = {
      permissions: unique(role.permissions.map((gene) => permissionNames[gene % permissionNames.length] as string)),
      includes,
      scopes: delegated ? ["organization"] : block ? [] : scopeNames.length === 0 ? ["organization"] : scopeNames,
    };
    if (delegated) draft.delegation = "customers";
    if (role.isDefault && !delegated && !block) draft.default = true;
    roles[name] = draft;
    roleNames.push(name);
    depth.set(name, includes.length === 0 ? 0 : 1 + Math.max(...includes.map((included) => depth.get(included) ?? 0)));
  });

  const spec = { scopes, permissions, roles, administration: { manageUsers: MANAGE_USERS, superAdmin: SUPER_ADMIN } };
  repair(spec, roleNames, genes.repair);
  return spec;
}

/** Fixes what `defineCatalog` refuses, by adding unmet requirements to roles granted in reach and a scope to orphan roles. */
function repair(
  spec: { scopes: Record<string, { parent: string | null }>; roles: Record<string, DraftRole> } & GeneratedCatalogSpec,
  roleNames: readonly string[],
  seed: number,
): void {
  const ancestorsAndSelf = (kind: string): Set<string> => {
    const chain = new Set<string>();
    for (let current: string | null = kind; current !== null && !chain.has(current); current = spec.scopes[current]?.parent ?? null) chain.add(current);
    return chain;
  };
  for (let round = 0; round < 1000; round += 1) {
    const result = defineLoose(spec);
    if (result.isOk()) return;
    result.error.forEach((error, index) => {
      if (error.code === "requirement_unreachable") {
        const reach = ancestorsAndSelf(error.scope);
        const candidates = roleNames.filter((role) => spec.roles[role]?.scopes.some((scope) => reach.has(scope)) === true);
        const chosen = spec.roles[candidates[(seed + index + round) % candidates.length] as string] as DraftRole;
        if (!chosen.permissions.includes(error.requirement)) chosen.permissions.push(error.requirement);
      } else if (error.code === "role_never_grantable") {
        (spec.roles[error.role] as DraftRole).scopes = ["organization"];
      } else {
        throw new Error(`catalogSpecArbitrary built an invalid spec: ${error.message}`);
      }
    });
  }
  throw new Error("catalogSpecArbitrary could not repair a spec");
}
