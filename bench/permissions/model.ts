/**
 * A seeded permission model shared by every engine of the permission benchmark: roles with `includes`
 * inheritance, permissions, organizations, users holding roles directly and through groups. Plain data
 * with numeric references, so each engine expresses it in its own idiom. Requirements and entitlements
 * are left out of the shared model (no engine but tenure has them natively): every permission stands
 * alone and no organization caps its users.
 */

/** A deterministic pseudo-random generator (mulberry32): the same seed gives the same model. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  below(bound: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (bound: number): number => Math.floor(next() * bound);
  return { next, below, between: (min, max) => min + below(max - min + 1) };
}

/** How big a model to generate. */
export interface ModelSize {
  readonly roles: number;
  readonly permissions: number;
  readonly organizations: number;
  readonly users: number;
  /** Groups per organization (each carries 1–2 roles in its organization). */
  readonly groupsPerOrganization: number;
  /** Longest `includes` chain (edges). */
  readonly maxDepth: number;
}

export const DEFAULT_SIZE: ModelSize = { roles: 50, permissions: 200, organizations: 1_000, users: 10_000, groupsPerOrganization: 5, maxDepth: 4 };

export interface RoleDef {
  readonly name: string;
  /** Indexes into `permissionNames` the role lists itself. */
  readonly permissions: readonly number[];
  /** Indexes of the roles it includes. */
  readonly includes: readonly number[];
}

/** A role held in an organization. */
export interface Holding {
  readonly role: number;
  readonly organization: number;
}

export interface GroupDef {
  readonly id: string;
  readonly name: string;
  readonly organization: number;
  /** Roles the group holds, all in its own organization. */
  readonly roles: readonly number[];
  readonly members: number[];
}

export interface UserDef {
  readonly id: string;
  /** Roles held directly. */
  readonly assignments: readonly Holding[];
  /** Indexes of the groups the user is a member of (in the user's organizations). */
  readonly groups: readonly number[];
  /** The organizations where the user holds something, ascending. */
  readonly organizations: readonly number[];
}

export interface PermissionModel {
  readonly seed: number;
  readonly size: ModelSize;
  readonly permissionNames: readonly string[];
  readonly roles: readonly RoleDef[];
  readonly organizationIds: readonly string[];
  readonly groups: readonly GroupDef[];
  readonly users: readonly UserDef[];
  readonly administration: { readonly manageUsers: string; readonly superAdmin: string };
}

const VERBS = ["view", "create", "edit", "delete", "export"] as const;

function distinct(random: Random, count: number, bound: number, avoid: ReadonlySet<number> = new Set()): number[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(count, bound - avoid.size)) {
    const value = random.below(bound);
    if (!avoid.has(value)) picked.add(value);
  }
  return [...picked];
}

/** Generates a model. Every number comes from `seed`, so two runs see the same model. */
export function generateModel(size: ModelSize = DEFAULT_SIZE, seed = 20260101): PermissionModel {
  const random = seededRandom(seed);
  const pad = (value: number, width: number): string => String(value).padStart(width, "0");

  // Permissions: the two administration permissions, then resource.verb.
  const permissionNames: string[] = ["users.manage", "system.admin"];
  for (let index = 0; permissionNames.length < size.permissions; index += 1) {
    permissionNames.push(`res${pad(Math.floor(index / VERBS.length), 4)}.${VERBS[index % VERBS.length] as string}`);
  }

  // Roles in maxDepth + 1 levels; a role includes 0–2 roles of the level just below (and sometimes one
  // further down), so the longest includes chain is exactly maxDepth.
  const levels = size.maxDepth + 1;
  const levelOf = (role: number): number => Math.floor((role * levels) / size.roles);
  const rolesAt = (level: number): number[] => Array.from({ length: size.roles }, (_, role) => role).filter((role) => levelOf(role) === level);
  const perRoleScale = Math.max(1, Math.round(size.permissions / 200));
  const roles: RoleDef[] = [];
  for (let role = 0; role < size.roles; role += 1) {
    const level = levelOf(role);
    const includes = new Set<number>();
    if (level > 0) {
      const below = rolesAt(level - 1);
      const count = random.next() < 0.15 ? 0 : random.between(1, 2);
      for (let index = 0; index < count; index += 1) includes.add(below[random.below(below.length)] as number);
      if (level > 1 && random.next() < 0.3) includes.add(random.below(Math.min(...below)));
    }
    roles.push({
      name: `role_${pad(role, 4)}`,
      permissions: distinct(random, random.between(3, 8) * perRoleScale, size.permissions),
      includes: [...includes],
    });
  }

  const organizationIds = Array.from({ length: size.organizations }, (_, index) => `org${pad(index, 5)}`);
  const groups: GroupDef[] = [];
  for (let organization = 0; organization < size.organizations; organization += 1) {
    for (let index = 0; index < size.groupsPerOrganization; index += 1) {
      groups.push({
        id: `grp${pad(organization, 5)}_${index}`,
        name: `Group ${index} of ${organizationIds[organization] as string}`,
        organization,
        roles: distinct(random, random.between(1, 2), size.roles),
        members: [],
      });
    }
  }

  const users: UserDef[] = [];
  for (let index = 0; index < size.users; index += 1) {
    const roll = random.next();
    const organizations = distinct(random, roll < 0.25 ? 1 : roll < 0.75 ? 2 : 3, size.organizations).sort((a, b) => a - b);
    const count = Math.max(organizations.length, random.between(2, 4));
    const seen = new Set<string>();
    const assignments: Holding[] = [];
    while (assignments.length < count) {
      const organization = assignments.length < organizations.length ? (organizations[assignments.length] as number) : (organizations[random.below(organizations.length)] as number);
      const role = random.below(size.roles);
      if (seen.has(`${role}@${organization}`)) continue;
      seen.add(`${role}@${organization}`);
      assignments.push({ role, organization });
    }
    const groupCount = random.between(0, 3);
    const memberOf = new Set<number>();
    while (memberOf.size < groupCount) {
      const organization = organizations[random.below(organizations.length)] as number;
      memberOf.add(organization * size.groupsPerOrganization + random.below(size.groupsPerOrganization));
    }
    const id = `u${pad(index, 6)}`;
    for (const group of memberOf) (groups[group] as GroupDef).members.push(index);
    users.push({ id, assignments, groups: [...memberOf].sort((a, b) => a - b), organizations });
  }
  // Hosts name permissions with string literals, which the engine interns; object keys are interned too.
  const internedNames = Object.keys(Object.fromEntries(permissionNames.map((name) => [name, true])));
  return { seed, size, permissionNames: internedNames, roles, organizationIds, groups, users, administration: { manageUsers: "users.manage", superAdmin: "system.admin" } };
}

/**
 * Extra users for the cold-build target: each holds `assignments` distinct roles directly, all in one
 * organization. Appended to a copy of the model (ids `h…`) so every engine can load them.
 */
export function withHeavyUsers(model: PermissionModel, count: number, assignments: number, seed = 7): PermissionModel {
  const random = seededRandom(seed);
  const users = [...model.users];
  for (let index = 0; index < count; index += 1) {
    const organization = random.below(model.size.organizations);
    users.push({
      id: `h${String(index).padStart(6, "0")}`,
      assignments: distinct(random, assignments, model.size.roles).map((role) => ({ role, organization })),
      groups: [],
      organizations: [organization],
    });
  }
  return { ...model, users };
}

/** The permissions each role carries, through its includes (indexes, ascending): the model's meaning of a role. */
export function roleClosures(model: PermissionModel): number[][] {
  const closures = new Map<number, Set<number>>();
  const closureOf = (role: number): Set<number> => {
    const known = closures.get(role);
    if (known !== undefined) return known;
    const def = model.roles[role] as RoleDef;
    const set = new Set(def.permissions);
    for (const included of def.includes) for (const permission of closureOf(included)) set.add(permission);
    closures.set(role, set);
    return set;
  };
  return model.roles.map((_, role) => [...closureOf(role)].sort((a, b) => a - b));
}

/** Longest includes chain in the model (edges). */
export function includeDepth(model: PermissionModel): number {
  const depth = new Map<number, number>();
  const depthOf = (role: number): number => {
    const known = depth.get(role);
    if (known !== undefined) return known;
    const value = Math.max(0, ...(model.roles[role] as RoleDef).includes.map((included) => depthOf(included) + 1));
    depth.set(role, value);
    return value;
  };
  return Math.max(...model.roles.map((_, role) => depthOf(role)));
}
