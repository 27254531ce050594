import { fc, test } from "@fast-check/vitest";
import { err, ok, type ResultAsync } from "neverthrow";
import { expect } from "vitest";
import {
  defineCatalog,
  organizationScope,
  organizationTarget,
  scopeTarget,
  type AccessTarget,
  type Actor,
  type GroupId,
  type Organization,
  type RoleAssignmentId,
  type ScopeRef,
  type TenureError,
  type User,
} from "tenure";
import { loadSubject } from "../../../src/service/_internal/load-access.js";
import { setupRoleWorld } from "./_world.js";
import { TEST_STORE } from "../_test-store.js";

/** Admins of two strengths: a company admin holds everything of the organization, a user admin only user management. */
const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } },
  permissions: { "system.admin": {}, "users.manage": {}, "billing.manage": {}, "docs.view": {}, "docs.edit": { requires: ["docs.view"] }, "zone.access": {} },
  roles: {
    system_admin: { superuser: true, scopes: ["platform"] },
    company_admin: { permissions: ["users.manage", "billing.manage", "docs.view", "docs.edit", "zone.access"], scopes: ["organization"] },
    user_admin: { permissions: ["users.manage"], scopes: ["organization"] },
    viewer: { permissions: ["docs.view"], scopes: ["organization", "zone"] },
    editor: { includes: ["viewer"], permissions: ["docs.edit"], scopes: ["organization", "zone"] },
    zone_member: { permissions: ["zone.access"], scopes: ["zone"] },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();
type Role = (typeof catalog.roleNames)[number];

const ROLES: readonly Role[] = ["company_admin", "user_admin", "viewer", "editor", "zone_member"];
const ADMIN_ROLES: readonly Role[] = ["company_admin", "user_admin"];
const ZONES: readonly ScopeRef[] = [{ kind: "zone", id: "z1" }, { kind: "zone", id: "z2" }];
const USERS = 5;
const GROUPS = 3;

/** A user of Acme by index, or (`USERS`) the system, which holds everything but must keep an admin too. */
const actorIndex = fc.oneof({ arbitrary: fc.nat({ max: USERS - 1 }), weight: 2 }, { arbitrary: fc.constant(USERS), weight: 1 });
const operation = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("grant" as const),
      actor: actorIndex,
      toGroup: fc.boolean(),
      principal: fc.nat({ max: USERS - 1 }),
      role: fc.constantFrom(...ROLES),
      scope: fc.nat({ max: ZONES.length }), // 0: the organization
    }),
  },
  // Half the revocations aim at an admin role, so that the last admin is reached.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("revoke" as const), actor: actorIndex, pick: fc.nat(), adminOnly: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constantFrom("add" as const, "remove" as const), actor: actorIndex, group: fc.nat({ max: GROUPS - 1 }), user: fc.nat({ max: USERS - 1 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), actor: actorIndex, group: fc.nat({ max: GROUPS - 1 }) }) },
);

/** Acme: a company admin, a user admin (through the user-admins group), an editor, a viewer, a plain user; a user-admins group, an editors group, a zone group. */
async function acmeWorld() {
  const world = await setupRoleWorld(catalog);
  const acme = await world.newOrganization("Acme");
  const users: User[] = [
    await world.seedUser(acme.id, "u0", [{ role: "company_admin" }]),
    await world.seedUser(acme.id, "u1"),
    await world.seedUser(acme.id, "u2", [{ role: "editor" }]),
    await world.seedUser(acme.id, "u3", [{ role: "viewer" }]),
    await world.seedUser(acme.id, "u4"),
  ];
  const groupRoles: readonly { role: Role; scope: ScopeRef; members: number[] }[] = [
    { role: "user_admin", scope: organizationScope(acme.id), members: [1] },
    { role: "editor", scope: organizationScope(acme.id), members: [4] },
    { role: "zone_member", scope: ZONES[0] as ScopeRef, members: [2, 4] },
  ];
  const groupIds: GroupId[] = [];
  await world.store.transaction(async (tx) => {
    for (const [index, spec] of groupRoles.entries()) {
      const id = `grp_seed_${index}` as GroupId;
      groupIds.push(id);
      const now = world.clock.now();
      const memberIds = spec.members.map((member) => (users[member] as User).id);
      const inserted = await tx.groups.insert({ id, organizationId: acme.id, name: `Group ${index}`, colour: "#000000", memberIds, version: 0, createdAt: now, updatedAt: now });
      if (inserted.isErr()) return err(inserted.error);
      const granted = await tx.assignments.insert({
        id: `asg_seed_group_${index}` as RoleAssignmentId, organizationId: acme.id, principal: { type: "group", id }, role: spec.role, scope: spec.scope, grantedBy: null, grantedAt: now,
      });
      if (granted.isErr()) return err(granted.error);
    }
    return ok(undefined);
  });
  return { world, acme, users, groupIds };
}

/** Every user's permissions at each target, computed afresh from the store. */
async function permissionsMap(world: Awaited<ReturnType<typeof acmeWorld>>["world"], acme: Organization, users: readonly User[], targets: readonly AccessTarget[]) {
  const result = await world.store.transaction(async (tx) => {
    const map = new Map<string, Set<string>[]>();
    for (const user of users) {
      const loaded = await loadSubject(tx, acme.id, user.id);
      map.set(user.id, targets.map((target) => new Set(loaded === null ? [] : world.context.access.effective(loaded.subject, target, world.clock.now()).list())));
    }
    return ok(map);
  });
  return result._unsafeUnwrap();
}

// Each run builds a new world: on PostgreSQL that is a schema and a migration, so fewer runs there.
test.prop([fc.array(operation, { minLength: 1, maxLength: 16 })], { numRuns: TEST_STORE === "memory" ? 100 : 15 })(
  "random grants, revocations and membership changes by random actors never escalate, never leave the organization without an admin, and never leave the cache stale",
  async (operations) => {
    const { world, acme, users, groupIds } = await acmeWorld();
    const places: readonly (ScopeRef | undefined)[] = [undefined, ...ZONES];
    const targets: readonly AccessTarget[] = [organizationTarget(acme), ...ZONES.map((zone) => scopeTarget(zone, acme))];
    const actorOf = (index: number): Actor => (index === USERS ? world.system : world.as(users[index] as User));

    for (const op of operations) {
      const before = await permissionsMap(world, acme, users, targets);
      // Ask through the cache too, so that a missed invalidation would be served below.
      for (const user of users) for (const place of places) await world.can(user, "docs.view", { organizationId: acme.id, ...(place === undefined ? {} : { scope: place }) });
      const snapshot = world.store.snapshot();
      const actor = actorOf(op.actor);
      const group = async (index: number) => world.group(acme.id, groupIds[index] as GroupId);
      let command: ResultAsync<unknown, TenureError> | null = null;
      if (op.kind === "grant") {
        const scope = op.scope === 0 ? undefined : ZONES[op.scope - 1];
        const principal = op.toGroup ? { type: "group" as const, id: groupIds[op.principal % GROUPS] as GroupId } : { type: "user" as const, id: (users[op.principal] as User).id };
        command = world.roles.grant(actor, { organizationId: acme.id, principal, role: op.role, ...(scope === undefined ? {} : { scope }) });
      } else if (op.kind === "revoke") {
        const assignments = snapshot.assignments.filter(
          (assignment) => assignment.organizationId === acme.id && (!op.adminOnly || ADMIN_ROLES.includes(assignment.role as Role)),
        );
        const picked = assignments[op.pick % Math.max(1, assignments.length)];
        if (picked !== undefined) command = world.roles.revoke(actor, { organizationId: acme.id, assignmentId: picked.id });
      } else {
        const stored = await group(op.group);
        if (stored !== null) {
          const target = { organizationId: acme.id, groupId: stored.id, expectedVersion: stored.version };
          command =
            op.kind === "add"
              ? world.groups.addMembers(actor, { ...target, userIds: [(users[op.user] as User).id] })
              : op.kind === "remove"
                ? world.groups.removeMembers(actor, { ...target, userIds: [(users[op.user] as User).id] })
                : world.groups.delete(actor, target);
        }
      }
      if (command === null) continue;
      const result = await command;
      const after = await permissionsMap(world, acme, users, targets);

      if (result.isErr()) {
        // A refused command changes nothing and writes no audit event.
        expect(world.store.snapshot()).toEqual(snapshot);
      } else {
        expect(world.store.snapshot().auditEvents).toHaveLength(snapshot.auditEvents.length + 1);
        // No escalation: whatever anyone gained, the actor held there before.
        const actorBefore = op.actor === USERS ? null : before.get((users[op.actor] as User).id);
        if (actorBefore !== null && actorBefore !== undefined) {
          for (const user of users) {
            targets.forEach((_, at) => {
              const gained = [...(after.get(user.id)?.[at] ?? [])].filter((permission) => !(before.get(user.id)?.[at] ?? new Set()).has(permission));
              for (const permission of gained) expect(actorBefore[at]?.has(permission), `${permission} gained by ${user.id} from ${op.kind} by u${op.actor}`).toBe(true);
            });
          }
        }
      }
      // The organization keeps an active admin.
      expect(users.some((user) => after.get(user.id)?.[0]?.has("users.manage"))).toBe(true);
      // The cache answers what the store says.
      for (const user of users) {
        for (const [at, place] of places.entries()) {
          for (const permission of ["users.manage", "docs.edit", "zone.access"] as const) {
            expect(await world.can(user, permission, { organizationId: acme.id, ...(place === undefined ? {} : { scope: place }) })).toBe(after.get(user.id)?.[at]?.has(permission) ?? false);
          }
        }
      }
    }
  },
  TEST_STORE === "memory" ? 60_000 : 600_000,
);
