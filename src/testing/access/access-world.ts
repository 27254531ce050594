import { accessSubject, type AccessSubject } from "../../access/access-subject.js";
import type { AccessTarget } from "../../access/access-target.js";
import { grantsOf } from "../../access/grant.js";
import type { Group } from "../../model/group.js";
import type { OrganizationId, UserId } from "../../model/ids.js";
import type { Organization } from "../../model/organization.js";
import type { RoleAssignment } from "../../model/role-assignment.js";
import { sameScope, type ScopeRef } from "../../model/scope.js";
import type { User } from "../../model/user.js";

/** An organization of an {@link AccessWorld}: what permissions care about. */
export type WorldOrganization = Pick<Organization, "id" | "partnerId" | "entitlements">;
/** A user of an {@link AccessWorld}: identity, organization and standing. */
export type WorldUser = Pick<User, "id" | "organizationId" | "account" | "thirdParty" | "accessExpiresAt">;
/** A group of an {@link AccessWorld}. */
export type WorldGroup = Pick<Group, "id" | "organizationId" | "name" | "memberIds">;

/** A scope of an {@link AccessWorld}, with its chain up to the root and the organization it lies in. */
export interface WorldScope {
  /** The scope itself. */
  readonly scope: ScopeRef;
  /** The scope itself first, then each ancestor up to the root of its scope kind tree. */
  readonly path: readonly ScopeRef[];
  /** The organization on the path, or `null` for a scope above (or beside) every organization. */
  readonly organizationId: OrganizationId | null;
}

/**
 * A random state of an account, for permission properties: organizations (customers of partners, with
 * or without entitlements), the scope tree, users in every account state, groups, role assignments
 * (including roles the catalog does not know and roles held where they may not be granted) and the
 * instant of the questions.
 */
export interface AccessWorld {
  /** The instant every question is asked at. */
  readonly now: Date;
  /** Every organization; each has an `organization` scope among {@link AccessWorld.scopes}. */
  readonly organizations: readonly WorldOrganization[];
  /** Every scope of the world: roots such as the platform, organizations, and scopes below them. */
  readonly scopes: readonly WorldScope[];
  /** Every user, at least one. */
  readonly users: readonly WorldUser[];
  /** Groups of users; their assignments are conferred on their members. */
  readonly groups: readonly WorldGroup[];
  /** Role assignments of users and groups, including ones that must confer nothing. */
  readonly assignments: readonly RoleAssignment[];
}

/**
 * A user of the world by id; throws for an id the world does not hold (a programmer error).
 *
 * @example
 * ```ts
 * const user = worldUser(world, "usr_0" as UserId);
 * ```
 */
export function worldUser(world: AccessWorld, userId: UserId): WorldUser {
  const user = world.users.find((candidate) => candidate.id === userId);
  if (user === undefined) throw new Error(`The world has no user "${userId}".`);
  return user;
}

/**
 * The {@link AccessSubject} of a user of the world: its standing and its grants (`grantsOf` over the
 * world's assignments, or `assignments` if given, and groups).
 *
 * @example
 * ```ts
 * const subject = worldSubject(world, world.users[0].id);
 * access.effective(subject, worldTarget(world, world.scopes[0].scope), world.now);
 * ```
 */
export function worldSubject(world: AccessWorld, userId: UserId, assignments: readonly RoleAssignment[] = world.assignments): AccessSubject {
  return accessSubject(worldUser(world, userId), grantsOf(userId, assignments, world.groups));
}

/**
 * The {@link AccessTarget} of a scope of the world: its path and its organization (partner and
 * entitlements). Throws for a scope the world does not hold (a programmer error).
 *
 * @example
 * ```ts
 * const target = worldTarget(world, { kind: "organization", id: world.organizations[0].id });
 * ```
 */
export function worldTarget(world: AccessWorld, scope: ScopeRef): AccessTarget {
  const found = world.scopes.find((candidate) => sameScope(candidate.scope, scope));
  if (found === undefined) throw new Error(`The world has no scope ${scope.kind}:${scope.id}.`);
  const organization = found.organizationId === null ? undefined : world.organizations.find((candidate) => candidate.id === found.organizationId);
  return {
    path: found.path,
    organization:
      organization === undefined ? null : { id: organization.id, partnerId: organization.partnerId, entitlements: organization.entitlements },
  };
}
