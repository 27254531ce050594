import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Actor, User } from "tenure";
import { TEST_STORE } from "../_test-store.js";
import { setupAccountsWorld, type AccountsWorld } from "./_world.js";

/** Full runs on memory and the PostgreSQL server; PGlite runs its transactions one after another, so fewer there. */
const NUM_RUNS = TEST_STORE === "pglite" ? 15 : 40;

type Operation = "block" | "unblock" | "deactivate" | "reactivate";
const ACTIONS: Record<Operation, string> = { block: "user.blocked", unblock: "user.unblocked", deactivate: "user.deactivated", reactivate: "user.reactivated" };
/** The refusals a random command may meet; anything else (or a throw) fails the property. */
const EXPECTED_REFUSALS = new Set(["forbidden", "invalid_state", "conflict", "validation"]);

const step = fc.record({
  operation: fc.constantFrom<Operation>("block", "block", "unblock", "deactivate", "deactivate", "reactivate"),
  target: fc.nat(),
  /** An index into the users, or `null` for the system actor (favoured, so that more commands get past the guards). */
  actor: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.nat(), weight: 1 }),
  /** Minutes until a block ends; `null` blocks for good. */
  blockMinutes: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
  stale: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  advanceMinutes: fc.constantFrom(0, 0, 10, 45, 130),
});

/** Partner: three direct admins, one admin through a group, the super admin, two members. Customer: two admins and a member. */
async function populate(world: AccountsWorld) {
  const partnerUsers = [
    world.partnerAdmin,
    world.operator,
    await world.seedUser(world.partner.id, "adam", [{ role: "company_admin" }]),
    await world.seedUser(world.partner.id, "grace"),
    await world.seedUser(world.partner.id, "mia", [{ role: "member" }]),
    await world.seedUser(world.partner.id, "eddie", [{ role: "editor" }]),
  ];
  await world.seedGroup(world.partner.id, "admins", [partnerUsers[3]!.id], [{ role: "company_admin" }]);
  const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
  const customerUsers = [world.customerAdmin, await world.seedUser(world.customer.id, "cora", [{ role: "company_admin" }]), await world.seedUser(world.customer.id, "carl")];
  const actors: Actor[] = [...partnerUsers, manager, ...customerUsers].map((user) => world.as(user));
  return { everyone: [...partnerUsers, manager, ...customerUsers], manager, actors, organizations: [world.partner.id, world.customer.id] };
}

describe("account lifecycle, property", () => {
  fcTest.prop([fc.array(step, { minLength: 1, maxLength: 16 })], { numRuns: NUM_RUNS })(
    "random blocks, unblocks, de-activations and re-activations never leave an organization without an active admin (its own, or its partner's customer manager); each success writes exactly one audit event",
    async (steps) => {
      const world = await setupAccountsWorld();
      const { everyone, manager, actors, organizations } = await populate(world);
      for (const { operation, target: targetIndex, actor: actorIndex, blockMinutes, stale, advanceMinutes } of steps) {
        world.clock.advance(advanceMinutes * 60_000);
        const target = world.current(everyone[targetIndex % everyone.length]!) as User;
        const actor: Actor = actorIndex === null ? { type: "system", name: "property" } : actors[actorIndex % actors.length]!;
        const input = { organizationId: target.organizationId, userId: target.id, expectedVersion: stale ? target.version + 1 : target.version };
        const before = world.store.snapshot();
        const result =
          operation === "block"
            ? await world.accounts.block(actor, { ...input, until: blockMinutes === null ? null : new Date(world.clock.now().getTime() + blockMinutes * 60_000) })
            : await world.accounts[operation](actor, input);
        const after = world.store.snapshot();
        if (result.isOk()) {
          expect(after.auditEvents).toHaveLength(before.auditEvents.length + 1);
          const added = after.auditEvents.find((event) => !before.auditEvents.some((old) => old.id === event.id));
          expect(added).toMatchObject({ action: ACTIONS[operation], target: { entity: "user", id: target.id }, organizationId: target.organizationId });
        } else {
          expect(EXPECTED_REFUSALS.has(result.error.code)).toBe(true);
          expect(after).toEqual(before);
        }
        for (const organizationId of organizations) {
          const members = everyone.filter((user) => user.organizationId === organizationId);
          const truths = await Promise.all(
            members.map(async (user) => (await world.access.explain({ organizationId, userId: user.id }, "users.manage", { organizationId }))._unsafeUnwrap().allowed),
          );
          // The customer's admins include the partner's customer manager, by delegation.
          const delegated =
            organizationId === world.customer.id &&
            (await world.access.explain({ organizationId: manager.organizationId, userId: manager.id }, "users.manage", { organizationId }))._unsafeUnwrap().allowed;
          expect(truths.some(Boolean) || delegated).toBe(true);
          // The cached answers agree with the uncached ones: every change forgot what it made stale.
          expect(await Promise.all(members.map((user) => world.isAdmin(user)))).toEqual(truths);
        }
      }
    },
  );
});
