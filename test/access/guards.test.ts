import { describe, expect, it } from "vitest";
import {
  checkGrant,
  checkLastAdmin,
  checkRevoke,
  createAccessResolver,
  DEFAULT_SETTINGS,
  mayEditUserData,
  mayManageUsers,
  mayRunDirectoryUpdate,
  maySuperAdminister,
  organizationTarget,
  scopeTarget,
} from "tenure";
import { checkStanding } from "../../src/access/guards/standing.js";
import { assignment, catalog, customer, now, orgScope, partner, subject, zone } from "./_world.js";

const access = createAccessResolver(catalog);
const atPartner = organizationTarget(partner);
const admin = subject([assignment("admin", orgScope(partner.id), { user: "usr_ann" })]);
const writer = subject([assignment("writer", orgScope(partner.id), { user: "usr_ann" })]);
const root = subject([assignment("system_admin", { kind: "platform", id: "platform" }, { user: "usr_ann" })]);
const here = (who: typeof admin, target = atPartner) => access.effective(who, target, now);

describe("who may administer whom", () => {
  it("managing users needs the organization's admin permission", () => {
    expect(mayManageUsers(catalog, here(admin)).isOk()).toBe(true);
    expect(mayManageUsers(catalog, here(writer))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "manage_users" });
  });

  it("a customer manager manages customers' users and not his own company's", () => {
    const manager = subject([assignment("customer_manager", orgScope(partner.id), { user: "usr_ann" })]);
    expect(mayManageUsers(catalog, here(manager, organizationTarget(customer))).isOk()).toBe(true);
    expect(mayManageUsers(catalog, here(manager)).isErr()).toBe(true);
  });

  it("super-admin actions need the super admin permission; a superuser has it", () => {
    expect(maySuperAdminister(catalog, here(admin)).isErr()).toBe(true);
    expect(maySuperAdminister(catalog, here(root)).isOk()).toBe(true);
  });

  it("editing user data and directory updates: any admin, or only super admins when so configured", () => {
    const anyAdmin = { ...DEFAULT_SETTINGS, userDataEditors: "any_admin" as const, directoryUpdaters: "any_admin" as const };
    const superOnly = { ...DEFAULT_SETTINGS, userDataEditors: "super_admins" as const, directoryUpdaters: "super_admins" as const };
    expect(mayEditUserData(catalog, anyAdmin, here(admin)).isOk()).toBe(true);
    expect(mayEditUserData(catalog, superOnly, here(admin))._unsafeUnwrapErr().rule).toBe("edit_user_data");
    expect(mayEditUserData(catalog, superOnly, here(root)).isOk()).toBe(true);
    expect(mayRunDirectoryUpdate(catalog, anyAdmin, here(admin)).isOk()).toBe(true);
    expect(mayRunDirectoryUpdate(catalog, superOnly, here(admin))._unsafeUnwrapErr().rule).toBe("directory_update");
    expect(mayRunDirectoryUpdate(catalog, anyAdmin, here(writer)).isErr()).toBe(true);
  });

  it("the gate's directory_updater need follows AdminsCanUpdateFromLDAP: any admin, or only super admins when it is NO", () => {
    const anyAdmin = { ...DEFAULT_SETTINGS, directoryUpdaters: "any_admin" as const };
    const superOnly = { ...DEFAULT_SETTINGS, directoryUpdaters: "super_admins" as const };
    expect(checkStanding(catalog, anyAdmin, { level: "administrator" }, "directory_updater").isOk()).toBe(true);
    expect(checkStanding(catalog, superOnly, { level: "administrator" }, "directory_updater")._unsafeUnwrapErr().rule).toBe("directory_update");
    expect(checkStanding(catalog, superOnly, { level: "super_admin" }, "directory_updater").isOk()).toBe(true);
    expect(checkStanding(catalog, anyAdmin, { level: "member", audience: "internal" }, "directory_updater")._unsafeUnwrapErr().rule).toBe("manage_users");
  });
});

describe("granting and revoking roles", () => {
  it("nobody grants a role carrying permissions they do not hold", () => {
    const grantsAdmin = checkGrant({ catalog, actorHere: here(writer), role: "admin", target: atPartner });
    expect(grantsAdmin._unsafeUnwrapErr()).toMatchObject({ rule: "no_escalation" });
    expect(grantsAdmin._unsafeUnwrapErr().message).toContain('"users.manage"');
    expect(checkGrant({ catalog, actorHere: here(admin), role: "writer", target: atPartner }).isOk()).toBe(true);
  });

  it("a role is granted only in the scope kinds the catalog allows", () => {
    expect(checkGrant({ catalog, actorHere: here(admin), role: "zone_member", target: atPartner })._unsafeUnwrapErr().rule).toBe("role_scope");
    const inZone = scopeTarget(zone("z1"), partner);
    expect(checkGrant({ catalog, actorHere: here(root, inZone), role: "zone_member", target: inZone }).isOk()).toBe(true);
  });

  it("granting beyond the organization's entitlements is refused, naming the missing entitlement", () => {
    const capped = organizationTarget({ ...partner, entitlements: ["docs.view", "docs.edit"] });
    const refused = checkGrant({ catalog, actorHere: here(root), role: "admin", target: capped })._unsafeUnwrapErr();
    expect(refused).toMatchObject({ rule: "entitlement_missing", id: "users.manage" });
    expect(refused.message).toContain('"users.manage", "docs.publish"');
  });

  it("an admin cannot revoke his own admin role, but may revoke another's", () => {
    const own = assignment("admin", orgScope(partner.id), { user: "usr_ann" });
    expect(checkRevoke({ catalog, actorHere: here(admin), role: "admin", target: atPartner, assignment: own, actorId: "usr_ann" })._unsafeUnwrapErr().rule).toBe(
      "own_admin_role",
    );
    const other = assignment("admin", orgScope(partner.id), { user: "usr_bob" });
    expect(checkRevoke({ catalog, actorHere: here(admin), role: "admin", target: atPartner, assignment: other, actorId: "usr_ann" }).isOk()).toBe(true);
    expect(checkRevoke({ catalog, actorHere: here(writer), role: "admin", target: atPartner, assignment: other, actorId: "usr_ann" })._unsafeUnwrapErr().rule).toBe(
      "no_escalation",
    );
  });

  it("an organization never loses its last admin, and is never refused a change for having had none", () => {
    expect(checkLastAdmin({ before: 2, after: 1 }, partner.id).isOk()).toBe(true);
    expect(checkLastAdmin({ before: 1, after: 0 }, partner.id)._unsafeUnwrapErr()).toMatchObject({ rule: "last_admin", id: partner.id });
    expect(checkLastAdmin({ before: 0, after: 0 }, partner.id).isOk()).toBe(true);
    expect(checkLastAdmin({ before: 0, after: 1 }, partner.id).isOk()).toBe(true);
  });
});
