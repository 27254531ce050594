/**
 * A partner adds customer companies (the partner portal), passing on at most the company-level
 * permissions it holds itself; super admins set any.
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkEntitlementsWithin } from "../../../src/access/guards/grant-guards.js";
import { setupWorld } from "../_harness.js";

const PERMISSIONS = ["documents.view", "documents.edit", "zone.access", "users.manage"] as const;

async function cappedPartner() {
  const world = await setupWorld();
  const system = { type: "system", name: "setup" } as const;
  const partner = (await world.tenure.organizations.create(system, { name: "Capped Partner", kind: "partner", entitlements: ["documents.view", "users.manage"] }))._unsafeUnwrap();
  const admin = await world.seedUser(partner.id, "cpadmin", [{ role: "company_admin" }]);
  return { world, partner, admin };
}

describe("a partner creating a customer", () => {
  it("may give the customer its own company-level permissions or fewer", async () => {
    const { world, partner, admin } = await cappedPartner();
    const created = await world.tenure.organizations.create(world.as(admin), { name: "Small Customer", kind: "customer", partnerId: partner.id, entitlements: ["documents.view"] });
    expect(created._unsafeUnwrap()).toMatchObject({ partnerId: partner.id, entitlements: ["documents.view"] });
  });

  it("cannot give more than it holds, nor leave the customer uncapped; nothing is written", async () => {
    const { world, partner, admin } = await cappedPartner();
    const before = world.store.snapshot();
    const more = await world.tenure.organizations.create(world.as(admin), { name: "Big Customer", kind: "customer", partnerId: partner.id, entitlements: ["documents.view", "documents.edit"] });
    expect(more._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "entitlement_missing", id: "documents.edit" });
    const uncapped = await world.tenure.organizations.create(world.as(admin), { name: "Open Customer", kind: "customer", partnerId: partner.id });
    expect(uncapped._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "entitlement_missing" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("a super admin sets any company-level permissions", async () => {
    const { world, partner } = await cappedPartner();
    const created = await world.tenure.organizations.create(world.as(world.operator), { name: "Any Customer", kind: "customer", partnerId: partner.id, entitlements: ["documents.edit", "documents.view"] });
    expect(created.isOk()).toBe(true);
  });

  it("an uncapped partner's admin may create an uncapped customer", async () => {
    const world = await setupWorld();
    const created = await world.tenure.organizations.create(world.as(world.partnerAdmin), { name: "Another Customer", kind: "customer", partnerId: world.partner.id });
    expect(created._unsafeUnwrap()).toMatchObject({ entitlements: null });
  });
});

describe("checkEntitlementsWithin, property", () => {
  const set = fc.option(fc.subarray([...PERMISSIONS]), { nil: null });
  fcTest.prop([set, set])("passes exactly when the partner is uncapped, or the request is capped within the partner's", (partner, requested) => {
    const expected = partner === null || (requested !== null && requested.every((permission) => partner.includes(permission)));
    expect(checkEntitlementsWithin(partner, requested).isOk()).toBe(expected);
  });
});
