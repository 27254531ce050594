// The proposal workspace with zones (manual 004), walked through rule by rule with the catalog and
// settings of examples/catalogs/proposal-workspace.ts.
import { describe, expect, it } from "vitest";
import {
  catalogToMermaid,
  checkGrant,
  createAccessResolver,
  mayEditUserData,
  mayManageUsers,
  mayRunDirectoryUpdate,
  maySuperAdminister,
  organizationScope,
  organizationTarget,
  scopeTarget,
  type AccessSubject,
  type RoleAssignment,
  type ScopeRef,
  type User,
} from "tenure";
import { catalog, proposalWorkspaceSettings, settings, type ProposalWorkspaceRole } from "./catalogs/proposal-workspace.js";
import { assignment, daysFromNow, group, NOW, organization, subjectOf, user } from "./support/fixtures.js";

const access = createAccessResolver(catalog);
const workspace = organization("ws-vpc", { kind: "workspace" });
const north: ScopeRef = { kind: "zone", id: "zone-north" };
const south: ScopeRef = { kind: "zone", id: "zone-south" };
const atWorkspace = organizationTarget(workspace);
const atNorth = scopeTarget(north, workspace);
const atSouth = scopeTarget(south, workspace);

/** A workspace user holding roles, each in the workspace unless a zone is given. */
function holding(person: User, ...roles: (ProposalWorkspaceRole | [ProposalWorkspaceRole, ScopeRef])[]): RoleAssignment[] {
  return roles.map((entry) => {
    const [role, scope] = typeof entry === "string" ? [entry, organizationScope(workspace.id)] : entry;
    return assignment({ user: person.id }, role, scope, workspace.id);
  });
}

const sysAdmin = user("sys", workspace.id);
const superAdmin = user("zsa", workspace.id);
const admin = user("adam", workspace.id);
const member = user("pia", workspace.id);
const assignments = [
  ...holding(sysAdmin, "system_admin"),
  ...holding(superAdmin, "zone_super_admin"),
  ...holding(admin, "admin"),
  ...holding(member, ["zone_access", north]),
];
const subject = (person: User): AccessSubject => subjectOf(person, assignments);
const here = (person: User) => access.effective(subject(person), atWorkspace, NOW);

const ADMIN = ["users.manage", "zones.grant_access", "welcome.send", "users.import", "third_party.manage"];
const SYSTEM_ADMIN_ONLY = ["settings.configure", "welcome_messages.edit", "users.remove_from_all_zones", "third_party.expiry_notices"] as const;

describe("Proposal workspace, roles and zones (manual 004)", () => {
  it("an admin adds and edits users, grants zone access, sends welcome messages, imports and manages third parties, and has access to the zones", () => {
    expect(here(admin).list()).toEqual([...ADMIN, "zone.access"]);
    expect(access.effective(subject(admin), atNorth, NOW).has("zone.access")).toBe(true);
  });

  it("the Zone Super Admin has all an admin has, and is a super admin", () => {
    expect(here(superAdmin).list()).toEqual(["administration.super", ...ADMIN, "zone.access"]);
  });

  it("the System Admin has all a Zone Super Admin has, and alone configures, edits the welcome messages, removes from all zones and hears of expiries", () => {
    expect(here(sysAdmin).list()).toEqual([...SYSTEM_ADMIN_ONLY, "administration.super", ...ADMIN, "zone.access"]);
    for (const permission of SYSTEM_ADMIN_ONLY) {
      expect(access.can(subject(superAdmin), permission, atWorkspace, NOW)).toBe(false);
      expect(access.can(subject(admin), permission, atWorkspace, NOW)).toBe(false);
    }
  });

  it("zone access is granted per zone: it does not reach another zone, nor the workspace", () => {
    expect(access.effective(subject(member), atNorth, NOW).list()).toEqual(["zone.access"]);
    expect(access.effective(subject(member), atSouth, NOW).list()).toEqual([]);
    expect(here(member).list()).toEqual([]);
    expect(mayManageUsers(catalog, here(member)).isErr()).toBe(true);
  });

  it("zone access is granted in a zone, and the admin roles in the workspace", () => {
    const sysHere = (target: typeof atNorth) => access.effective(subject(sysAdmin), target, NOW);
    expect(checkGrant({ catalog, actorHere: sysHere(atNorth), role: "zone_access", target: atNorth }).isOk()).toBe(true);
    expect(checkGrant({ catalog, actorHere: sysHere(atWorkspace), role: "zone_access", target: atWorkspace })._unsafeUnwrapErr()).toMatchObject({
      rule: "role_scope",
    });
    expect(checkGrant({ catalog, actorHere: sysHere(atNorth), role: "admin", target: atNorth })._unsafeUnwrapErr()).toMatchObject({
      rule: "role_scope",
    });
  });

  it("nobody grants a role carrying permissions they do not hold", () => {
    const toSuper = checkGrant({ catalog, actorHere: here(admin), role: "zone_super_admin", target: atWorkspace });
    expect(toSuper._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "no_escalation", id: "zone_super_admin" });
    expect(toSuper._unsafeUnwrapErr().message).toContain('"administration.super"');
    expect(checkGrant({ catalog, actorHere: here(superAdmin), role: "system_admin", target: atWorkspace })._unsafeUnwrapErr()).toMatchObject({
      rule: "no_escalation",
    });
    expect(checkGrant({ catalog, actorHere: here(superAdmin), role: "admin", target: atWorkspace }).isOk()).toBe(true);
    const adminInNorth = access.effective(subject(admin), atNorth, NOW);
    expect(checkGrant({ catalog, actorHere: adminInNorth, role: "zone_access", target: atNorth }).isOk()).toBe(true);
  });

  it("only the System Admin removes a user from all zones; the user's other rights stay", () => {
    const rita = user("rita", workspace.id);
    const ritas = holding(rita, ["zone_access", north], ["zone_access", south], "admin");
    expect(maySuperAdminister(catalog, here(superAdmin)).isOk()).toBe(true);
    expect(access.can(subject(superAdmin), "users.remove_from_all_zones", atWorkspace, NOW)).toBe(false);
    expect(access.can(subject(sysAdmin), "users.remove_from_all_zones", atWorkspace, NOW)).toBe(true);

    const zoneMember = holding(rita, ["zone_access", north], ["zone_access", south]);
    const afterRemoval = zoneMember.filter((held) => held.role !== "zone_access");
    expect(access.effective(subjectOf(rita, zoneMember), atSouth, NOW).list()).toEqual(["zone.access"]);
    for (const zone of [atNorth, atSouth]) expect(access.effective(subjectOf(rita, afterRemoval), zone, NOW).list()).toEqual([]);
    const keptAdmin = ritas.filter((held) => held.role !== "zone_access");
    expect(access.effective(subjectOf(rita, keptAdmin), atWorkspace, NOW).list()).toEqual([...ADMIN, "zone.access"]);
  });
});

describe("Proposal workspace, configurable admin circles (manual 004)", () => {
  const strictEditors = proposalWorkspaceSettings({ userDataEditors: "super_admins" });
  const noLdapForAdmins = proposalWorkspaceSettings({ adminsCanUpdateFromLdap: false });

  it("unless configured otherwise, any admin can add and edit user data and run the LDAP update", () => {
    expect(settings).toMatchObject({ userDataEditors: "any_admin", directoryUpdaters: "any_admin" });
    for (const person of [admin, superAdmin, sysAdmin]) {
      expect(mayEditUserData(catalog, settings, here(person)).isOk()).toBe(true);
      expect(mayRunDirectoryUpdate(catalog, settings, here(person)).isOk()).toBe(true);
    }
    expect(mayEditUserData(catalog, settings, here(member))._unsafeUnwrapErr()).toMatchObject({ rule: "edit_user_data" });
  });

  it("with userDataEditors = super_admins only zone super admin and system admin may edit user data", () => {
    expect(strictEditors.userDataEditors).toBe("super_admins");
    expect(mayEditUserData(catalog, strictEditors, here(admin))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "edit_user_data" });
    expect(mayEditUserData(catalog, strictEditors, here(superAdmin)).isOk()).toBe(true);
    expect(mayEditUserData(catalog, strictEditors, here(sysAdmin)).isOk()).toBe(true);
    // The LDAP update is a separate entry.
    expect(mayRunDirectoryUpdate(catalog, strictEditors, here(admin)).isOk()).toBe(true);
  });

  it("with AdminsCanUpdateFromLDAP = NO only super admins may run a directory update", () => {
    expect(noLdapForAdmins.directoryUpdaters).toBe("super_admins");
    const refused = mayRunDirectoryUpdate(catalog, noLdapForAdmins, here(admin))._unsafeUnwrapErr();
    expect(refused).toMatchObject({ code: "forbidden", rule: "directory_update" });
    expect(refused.message).toContain('"administration.super"');
    expect(mayRunDirectoryUpdate(catalog, noLdapForAdmins, here(superAdmin)).isOk()).toBe(true);
    expect(mayRunDirectoryUpdate(catalog, noLdapForAdmins, here(sysAdmin)).isOk()).toBe(true);
    expect(mayEditUserData(catalog, noLdapForAdmins, here(admin)).isOk()).toBe(true);
  });
});

describe("Proposal workspace, third-party and de-activated users (manual 004)", () => {
  it("third-party access is on, for at most 90 days unless configured", () => {
    expect(settings.thirdParty).toMatchObject({ enabled: true, maxAccessDays: 90 });
    expect(proposalWorkspaceSettings({ thirdPartyMaxDays: 30 }).thirdParty.maxAccessDays).toBe(30);
  });

  it("a third-party user holds zone access until the expiry date, and nothing from then on", () => {
    const expires = daysFromNow(settings.thirdParty.maxAccessDays);
    const guest = user("tom", workspace.id, { thirdParty: true, accessExpiresAt: expires });
    const toms = subjectOf(guest, holding(guest, ["zone_access", north]));
    const now = access.effective(toms, atNorth, NOW);
    expect(now.list()).toEqual(["zone.access"]);
    expect(now.validUntil).toEqual(expires);
    expect(access.effective(toms, atNorth, expires).list()).toEqual([]);
    expect(access.explain(toms, "zone.access", atNorth, expires)).toMatchObject({
      allowed: false,
      reason: { code: "access_expired", on: expires },
    });
  });

  it("a third-party user without an expiry date is de-activated", () => {
    const imported = user("ulf", workspace.id, { thirdParty: true, accessExpiresAt: null });
    const subject_ = subjectOf(imported, holding(imported, ["zone_access", north]));
    expect(access.effective(subject_, atNorth, NOW).list()).toEqual([]);
    const explanation = access.explain(subject_, "zone.access", atNorth, NOW);
    expect(explanation).toMatchObject({ allowed: false, reason: { code: "access_expired", on: null } });
    expect(explanation.message).toContain("no end date");
  });

  it("a de-activated user keeps assignments but holds nothing; group actions apply again on re-activation", () => {
    const vera = user("vera", workspace.id);
    const bidTeam = group("grp-bid", workspace.id, "Bid team", [vera.id]);
    const own = holding(vera, ["zone_access", north]);
    // Granted to the group while Vera is de-activated.
    const groupZone = assignment({ group: bidTeam.id }, "zone_access", south, workspace.id);
    const deactivated = { ...vera, account: { status: "deactivated" as const, reason: "admin" as const } };
    const whileDeactivated = subjectOf(deactivated, [...own, groupZone], [bidTeam]);
    expect(whileDeactivated.grants).toHaveLength(2);
    for (const zone of [atNorth, atSouth]) expect(access.effective(whileDeactivated, zone, NOW).list()).toEqual([]);
    expect(access.explain(whileDeactivated, "zone.access", atNorth, NOW)).toMatchObject({
      reason: { code: "not_active", status: "deactivated" },
    });

    const reactivated = subjectOf(vera, [...own, groupZone], [bidTeam]);
    expect(access.effective(reactivated, atNorth, NOW).list()).toEqual(["zone.access"]);
    expect(access.explain(reactivated, "zone.access", atSouth, NOW)).toMatchObject({
      allowed: true,
      derivations: [{ via: { type: "group", groupName: "Bid team" }, grantedIn: south }],
    });
  });
});

describe("Proposal workspace catalog drawing", () => {
  it("catalogToMermaid draws every role", () => {
    const drawing = catalogToMermaid(catalog);
    for (const role of catalog.roleNames) expect(drawing).toContain(`${role}<br/>`);
    expect(drawing).toContain("role_system_admin -->|includes| role_zone_super_admin");
  });
});
