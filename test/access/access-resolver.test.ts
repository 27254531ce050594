import { describe, expect, it } from "vitest";
import { createAccessResolver, organizationTarget, PLATFORM_TARGET, scopeTarget } from "tenure";
import { assignment, catalog, customer, now, orgScope, partner, stranger, subject, zone } from "./_world.js";

const access = createAccessResolver(catalog);
const atPartner = organizationTarget(partner);
const atCustomer = organizationTarget(customer);
const inZone = scopeTarget(zone("z1"), partner);

describe("effective permissions", () => {
  it("are the union of the role closures of the grants reaching the scope", () => {
    const ann = subject([assignment("writer", orgScope(partner.id), { user: "usr_ann" })]);
    expect(access.effective(ann, atPartner, now).list()).toEqual(["docs.view", "docs.edit"]);
  });

  it("reach the scopes below the one granted in, and not the ones above or beside it", () => {
    const ann = subject([assignment("zone_member", zone("z1"), { user: "usr_ann" }), assignment("reader", orgScope(partner.id), { user: "usr_ann" })]);
    expect(access.effective(ann, inZone, now).list()).toEqual(["docs.view", "zone.enter"]);
    expect(access.effective(ann, atPartner, now).list()).toEqual(["docs.view"]);
    expect(access.effective(ann, scopeTarget(zone("z2"), partner), now).list()).toEqual(["docs.view"]);
    expect(access.effective(ann, atCustomer, now).list()).toEqual([]);
  });

  it("include what the user's groups hold", () => {
    const ann = subject([assignment("writer", orgScope(partner.id), { group: "grp_editors" })], {
      groups: [{ id: "grp_editors", name: "Editors", memberIds: ["usr_ann"] }],
    });
    expect(access.can(ann, "docs.edit", atPartner, now)).toBe(true);
    const outsider = subject([assignment("writer", orgScope(partner.id), { group: "grp_editors" })], {
      groups: [{ id: "grp_editors", name: "Editors", memberIds: ["usr_bob"] }],
    });
    expect(access.can(outsider, "docs.edit", atPartner, now)).toBe(false);
  });

  it("of a delegated role apply in the partner's customers and not in the partner itself", () => {
    const manager = subject([assignment("customer_manager", orgScope(partner.id), { user: "usr_ann" })]);
    expect(access.can(manager, "users.manage", atCustomer, now)).toBe(true);
    expect(access.can(manager, "users.manage", scopeTarget(zone("cz"), customer), now)).toBe(true);
    expect(access.can(manager, "users.manage", atPartner, now)).toBe(false);
    expect(access.can(manager, "users.manage", organizationTarget(stranger), now)).toBe(false);
  });

  it("are capped by the organization's entitlements", () => {
    const capped = { ...customer, entitlements: ["docs.view", "docs.edit", "users.manage"] };
    const admin = subject([assignment("admin", orgScope(customer.id), { user: "usr_ann" })]);
    expect(access.effective(admin, organizationTarget(capped), now).list()).toEqual(["users.manage", "docs.view", "docs.edit"]);
  });

  it("keep only permissions whose requirements are held, transitively", () => {
    const publisherOnly = subject([assignment("publisher", orgScope(partner.id), { user: "usr_ann" })]);
    expect(access.effective(publisherOnly, atPartner, now).list()).toEqual([]);
    // Entitlements that drop docs.view take docs.edit and docs.publish with them.
    const noView = { ...partner, entitlements: ["docs.edit", "docs.publish", "users.manage"] };
    const admin = subject([assignment("admin", orgScope(partner.id), { user: "usr_ann" })]);
    expect(access.effective(admin, organizationTarget(noView), now).list()).toEqual(["users.manage"]);
  });

  it("of a superuser are every permission, everywhere below the platform", () => {
    const root = subject([assignment("system_admin", { kind: "platform", id: "platform" }, { user: "usr_ann" })]);
    expect(access.effective(root, inZone, now).list()).toEqual(catalog.permissionNames);
    expect(access.effective(root, PLATFORM_TARGET, now).list()).toEqual(catalog.permissionNames);
  });

  it("ignore grants of roles the catalog does not know", () => {
    const ann = subject([assignment("retired_role", orgScope(partner.id), { user: "usr_ann" }), assignment("reader", orgScope(partner.id), { user: "usr_ann" })]);
    expect(access.effective(ann, atPartner, now).list()).toEqual(["docs.view"]);
  });
});

describe("accounts that are not active hold nothing", () => {
  const grants = [assignment("admin", orgScope(partner.id), { user: "usr_ann" })];
  for (const account of [
    { status: "invited" as const },
    { status: "pending_verification" as const },
    { status: "deactivated" as const, reason: "admin" as const },
    { status: "removed" as const, at: now },
    { status: "blocked" as const, until: null, reason: null },
  ]) {
    it(`${account.status}`, () => {
      expect(access.effective(subject(grants, { account }), atPartner, now).list()).toEqual([]);
    });
  }

  it("a temporary block ends by itself at its date, and the answer says until when it holds", () => {
    const until = new Date("2026-03-11T00:00:00Z");
    const blocked = subject(grants, { account: { status: "blocked", until, reason: "holiday" } });
    const during = access.effective(blocked, atPartner, now);
    expect(during.list()).toEqual([]);
    expect(during.validUntil).toEqual(until);
    expect(access.can(blocked, "users.manage", atPartner, until)).toBe(true);
  });

  it("a third-party user holds nothing from the expiry date on, or without one", () => {
    const expires = new Date("2026-03-20T00:00:00Z");
    const guest = subject(grants, { thirdParty: true, accessExpiresAt: expires });
    const before = access.effective(guest, atPartner, now);
    expect(before.has("users.manage")).toBe(true);
    expect(before.validUntil).toEqual(expires);
    expect(access.can(guest, "users.manage", atPartner, expires)).toBe(false);
    expect(access.can(subject(grants, { thirdParty: true, accessExpiresAt: null }), "users.manage", atPartner, now)).toBe(false);
  });
});

describe("explain", () => {
  it("gives every derivation: assignment, group, role chain, scope, delegation", () => {
    const ann = subject(
      [assignment("admin", orgScope(partner.id), { group: "grp_admins" }), assignment("writer", orgScope(partner.id), { user: "usr_ann" })],
      { groups: [{ id: "grp_admins", name: "Admins", memberIds: ["usr_ann"] }] },
    );
    const explanation = access.explain(ann, "docs.view", inZone, now);
    expect(explanation.allowed).toBe(true);
    if (!explanation.allowed) return;
    expect(explanation.derivations.map((d) => ({ chain: d.roleChain, via: d.via.type, in: d.grantedIn }))).toEqual([
      { chain: ["admin", "writer", "reader"], via: "group", in: orgScope(partner.id) },
      { chain: ["writer", "reader"], via: "direct", in: orgScope(partner.id) },
    ]);
    expect(explanation.message).toBe('Allowed: "docs.view" is held through admin → writer → reader (group "Admins").');
  });

  it("marks delegated and superuser derivations", () => {
    const manager = subject([assignment("customer_manager", orgScope(partner.id), { user: "usr_ann" })]);
    const delegated = access.explain(manager, "users.manage", atCustomer, now);
    expect(delegated.allowed && delegated.derivations[0]?.delegated).toBe(true);
    const root = subject([assignment("system_admin", { kind: "platform", id: "platform" }, { user: "usr_ann" })]);
    const superuser = access.explain(root, "docs.publish", atCustomer, now);
    expect(superuser.allowed && superuser.derivations[0]).toMatchObject({ superuser: true, roleChain: ["system_admin"] });
  });

  it("says in its message that a superuser holds it as a superuser (marketplace: the server admin is a superuser)", () => {
    const root = subject([assignment("system_admin", { kind: "platform", id: "platform" }, { user: "usr_ann" })]);
    expect(access.explain(root, "docs.publish", atCustomer, now).message).toBe(
      'Allowed: "docs.publish" is held through system_admin; a superuser: "system_admin" carries every permission of the catalog.',
    );
    const writer = subject([assignment("writer", orgScope(partner.id), { user: "usr_ann" })]);
    expect(access.explain(writer, "docs.edit", atPartner, now).message).not.toContain("superuser");
  });

  it("says exactly why not", () => {
    const reader = subject([assignment("reader", orgScope(partner.id), { user: "usr_ann" })]);
    expect(access.explain(reader, "docs.edit", atPartner, now)).toMatchObject({ allowed: false, reason: { code: "no_grant" } });

    const capped = organizationTarget({ ...partner, entitlements: ["docs.view"] });
    const writer = subject([assignment("writer", orgScope(partner.id), { user: "usr_ann" })]);
    expect(access.explain(writer, "docs.edit", capped, now)).toMatchObject({
      allowed: false,
      reason: { code: "entitlement_missing", organizationId: partner.id },
    });

    const publisher = subject([assignment("publisher", orgScope(partner.id), { user: "usr_ann" })]);
    const denied = access.explain(publisher, "docs.publish", atPartner, now);
    expect(denied).toMatchObject({ allowed: false, reason: { code: "requirement_missing", requirement: "docs.edit", because: { code: "no_grant" } } });
    expect(denied.message).toBe('Denied: it requires "docs.edit", which is not held: no role held here carries it.');

    const blocked = subject([assignment("admin", orgScope(partner.id), { user: "usr_ann" })], {
      account: { status: "blocked", until: new Date("2026-04-01T00:00:00Z"), reason: null },
    });
    expect(access.explain(blocked, "docs.view", atPartner, now)).toMatchObject({
      allowed: false,
      reason: { code: "blocked", until: new Date("2026-04-01T00:00:00Z") },
      message: "Denied: the account is blocked until 2026-04-01T00:00:00.000Z.",
    });

    const expired = subject([assignment("admin", orgScope(partner.id), { user: "usr_ann" })], {
      thirdParty: true,
      accessExpiresAt: new Date("2026-03-01T00:00:00Z"),
    });
    expect(access.explain(expired, "docs.view", atPartner, now)).toMatchObject({
      allowed: false,
      reason: { code: "access_expired", on: new Date("2026-03-01T00:00:00Z") },
    });
  });

  it("agrees with can for every permission and scope of the example", () => {
    const ann = subject([
      assignment("publisher", orgScope(partner.id), { user: "usr_ann" }),
      assignment("reader", zone("z1"), { user: "usr_ann" }),
      assignment("customer_manager", orgScope(partner.id), { user: "usr_ann" }),
    ]);
    for (const target of [atPartner, atCustomer, inZone, PLATFORM_TARGET]) {
      for (const permission of catalog.permissionNames) {
        expect(access.explain(ann, permission, target, now).allowed).toBe(access.can(ann, permission, target, now));
      }
    }
  });
});
