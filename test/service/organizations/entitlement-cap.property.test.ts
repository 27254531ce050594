/**
 * The entitlement cap as a rule, through the service: for any company-level permissions of a partner
 * and of its customer, and any roles of the customer's members and of the partner's customer manager,
 * every effective permission in the customer lies within both (the cap along the chain), the role
 * assignments are exactly as before, and lifting the caps gives back exactly what they held. A cap
 * that would leave an organization without a lasting admin is refused (`last_admin`) and writes nothing.
 */
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { systemActor, type OrganizationId, type User } from "tenure";
import { TEST_STORE } from "../_test-store.js";
import { setupWorld, type World } from "../_harness.js";

const PERMISSIONS = ["users.manage", "documents.view", "documents.edit", "zone.access"] as const;
const ROLES = ["member", "editor", "company_admin"] as const;
const system = systemActor("setup");
const capOf = fc.option(fc.subarray([...PERMISSIONS]), { nil: null });

const effective = async (world: World, user: User, organizationId: OrganizationId) =>
  (await world.tenure.access.effective({ organizationId: user.organizationId, userId: user.id }, { organizationId }))._unsafeUnwrap().list();

test.prop([capOf, capOf, fc.array(fc.subarray([...ROLES]), { minLength: 1, maxLength: 3 }), fc.boolean()], { numRuns: TEST_STORE === "memory" ? 25 : 5 })(
  "effective ⊆ the customer's and the partner's entitlements; assignments unchanged; lifting the caps restores exactly",
  async (partnerCap, customerCap, memberRoles, withManager) => {
    const world = await setupWorld();
    try {
      const members: User[] = [];
      for (const [index, roles] of memberRoles.entries()) members.push(await world.seedUser(world.customer.id, `member${index}`, roles.map((role) => ({ role }))));
      if (withManager) members.push(await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]));
      const uncapped = await Promise.all(members.map((member) => effective(world, member, world.customer.id)));
      const assignments = world.store.snapshot().assignments;
      const operator = world.as(world.operator);
      const set = async (organizationId: OrganizationId, entitlements: string[] | null) =>
        world.tenure.organizations.setEntitlements(operator, {
          organizationId,
          expectedVersion: (await world.tenure.organizations.get(system, { organizationId }))._unsafeUnwrap().version,
          entitlements,
        });
      // A cap that takes the user-management permission from every lasting admin is refused
      // (`last_admin`), and writes nothing; then there is nothing more to check in this run.
      const refusedForLastAdmin = (result: Awaited<ReturnType<typeof set>>, cap: readonly string[] | null): boolean => {
        if (result.isOk()) return false;
        expect(result.error).toMatchObject({ code: "forbidden", rule: "last_admin" });
        expect(cap).not.toBeNull();
        expect(cap).not.toContain("users.manage");
        expect(world.store.snapshot().assignments).toEqual(assignments);
        return true;
      };
      // The customer's first (within an uncapped partner), then the partner's: the customer's stay as set.
      if (refusedForLastAdmin(await set(world.customer.id, customerCap === null ? null : [...customerCap]), customerCap)) return;
      if (refusedForLastAdmin(await set(world.partner.id, partnerCap === null ? null : [...partnerCap]), partnerCap)) return;
      for (const member of members) {
        for (const permission of await effective(world, member, world.customer.id)) {
          if (customerCap !== null) expect(customerCap).toContain(permission);
          if (partnerCap !== null) expect(partnerCap).toContain(permission);
        }
      }
      expect(world.store.snapshot().assignments).toEqual(assignments);
      (await set(world.partner.id, null))._unsafeUnwrap();
      (await set(world.customer.id, null))._unsafeUnwrap();
      expect(await Promise.all(members.map((member) => effective(world, member, world.customer.id)))).toEqual(uncapped);
    } finally {
      await world.store.close();
    }
  },
  120_000,
);
