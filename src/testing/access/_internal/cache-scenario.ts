import assert from "node:assert/strict";
import fc from "fast-check";
import type { AccessResolver } from "../../../access/access-resolver.js";
import type { CatalogSpec } from "../../../access/catalog-spec.js";
import { createPermissionCache } from "../../../access/permission-cache.js";
import type { AccountState } from "../../../model/account-state.js";
import type { OrganizationId, UserId } from "../../../model/ids.js";
import type { RoleAssignment } from "../../../model/role-assignment.js";
import { worldSubject, worldTarget, type AccessWorld, type WorldUser } from "../access-world.js";
import { buildAssignment } from "./build-world.js";
import { assignmentGeneArbitrary, type AssignmentGene } from "./world-genes.js";

const HOUR = 3_600_000;

/** One step of a cache scenario: a question, a change of the world (and the invalidation it calls for), or time passing. */
export interface CacheStep {
  /** 0–1 ask, 2–4 ask again an earlier question, 5 grant, 6 revoke, 7 account change, 8 entitlements, 9 partner, 10 group membership, 11 time, 12 needless invalidation. */
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly assignment: AssignmentGene;
}

export const cacheStepsArbitrary: fc.Arbitrary<CacheStep[]> = fc.array(
  fc.record({ kind: fc.nat(12), a: fc.nat(63), b: fc.nat(63), c: fc.nat(63), assignment: assignmentGeneArbitrary }, { noNullPrototype: true }),
  { minLength: 10, maxLength: 60, size: "medium" },
);

const nth = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;

function affected(world: AccessWorld, assignment: RoleAssignment): UserId[] {
  if (assignment.principal.type === "user") return [assignment.principal.id];
  const groupId = assignment.principal.id;
  return [...(world.groups.find((group) => group.id === groupId)?.memberIds ?? [])];
}

function accountChange(user: WorldUser, step: CacheStep, now: Date): Pick<WorldUser, "account" | "thirdParty" | "accessExpiresAt"> {
  const later = new Date(now.getTime() + (step.c + 1) * HOUR);
  const states: AccountState[] = [
    { status: "active" },
    { status: "blocked", until: later, reason: null },
    { status: "blocked", until: null, reason: null },
    { status: "deactivated", reason: "admin" },
  ];
  if (step.b % 6 === 4) return { account: user.account, thirdParty: true, accessExpiresAt: later };
  if (step.b % 6 === 5) return { account: user.account, thirdParty: false, accessExpiresAt: null };
  return { account: nth(states, step.b), thirdParty: user.thirdParty, accessExpiresAt: user.accessExpiresAt };
}

/**
 * Runs the steps against a world with a permission cache in front of the resolver, invalidating what
 * each change calls for; every cached answer must be the resolver's fresh answer and still valid.
 */
export function runCacheScenario(
  spec: CatalogSpec<string, string, string>,
  access: AccessResolver<string, string>,
  initial: AccessWorld,
  steps: readonly CacheStep[],
  maxEntries: number,
): void {
  const cache = createPermissionCache({ maxEntries });
  const permissionNames = Object.keys(spec.permissions);
  let world = initial;
  const asked: { readonly user: number; readonly scope: number }[] = [];
  steps.forEach((step, index) => {
    const now = world.now;
    switch (step.kind) {
      case 5: {
        const assignment = buildAssignment(spec, world, step.assignment, `asg_new_${index}`);
        world = { ...world, assignments: [...world.assignments, assignment] };
        cache.invalidateUsers(affected(world, assignment));
        return;
      }
      case 6: {
        if (world.assignments.length === 0) return;
        const gone = nth(world.assignments, step.a);
        cache.invalidateUsers(affected(world, gone));
        world = { ...world, assignments: world.assignments.filter((assignment) => assignment !== gone) };
        return;
      }
      case 7: {
        const user = nth(world.users, step.a);
        const change = accountChange(user, step, now);
        world = { ...world, users: world.users.map((candidate) => (candidate === user ? { ...user, ...change } : candidate)) };
        cache.invalidateUsers([user.id]);
        return;
      }
      case 8:
      case 9: {
        const organization = nth(world.organizations, step.a);
        const changed =
          step.kind === 8
            ? { ...organization, entitlements: step.b % 3 === 0 ? null : permissionNames.filter((_, at) => at !== step.c % permissionNames.length) }
            : { ...organization, partnerId: step.b % 2 === 0 ? null : nth(world.organizations, step.c).id };
        world = { ...world, organizations: world.organizations.map((candidate) => (candidate === organization ? changed : candidate)) };
        cache.invalidateOrganization(organization.id);
        return;
      }
      case 10: {
        if (world.groups.length === 0) return;
        const user = nth(world.users, step.a);
        const group = nth(world.groups, step.b);
        const memberIds = group.memberIds.includes(user.id) ? group.memberIds.filter((id) => id !== user.id) : [...group.memberIds, user.id];
        world = { ...world, groups: world.groups.map((candidate) => (candidate === group ? { ...group, memberIds } : candidate)) };
        cache.invalidateUsers([user.id]);
        return;
      }
      case 11:
        world = { ...world, now: new Date(now.getTime() + step.c * 12 * HOUR + step.b) };
        return;
      case 12:
        if (step.b % 2 === 0) cache.invalidateUsers([nth(world.users, step.a).id]);
        else cache.invalidateOrganization(`org_${step.a % 8}` as OrganizationId);
        return;
      default: {
        const question = step.kind >= 2 && asked.length > 0 ? nth(asked, step.a) : { user: step.a, scope: step.b };
        asked.push(question);
        const user = nth(world.users, question.user);
        const place = nth(world.scopes, question.scope);
        const target = worldTarget(world, place.scope);
        const fresh = access.effective(worldSubject(world, user.id), target, now);
        const at = target.organization === null ? { organizationId: null, scope: place.scope } : { organizationId: target.organization.id, scope: place.scope };
        const cached = cache.get({ organizationId: user.organizationId, userId: user.id }, at, now);
        const where = `step ${index}: ${user.id} at ${place.scope.kind}:${place.scope.id} at ${now.toISOString()}`;
        if (cached === undefined) {
          cache.set({ organizationId: user.organizationId, userId: user.id }, at, fresh, cache.stamp());
          return;
        }
        assert.ok(cached.validUntil === null || cached.validUntil > now, `${where}: served an entry valid until ${cached.validUntil?.toISOString()}`);
        assert.deepEqual(cached.list(), fresh.list(), `${where}: the cache serves a stale answer`);
      }
    }
  });
}
