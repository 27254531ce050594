// The additive-manufacturing marketplace (manuals 000 and 002), walked through rule by rule with the
// catalog and settings of examples/catalogs/marketplace.ts.
import { describe, expect, it } from "vitest";
import {
  catalogToMermaid,
  checkGrant,
  createAccessResolver,
  invitedRoleSchema,
  mayManageUsers,
  organizationScope,
  organizationTarget,
  PLATFORM_SCOPE,
  PLATFORM_TARGET,
  scopeTarget,
  type AccessSubject,
  type AccessTarget,
  type ScopeRef,
} from "tenure";
import { catalog, marketplaceCatalog, settings, type MarketplaceRole } from "./catalogs/marketplace.js";
import { assignment, NOW, organization, subjectOf, user } from "./support/fixtures.js";

const access = createAccessResolver(catalog);

const site = organization("site-berlin", { kind: "site" });
const otherSite = organization("site-munich", { kind: "site" });
const printhaus: ScopeRef = { kind: "service", id: "svc-printhaus" };
const layerworks: ScopeRef = { kind: "service", id: "svc-layerworks" };
const atSite = organizationTarget(site);
const atPrinthaus = scopeTarget(printhaus, site);
const atLayerworks = scopeTarget(layerworks, site);

/** A user of the Berlin site holding the given roles, each in its scope (the site unless told). */
function holding(name: string, ...roles: (MarketplaceRole | [MarketplaceRole, ScopeRef])[]): AccessSubject {
  const person = user(name, site.id);
  const assignments = roles.map((entry) => {
    const [role, scope] = typeof entry === "string" ? [entry, organizationScope(site.id)] : entry;
    return assignment({ user: person.id }, role, scope, site.id);
  });
  return subjectOf(person, assignments);
}

const effective = (subject: AccessSubject, target: AccessTarget): string[] => access.effective(subject, target, NOW).list();

const USER_PANEL_VIEWER = ["catalog.browse", "help.open", "quick_links.see", "profile.modify"];
const USER_PANEL_BUYER = [
  ...USER_PANEL_VIEWER,
  "basket.create",
  "requests.create",
  "quotes.create",
  "orders.order_from_basket",
  "orders.order_from_catalog",
];
const ERP_VIEWER = [
  "erp.dashboard.see",
  "erp.requests.access",
  "erp.quotes.access",
  "erp.orders.access",
  "erp.requests.comment",
  "erp.quotes.comment",
  "erp.orders.comment",
  "erp.requests.turn_into_quote",
  "erp.orders.change_status",
];
const ERP_MANAGER = [...ERP_VIEWER, "erp.orders.create", "erp.orders.edit", "users.see_all_registered"];
const MES_OPERATOR = [
  "mes.jobs.access",
  "mes.parts.access",
  "mes.schedule.access",
  "mes.jobs.create_and_schedule",
  "mes.parts.move_through_workflow",
  "mes.parts.comment",
  "mes.parts.assign_workflow",
  "mes.parts.assign_target_date",
];

describe("Marketplace, platform roles (manual 002)", () => {
  it("User Panel Viewer browses the Catalog, opens the help page, sees quick links and modifies the profile, and nothing more", () => {
    expect(effective(holding("vera", "user_panel_viewer"), atSite)).toEqual(USER_PANEL_VIEWER);
  });

  it("User Panel Buyer has all from User Panel Viewer, and creates baskets, requests and quotes and orders from the basket and the Catalog", () => {
    expect(effective(holding("bruno", "user_panel_buyer"), atSite)).toEqual(USER_PANEL_BUYER);
    expect(access.explain(holding("bruno", "user_panel_buyer"), "help.open", atSite, NOW)).toMatchObject({
      allowed: true,
      derivations: [{ roleChain: ["user_panel_buyer", "user_panel_viewer"] }],
    });
  });

  it("User Panel Viewer cannot order: no role held here carries it", () => {
    const explanation = access.explain(holding("vera", "user_panel_viewer"), "orders.order_from_catalog", atSite, NOW);
    expect(explanation).toMatchObject({ allowed: false, reason: { code: "no_grant" } });
  });

  it("AMPI Expert handles submissions, reads the part portfolio reports and assigns parts; AMPI User creates and submits parts and browses the Catalog", () => {
    expect(effective(holding("ada", "ampi_expert"), atSite)).toEqual(["ampi.submissions.handle", "ampi.reports.access", "ampi.parts.assign"]);
    expect(effective(holding("udo", "ampi_user"), atSite)).toEqual(["catalog.browse", "ampi.parts.create_and_submit"]);
  });

  it("User Panel Buyer is the default; AMPI User is a default only if the host sets it", () => {
    expect(catalog.defaultRoles).toEqual(["user_panel_buyer"]);
    expect(marketplaceCatalog({ ampiUserByDefault: true }).defaultRoles).toEqual(["user_panel_buyer", "ampi_user"]);
  });

  it("the superuser may do everything, everywhere, and explain() says so (derivation.superuser)", () => {
    const root = holding("root", ["server_admin", PLATFORM_SCOPE]);
    for (const target of [PLATFORM_TARGET, atSite, atPrinthaus, organizationTarget(otherSite)]) {
      expect(effective(root, target)).toEqual(catalog.permissionNames);
    }
    const explanation = access.explain(root, "erp_mes.settings.change", atPrinthaus, NOW);
    expect(explanation).toMatchObject({
      allowed: true,
      derivations: [{ roleChain: ["server_admin"], grantedIn: PLATFORM_SCOPE, superuser: true, delegated: false }],
    });
  });

  it("the Server Admin role is granted on the platform only, and the User Panel roles at a site", () => {
    const root = holding("root", ["server_admin", PLATFORM_SCOPE]);
    const rootHere = (target: AccessTarget) => access.effective(root, target, NOW);
    expect(checkGrant({ catalog, actorHere: rootHere(PLATFORM_TARGET), role: "server_admin", target: PLATFORM_TARGET }).isOk()).toBe(true);
    expect(checkGrant({ catalog, actorHere: rootHere(atSite), role: "server_admin", target: atSite })._unsafeUnwrapErr()).toMatchObject({
      rule: "role_scope",
    });
    expect(checkGrant({ catalog, actorHere: rootHere(atSite), role: "user_panel_buyer", target: atSite }).isOk()).toBe(true);
  });
});

describe("Marketplace, service roles per fulfillment partner (manual 002)", () => {
  it("ERP Viewer sees the dashboard, accesses and comments on requests, quotes and orders, turns a request into a quote and changes order status", () => {
    expect(effective(holding("eve", ["erp_viewer", printhaus]), atPrinthaus)).toEqual(ERP_VIEWER);
  });

  it("ERP Manager can create orders; ERP Viewer cannot", () => {
    const manager = holding("max", ["erp_manager", printhaus]);
    const viewer = holding("eve", ["erp_viewer", printhaus]);
    expect(access.can(manager, "erp.orders.create", atPrinthaus, NOW)).toBe(true);
    expect(access.can(viewer, "erp.orders.create", atPrinthaus, NOW)).toBe(false);
    expect(access.explain(viewer, "erp.orders.create", atPrinthaus, NOW)).toMatchObject({ allowed: false, reason: { code: "no_grant" } });
  });

  it("ERP Manager has all from ERP Viewer, and creates and edits orders and sees all registered users", () => {
    const manager = holding("max", ["erp_manager", printhaus]);
    expect(effective(manager, atPrinthaus)).toEqual(ERP_MANAGER);
    expect(access.explain(manager, "erp.dashboard.see", atPrinthaus, NOW)).toMatchObject({
      derivations: [{ roleChain: ["erp_manager", "erp_viewer"], grantedIn: printhaus }],
    });
  });

  it("MES Operator accesses jobs, parts and the schedule, creates and schedules jobs, moves, comments and assigns parts", () => {
    expect(effective(holding("mo", ["mes_operator", printhaus]), atPrinthaus)).toEqual(MES_OPERATOR);
  });

  it("ERP/MES Configurator can change ERP/MES settings and has everything from the three roles", () => {
    const configurator = holding("cora", ["erp_mes_configurator", printhaus]);
    const held = effective(configurator, atPrinthaus);
    expect(held).toEqual([...ERP_MANAGER, ...MES_OPERATOR, "erp_mes.settings.change"]);
    for (const role of ["erp_viewer", "mes_operator", "erp_manager"] as const) {
      expect(held).toEqual(expect.arrayContaining([...catalog.permissionsOf(role)]));
    }
    expect(effective(holding("max", ["erp_manager", printhaus]), atPrinthaus)).not.toContain("erp_mes.settings.change");
  });

  it("roles granted in one fulfillment partner's service do not apply in another's, nor at the site", () => {
    const manager = holding("max", ["erp_manager", printhaus]);
    expect(effective(manager, atPrinthaus)).toEqual(ERP_MANAGER);
    expect(effective(manager, atLayerworks)).toEqual([]);
    expect(effective(manager, atSite)).toEqual([]);
    expect(access.explain(manager, "erp.orders.edit", atLayerworks, NOW)).toMatchObject({ allowed: false, reason: { code: "no_grant" } });
  });

  it("service roles are granted in a fulfillment partner, not at the site", () => {
    const root = holding("root", ["server_admin", PLATFORM_SCOPE]);
    const granted = (target: AccessTarget) =>
      checkGrant({ catalog, actorHere: access.effective(root, target, NOW), role: "erp_manager", target });
    expect(granted(atPrinthaus).isOk()).toBe(true);
    expect(granted(atSite)._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "role_scope" });
  });
});

describe("Marketplace, organization roles (manual 002)", () => {
  it("Organization Admin: analytics and user management, of the own site only", () => {
    const admin = holding("olga", "organization_admin");
    expect(effective(admin, atSite)).toEqual(["organization.analytics", "organization.users.manage"]);
    expect(mayManageUsers(catalog, access.effective(admin, atSite, NOW)).isOk()).toBe(true);
    expect(mayManageUsers(catalog, access.effective(admin, organizationTarget(otherSite), NOW))._unsafeUnwrapErr()).toMatchObject({
      rule: "manage_users",
    });
  });

  it("Catalog Admin manages, creates, edits, removes, publishes and prices Catalog parts, in the User Panel and in the site's Service Panels", () => {
    const catalogAdmin = holding("cat", "catalog_admin");
    const expected = [
      "catalog.parts.manage",
      "catalog.parts.create",
      "catalog.parts.edit",
      "catalog.parts.remove",
      "catalog.parts.change_publication_status",
      "catalog.parts.set_fixed_prices",
    ];
    expect(effective(catalogAdmin, atSite)).toEqual(expected);
    expect(effective(catalogAdmin, atPrinthaus)).toEqual(expected);
  });

  it("nobody grants a role carrying permissions they do not hold", () => {
    const admin = holding("olga", "organization_admin", "user_panel_buyer");
    const adminHere = access.effective(admin, atSite, NOW);
    expect(checkGrant({ catalog, actorHere: adminHere, role: "user_panel_buyer", target: atSite }).isOk()).toBe(true);
    const refused = checkGrant({ catalog, actorHere: adminHere, role: "catalog_admin", target: atSite })._unsafeUnwrapErr();
    expect(refused).toMatchObject({ code: "forbidden", rule: "no_escalation", id: "catalog_admin" });
    expect(refused.message).toContain('"catalog.parts.manage"');
    const inService = checkGrant({ catalog, actorHere: access.effective(admin, atPrinthaus, NOW), role: "erp_viewer", target: atPrinthaus });
    expect(inService._unsafeUnwrapErr()).toMatchObject({ rule: "no_escalation" });
  });
});

describe("Marketplace, onboarding an external supplier (manual 000)", () => {
  it("an invitation carries the exact roles: the supplier never holds User Panel or AMPI rights, not even for a moment", () => {
    const invited = [invitedRoleSchema.parse({ role: "erp_viewer", scope: printhaus })];
    const supplier = user("sven", site.id);
    const subject = subjectOf(
      supplier,
      invited.map((granted) => assignment({ user: supplier.id }, granted.role, granted.scope, site.id)),
    );
    expect(effective(subject, atSite)).toEqual([]);
    expect(effective(subject, atPrinthaus)).toEqual(ERP_VIEWER);
    expect(access.explain(subject, "basket.create", atSite, NOW)).toMatchObject({ allowed: false, reason: { code: "no_grant" } });
  });

  it("the manual's way (default roles, revoked afterwards) would open a window with User Panel rights: tenure does not need it", () => {
    const supplier = user("sven", site.id);
    const withDefaults = subjectOf(supplier, catalog.defaultRoles.map((role) => assignment({ user: supplier.id }, role, organizationScope(site.id), site.id)));
    expect(effective(withDefaults, atSite)).toEqual(USER_PANEL_BUYER);
  });

  it("a user invited without activation holds nothing, not even the roles already assigned, and explain says why", () => {
    const supplier = user("sven", site.id, { account: { status: "invited" } });
    const subject = subjectOf(supplier, [assignment({ user: supplier.id }, "erp_viewer", printhaus, site.id)]);
    expect(effective(subject, atPrinthaus)).toEqual([]);
    expect(access.explain(subject, "erp.dashboard.see", atPrinthaus, NOW)).toMatchObject({
      allowed: false,
      reason: { code: "not_active", status: "invited" },
    });
  });

  it("with Force Verify User on, a self sign-up holds nothing until an Org admin verifies it", () => {
    expect(settings.forceVerify).toBe(true);
    const signedUp = user("sue", site.id, { account: { status: "pending_verification" } });
    const assignments = [assignment({ user: signedUp.id }, "erp_viewer", printhaus, site.id)];
    expect(effective(subjectOf(signedUp, assignments), atPrinthaus)).toEqual([]);
    const verified = { ...signedUp, account: { status: "active" as const } };
    expect(effective(subjectOf(verified, assignments), atPrinthaus)).toEqual(ERP_VIEWER);
    expect(effective(subjectOf(verified, assignments), atSite)).toEqual([]);
  });
});

describe("Marketplace catalog drawing", () => {
  it("catalogToMermaid draws every role", () => {
    const drawing = catalogToMermaid(catalog);
    for (const role of catalog.roleNames) expect(drawing).toContain(`${role}<br/>`);
    expect(catalog.roleNames).toHaveLength(11);
  });
});
