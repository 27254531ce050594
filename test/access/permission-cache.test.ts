import { describe, expect, it } from "vitest";
import { createAccessResolver, createPermissionCache, organizationTarget, type OrganizationId } from "tenure";
import { assignment, catalog, customer, now, orgScope, partner, subject } from "./_world.js";

const access = createAccessResolver(catalog);
const later = (ms: number): Date => new Date(now.getTime() + ms);

describe("permission cache", () => {
  const ann = subject([assignment("admin", orgScope(partner.id), { user: "usr_ann" })]);
  const atPartner = organizationTarget(partner);
  const scope = orgScope(partner.id);

  it("serves what was cached for the same user and scope only", () => {
    const cache = createPermissionCache();
    cache.set("usr_ann", scope, partner.id, access.effective(ann, atPartner, now));
    expect(cache.get("usr_ann", scope, now)?.has("users.manage")).toBe(true);
    expect(cache.get("usr_bob", scope, now)).toBeUndefined();
    expect(cache.get("usr_ann", orgScope(customer.id), now)).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it("forgets a user's entries when that user changes, and nobody else's", () => {
    const cache = createPermissionCache();
    cache.set("usr_ann", scope, partner.id, access.effective(ann, atPartner, now));
    cache.set("usr_bob", scope, partner.id, access.effective(ann, atPartner, now));
    cache.invalidateUsers(["usr_ann"]);
    expect(cache.get("usr_ann", scope, now)).toBeUndefined();
    expect(cache.get("usr_bob", scope, now)).toBeDefined();
    expect(cache.size).toBe(1);
  });

  it("forgets every entry inside an organization when its entitlements change", () => {
    const cache = createPermissionCache();
    cache.set("usr_ann", scope, partner.id, access.effective(ann, atPartner, now));
    cache.set("usr_ann", orgScope(customer.id), customer.id, access.effective(ann, organizationTarget(customer), now));
    cache.set("usr_ann", { kind: "platform", id: "platform" }, null, access.effective(ann, organizationTarget(customer), now));
    cache.invalidateOrganization(partner.id);
    expect(cache.get("usr_ann", scope, now)).toBeUndefined();
    expect(cache.get("usr_ann", orgScope(customer.id), now)).toBeDefined();
    expect(cache.get("usr_ann", { kind: "platform", id: "platform" }, now)).toBeDefined();
    // A fresh entry after the change is served again.
    cache.set("usr_ann", scope, partner.id, access.effective(ann, atPartner, now));
    expect(cache.get("usr_ann", scope, now)).toBeDefined();
  });

  it("never serves an answer past its validUntil (a block ends, a third-party window closes)", () => {
    const cache = createPermissionCache();
    const blocked = subject([assignment("admin", orgScope(partner.id), { user: "usr_ann" })], {
      account: { status: "blocked", until: later(60_000), reason: null },
    });
    cache.set("usr_ann", scope, partner.id, access.effective(blocked, atPartner, now));
    expect(cache.get("usr_ann", scope, later(59_999))?.has("users.manage")).toBe(false);
    expect(cache.get("usr_ann", scope, later(60_000))).toBeUndefined();
  });

  it("drops the users cached longest ago beyond maxEntries", () => {
    const cache = createPermissionCache({ maxEntries: 3 });
    const permissions = access.effective(ann, atPartner, now);
    for (const user of ["u1", "u2", "u3", "u4"]) cache.set(user, scope, "org_x" as OrganizationId, permissions);
    expect(cache.size).toBe(3);
    expect(cache.get("u1", scope, now)).toBeUndefined();
    expect(cache.get("u4", scope, now)).toBeDefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
