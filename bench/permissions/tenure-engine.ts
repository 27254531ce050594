/**
 * The model in tenure: a catalog from `defineCatalog`, role assignments and groups as the store would
 * hold them, `createAccessResolver` for the effective set and `createPermissionCache` in front of it.
 * Warm check = `cache.get({ organizationId: home, userId }, { organizationId }, now)` + `has(name)`, as a
 * host writes it (the user's own organization `home` is the first one they hold something in). Cold = `grantsOf` over the user's loaded assignments and groups, `accessSubject`, then
 * `effective` at `organizationTarget(organization)` in each of the user's organizations.
 */
import {
  accessSubject,
  createAccessResolver,
  createPermissionCache,
  defineCatalog,
  grantsOf,
  organizationScope,
  organizationTarget,
  type AccessSubject,
  type Organization,
  type Catalog,
  type EffectivePermissions,
  type Group,
  type GroupId,
  type OrganizationId,
  type PermissionCache,
  type PermissionCacheUser,
  type RoleAssignment,
  type RoleAssignmentId,
  type User,
  type UserId,
} from "tenure";
import type { PermissionEngine } from "./engine.js";
import type { GroupDef, PermissionModel, UserDef } from "./model.js";
import type { QueryList } from "./queries.js";

type StoredUser = Pick<User, "id" | "account" | "thirdParty" | "accessExpiresAt">;
type StoredGroup = Pick<Group, "id" | "name" | "memberIds">;

/** What a host loads for one user before asking for permissions: the user, every assignment that may apply, the user's groups. */
interface Loaded {
  readonly user: StoredUser;
  readonly assignments: readonly RoleAssignment[];
  readonly groups: readonly StoredGroup[];
}

/** The tenure catalog of a model: every role grantable in `organization`, no requirements. */
export function catalogOf(model: PermissionModel): Catalog {
  const names = model.permissionNames;
  const result = defineCatalog({
    scopes: { platform: {}, organization: { parent: "platform" } },
    permissions: Object.fromEntries(names.map((name) => [name, {}])) as Record<string, Record<never, never>>,
    roles: Object.fromEntries(
      model.roles.map((role) => [
        role.name,
        {
          permissions: role.permissions.map((index) => names[index] as string),
          includes: role.includes.map((index) => (model.roles[index] as { name: string }).name),
          scopes: ["organization" as const],
        },
      ]),
    ) as Record<string, { permissions: string[]; includes: string[]; scopes: "organization"[] }>,
    administration: model.administration,
  });
  if (result.isErr()) throw new Error(result.error.map((error) => error.message).join("\n"));
  return result.value as unknown as Catalog;
}

export function createTenureEngine(model: PermissionModel, options: { readonly now: Date }): PermissionEngine & {
  readonly catalog: Catalog;
  readonly cache: PermissionCache;
  /** Grants → effective set in one organization, uncached (for the cold target). */
  effectiveOf(user: number, organization: number): EffectivePermissions;
  /** The subject with its grants already loaded (to time `effective` alone). */
  subjectOf(user: number): AccessSubject;
  effectiveFor(subject: AccessSubject, organization: number): EffectivePermissions;
} {
  const catalog = catalogOf(model);
  const resolver = createAccessResolver(catalog);
  const cache = createPermissionCache({ maxEntries: 10_000_000 });
  const { now } = options;
  const grantedAt = new Date("2025-01-01T00:00:00Z");
  const roleNames = model.roles.map((role) => role.name);
  // The organization rows (what a host loads to ask about one); the target is made per question.
  // The organization each user belongs to (the model's users hold roles in several; the first is theirs).
  const homeOf: OrganizationId[] = model.users.map((def) => model.organizationIds[def.organizations[0] ?? 0] as OrganizationId);
  const userRef = (user: number, userId: string): PermissionCacheUser => ({ organizationId: homeOf[user] as OrganizationId, userId: userId as UserId });
  const organizations: Pick<Organization, "id" | "partnerId" | "entitlements">[] = model.organizationIds.map((id) => ({
    id: id as OrganizationId,
    partnerId: null,
    entitlements: null,
  }));

  // The store's rows, made once (not timed): assignments of users and of groups, groups with members.
  let nextId = 0;
  const assignmentOf = (principal: RoleAssignment["principal"], role: number, organization: number): RoleAssignment => ({
    id: `ra${(nextId += 1)}` as RoleAssignmentId,
    organizationId: model.organizationIds[organization] as OrganizationId,
    principal,
    role: roleNames[role] as string,
    scope: organizationScope(model.organizationIds[organization] as string),
    grantedBy: null,
    grantedAt,
  });
  const groupRows = model.groups.map((group: GroupDef) => ({
    group: { id: group.id as GroupId, name: group.name, memberIds: group.members.map((member) => (model.users[member] as UserDef).id as UserId) },
    assignments: group.roles.map((role) => assignmentOf({ type: "group", id: group.id as GroupId }, role, group.organization)),
  }));
  const loaded: Loaded[] = model.users.map((def) => ({
    user: { id: def.id as UserId, account: { status: "active" }, thirdParty: false, accessExpiresAt: null },
    assignments: [
      ...def.assignments.map((holding) => assignmentOf({ type: "user", id: def.id as UserId }, holding.role, holding.organization)),
      ...def.groups.flatMap((group) => groupRows[group]?.assignments ?? []),
    ],
    groups: def.groups.map((group) => groupRows[group]?.group as StoredGroup),
  }));

  const subjectOf = (user: number): AccessSubject => {
    const row = loaded[user] as Loaded;
    return accessSubject(row.user, grantsOf(row.user.id, row.assignments, row.groups));
  };
  const effectiveFor = (subject: AccessSubject, organization: number): EffectivePermissions =>
    resolver.effective(subject, organizationTarget(organizations[organization] as Organization), now);
  const fill = (user: number, where: readonly number[]): void => {
    const subject = subjectOf(user);
    const ref = userRef(user, (model.users[user] as UserDef).id);
    for (const organization of where) {
      const stamp = cache.stamp();
      cache.set(ref, { organizationId: model.organizationIds[organization] as OrganizationId }, effectiveFor(subject, organization), stamp);
    }
  };

  return {
    name: "tenure",
    coldMeaning: "grantsOf(loaded assignments + groups) → accessSubject → resolver.effective per organization of the user",
    catalog,
    cache,
    subjectOf,
    effectiveFor,
    effectiveOf: (user, organization) => effectiveFor(subjectOf(user), organization),
    warmUser(user) {
      fill(user, (model.users[user] as UserDef).organizations);
    },
    warmAll() {
      for (let user = 0; user < model.users.length; user += 1) fill(user, (model.users[user] as UserDef).organizations);
    },
    warmFor(queries: QueryList) {
      for (let index = 0; index < queries.length; index += 1) {
        const user = queries.user[index] as number;
        const at = { organizationId: queries.organizationIds[index] as OrganizationId };
        if (cache.get(userRef(user, queries.userIds[index] as string), at, now) === undefined) {
          fill(user, [queries.organization[index] as number]);
        }
      }
    },
    checkAll(queries: QueryList): number {
      const { userIds, organizationIds, permissionNames } = queries;
      const users = queries.user;
      let allowed = 0;
      let misses = 0;
      for (let index = 0; index < queries.length; index += 1) {
        const user = { organizationId: homeOf[users[index] as number] as OrganizationId, userId: userIds[index] as UserId };
        const permissions = cache.get(user, { organizationId: organizationIds[index] as OrganizationId }, now);
        if (permissions === undefined) misses += 1;
        else if (permissions.has(permissionNames[index] as string)) allowed += 1;
      }
      if (misses > 0) throw new Error(`tenure: ${misses} cache misses in a warm run`);
      return allowed;
    },
    answer(queries: QueryList, out: Uint8Array) {
      for (let index = 0; index < queries.length; index += 1) {
        const user = userRef(queries.user[index] as number, queries.userIds[index] as string);
        const at = { organizationId: queries.organizationIds[index] as OrganizationId };
        let permissions = cache.get(user, at, now);
        if (permissions === undefined) {
          const stamp = cache.stamp();
          permissions = effectiveFor(subjectOf(queries.user[index] as number), queries.organization[index] as number);
          cache.set(user, at, permissions, stamp);
        }
        out[index] = permissions.has(queries.permissionNames[index] as string) ? 1 : 0;
      }
    },
    buildUser(user: number) {
      const subject = subjectOf(user);
      return (model.users[user] as UserDef).organizations.map((organization) => effectiveFor(subject, organization));
    },
    reset() {
      cache.clear();
    },
  };
}
