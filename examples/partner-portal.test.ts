// The partner/customer data portal (manual 001), walked through rule by rule with the catalog and
// settings of examples/catalogs/partner-portal.ts.
import { describe, expect, it } from "vitest";
import {
  catalogToMermaid,
  checkGrant,
  checkGrantPlacement,
  decideFirstMember,
  checkLastAdmin,
  checkRevoke,
  createAccessResolver,
  mayManageUsers,
  organizationScope,
  organizationTarget,
  PLATFORM_SCOPE,
  type Organization,
  type RoleAssignment,
  type User,
} from "tenure";
import { catalog, companyLevelPermissions, settings, type PartnerPortalRole } from "./catalogs/partner-portal.js";
import { assignment, NOW, organization, subjectOf, user } from "./support/fixtures.js";

const access = createAccessResolver(catalog);

const partner = organization("co-partner", { kind: "partner", entitlements: companyLevelPermissions({ legacyEnvironments: true }) });
/** A customer of the partner still on version 20: ODX environments are available. */
const nordic = organization("co-nordic", { partnerId: partner.id, entitlements: companyLevelPermissions({ legacyEnvironments: true }) });
/** A customer of the partner on a later version: no environment administration at company level. */
const fjord = organization("co-fjord", { partnerId: partner.id, entitlements: companyLevelPermissions({ legacyEnvironments: false }) });
/** A customer of another partner. */
const elsewhere = organization("co-elsewhere", { partnerId: "co-other-partner", entitlements: companyLevelPermissions({ legacyEnvironments: true }) });

const COMPANY_ADMIN = [
  "company.info.edit",
  "company.users.manage",
  "company.users.assign_permissions",
  "company.users.send_invitation",
  "company.users.reset_password",
  "company.contact_person.change",
];

/** A member of `company` and the assignments giving them `roles` there. */
function member(id: string, company: Organization, ...roles: PartnerPortalRole[]): { user: User; assignments: RoleAssignment[] } {
  const person = user(id, company.id);
  return { user: person, assignments: roles.map((role) => assignment({ user: person.id }, role, organizationScope(company.id), company.id)) };
}

const subject = (m: { user: User; assignments: RoleAssignment[] }) => subjectOf(m.user, m.assignments);
const held = (m: { user: User; assignments: RoleAssignment[] }, company: Organization): string[] =>
  access.effective(subject(m), organizationTarget(company), NOW).list();

/** The active admins a company would have with these members and assignments. */
function adminsOf(company: Organization, members: readonly User[], assignments: readonly RoleAssignment[]): number {
  return members.filter(
    (person) =>
      person.organizationId === company.id &&
      access.can(subjectOf(person, assignments), catalog.spec.administration.manageUsers, organizationTarget(company), NOW),
  ).length;
}

describe("Partner portal, company admin and contact person (manual 001)", () => {
  it("a company admin is all-powerful in his own company: company info, users, permissions, invitations, password resets, contact person", () => {
    const anna = member("anna", partner, "company_admin");
    expect(held(anna, partner)).toEqual(COMPANY_ADMIN);
    expect(mayManageUsers(catalog, access.effective(subject(anna), organizationTarget(partner), NOW)).isOk()).toBe(true);
    expect(held(anna, nordic)).toEqual([]);
  });

  it("the contact person role does not come with any extra privileges: it is Organization.contactPersonId, not a role", () => {
    const anna = member("anna", partner, "company_admin");
    const carl = member("carl", partner);
    const company: Organization = { ...partner, contactPersonId: carl.user.id };
    expect(company.contactPersonId).toBe(carl.user.id);
    expect(held(carl, company)).toEqual([]);
    expect(catalog.roleNames).not.toContain("contact_person");
    // Changing the contact person is a company admin's action.
    expect(access.can(subject(anna), "company.contact_person.change", organizationTarget(company), NOW)).toBe(true);
    expect(access.can(subject(carl), "company.contact_person.change", organizationTarget(company), NOW)).toBe(false);
  });

  it("company admin cannot remove his own admin role; another admin can", () => {
    const anna = member("anna", partner, "company_admin");
    const bob = member("bob", partner, "company_admin");
    const annasAdmin = anna.assignments[0] as RoleAssignment;
    const target = organizationTarget(partner);
    const byAnna = checkRevoke({
      catalog,
      actorHere: access.effective(subject(anna), target, NOW),
      role: "company_admin",
      target,
      assignment: annasAdmin,
      actorId: anna.user.id,
    });
    expect(byAnna._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "own_admin_role" });
    const byBob = checkRevoke({
      catalog,
      actorHere: access.effective(subject(bob), target, NOW),
      role: "company_admin",
      target,
      assignment: annasAdmin,
      actorId: bob.user.id,
    });
    expect(byBob.isOk()).toBe(true);
  });

  it("an organization never loses its last admin", () => {
    const anna = member("anna", partner, "company_admin");
    const bob = member("bob", partner, "company_admin");
    const members = [anna.user, bob.user];
    const all = [...anna.assignments, ...bob.assignments];
    expect(adminsOf(partner, members, all)).toBe(2);

    const withoutAnna = all.filter((held_) => held_ !== anna.assignments[0]);
    expect(checkLastAdmin({ before: 2, after: adminsOf(partner, members, withoutAnna) }, partner.id).isOk()).toBe(true);

    const withoutBoth = withoutAnna.filter((held_) => held_ !== bob.assignments[0]);
    expect(checkLastAdmin({ before: 1, after: adminsOf(partner, members, withoutBoth) }, partner.id)._unsafeUnwrapErr()).toMatchObject({
      code: "forbidden",
      rule: "last_admin",
      id: partner.id,
    });

    // Blocking the last admin counts too: a blocked admin is no admin.
    const blockedBob = { ...bob.user, account: { status: "blocked" as const, until: null, reason: null } };
    expect(checkLastAdmin({ before: 1, after: adminsOf(partner, [anna.user, blockedBob], withoutAnna) }, partner.id).isErr()).toBe(true);

    // An organization that had no admin is never refused a change for it: there was none to lose.
    expect(checkLastAdmin({ before: 0, after: adminsOf(partner, [anna.user, blockedBob], withoutBoth) }, partner.id).isOk()).toBe(true);
  });
});

describe("Partner portal, customer manager (manual 001)", () => {
  const cm = member("cem", partner, "customer_manager");

  it("a customer manager can add a user to a customer company but not to his own", () => {
    const atCustomer = access.effective(subject(cm), organizationTarget(nordic), NOW);
    const atOwn = access.effective(subject(cm), organizationTarget(partner), NOW);
    expect(mayManageUsers(catalog, atCustomer).isOk()).toBe(true);
    expect(mayManageUsers(catalog, atOwn)._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "manage_users" });
  });

  it("acts as an admin in all customers' companies, and makes no change in his own", () => {
    expect(held(cm, nordic)).toEqual(COMPANY_ADMIN);
    expect(held(cm, fjord)).toEqual(COMPANY_ADMIN);
    expect(held(cm, partner)).toEqual([]);
    expect(access.explain(subject(cm), "company.users.manage", organizationTarget(partner), NOW)).toMatchObject({
      allowed: false,
      reason: { code: "no_grant" },
    });
    expect(access.explain(subject(cm), "company.users.send_invitation", organizationTarget(nordic), NOW)).toMatchObject({
      allowed: true,
      derivations: [{ roleChain: ["customer_manager", "company_admin"], grantedIn: organizationScope(partner.id), delegated: true }],
    });
  });

  it("has nothing in the customers of another partner", () => {
    expect(held(cm, elsewhere)).toEqual([]);
    expect(mayManageUsers(catalog, access.effective(subject(cm), organizationTarget(elsewhere), NOW)).isErr()).toBe(true);
  });

  it("is only for partners: in a company without customers it gives nothing, there or anywhere", () => {
    const lone = member("lou", fjord, "customer_manager");
    for (const company of [fjord, nordic, partner, elsewhere]) expect(held(lone, company)).toEqual([]);
  });

  it("\"this permission is only available for partners\": granting it in a customer company is refused, naming the rule", () => {
    const at = (company: Organization) => ({ role: "customer_manager", scope: organizationScope(company.id), target: organizationTarget(company) });
    expect(checkGrantPlacement(catalog, { organization: partner, granted: [at(partner)], held: [], holder: "the user" }).isOk()).toBe(true);
    const refused = checkGrantPlacement(catalog, { organization: fjord, granted: [at(fjord)], held: [], holder: "the user" });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "role_organization_kind", id: "customer_manager" });
    expect(refused._unsafeUnwrapErr().message).toContain('"partner"');
  });

  it("a partner's company admin may make a user customer manager", () => {
    const anna = member("anna", partner, "company_admin");
    const target = organizationTarget(partner);
    const granted = checkGrant({ catalog, actorHere: access.effective(subject(anna), target, NOW), role: "customer_manager", target });
    expect(granted.isOk()).toBe(true);
  });
});

describe("Partner portal, the first user of a company (manual 001)", () => {
  it("\"the first user added to a company will be the contact person and have administrative rights\": the first member gets company admin", () => {
    expect(decideFirstMember(catalog, { organization: fjord, membersBefore: 0 })).toEqual({ first: true, roles: ["company_admin"] });
    expect(decideFirstMember(catalog, { organization: fjord, membersBefore: 1 })).toEqual({ first: false, roles: [] });
  });
});

describe("Partner portal, company-level and user-level permissions (manual 001)", () => {
  it("\"a user-level permission may require another\": environment admin is refused to a user who does not manage instances", () => {
    const target = organizationTarget(nordic);
    const environmentAdmin = { role: "environment_admin", scope: organizationScope(nordic.id), target };
    const refused = checkGrantPlacement(catalog, { organization: nordic, granted: [environmentAdmin], held: [], holder: "the user" });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ rule: "requirement_missing", id: "instances.manage" });
    const estate = { role: "data_estate_admin", scope: organizationScope(nordic.id) };
    expect(checkGrantPlacement(catalog, { organization: nordic, granted: [environmentAdmin], held: [estate], holder: "the user" }).isOk()).toBe(true);
  });

  it("a user-level permission is capped by company-level permissions, and explain names the missing entitlement", () => {
    // Granted while Fjord was on version 20; the company has since lost the environment permission.
    const dana = member("dana", fjord, "data_estate_admin", "environment_admin");
    expect(held(dana, fjord)).toEqual(["instances.manage", "data_sources.manage", "instances.grant_access"]);
    const explanation = access.explain(subject(dana), "environments.administer", organizationTarget(fjord), NOW);
    expect(explanation).toMatchObject({ allowed: false, reason: { code: "entitlement_missing", organizationId: fjord.id } });
    expect(explanation.permission).toBe("environments.administer");
    expect(explanation.message).toContain(fjord.id);

    // Where the missing company-level permission is a requirement, the explanation names it.
    const noInstances = organization("co-lean", {
      partnerId: partner.id,
      entitlements: companyLevelPermissions({ legacyEnvironments: true }).filter((permission) => permission !== "instances.manage"),
    });
    const lena = member("lena", noInstances, "data_estate_admin", "environment_admin");
    expect(held(lena, noInstances)).toEqual(["data_sources.manage", "instances.grant_access"]);
    expect(access.explain(subject(lena), "environments.administer", organizationTarget(noInstances), NOW)).toMatchObject({
      allowed: false,
      reason: { code: "requirement_missing", requirement: "instances.manage", because: { code: "entitlement_missing", organizationId: noInstances.id } },
    });

    const dag = member("dag", nordic, "data_estate_admin", "environment_admin");
    expect(held(dag, nordic)).toEqual(["instances.manage", "data_sources.manage", "instances.grant_access", "environments.administer"]);
  });

  it("granting a role beyond the entitlements is refused naming the entitlement", () => {
    const operator = member("ops", partner);
    const operatorSubject = subjectOf(operator.user, [assignment({ user: operator.user.id }, "portal_operator", PLATFORM_SCOPE, partner.id)]);
    const target = organizationTarget(fjord);
    const refused = checkGrant({ catalog, actorHere: access.effective(operatorSubject, target, NOW), role: "environment_admin", target });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "entitlement_missing", id: "environments.administer" });
    expect(refused._unsafeUnwrapErr().message).toContain('"environments.administer"');
    const nordicTarget = organizationTarget(nordic);
    expect(
      checkGrant({ catalog, actorHere: access.effective(operatorSubject, nordicTarget, NOW), role: "environment_admin", target: nordicTarget }).isOk(),
    ).toBe(true);
  });

  it("a permission that requires another is not effective without it, and explain says which", () => {
    const erik = member("erik", nordic, "environment_admin");
    expect(held(erik, nordic)).toEqual([]);
    expect(access.explain(subject(erik), "environments.administer", organizationTarget(nordic), NOW)).toMatchObject({
      allowed: false,
      reason: { code: "requirement_missing", requirement: "instances.manage", because: { code: "no_grant" } },
    });
    expect(catalog.requirementsOf("environments.administer")).toEqual(["instances.manage"]);
  });

  it("nobody grants a role carrying permissions they do not hold", () => {
    const anna = member("anna", nordic, "company_admin");
    const target = organizationTarget(nordic);
    const refused = checkGrant({ catalog, actorHere: access.effective(subject(anna), target, NOW), role: "data_estate_admin", target });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ rule: "no_escalation", id: "data_estate_admin" });
    expect(refused._unsafeUnwrapErr().message).toContain('"instances.manage"');
    expect(checkGrant({ catalog, actorHere: access.effective(subject(anna), target, NOW), role: "company_admin", target }).isOk()).toBe(true);
  });

  it("settings: admins add users, one e-mail address is one account", () => {
    expect(settings).toMatchObject({ forceVerify: false, emailUniqueness: "enforce" });
  });
});

describe("Partner portal catalog drawing", () => {
  it("catalogToMermaid draws every role, the delegation and the requirement", () => {
    const drawing = catalogToMermaid(catalog);
    for (const role of catalog.roleNames) expect(drawing).toContain(`${role}<br/>`);
    expect(drawing).toContain("for customers");
    expect(drawing).toContain("-.->|requires|");
  });
});
