import { describe, expect, it } from "vitest";
import { defineCatalog, type CatalogError } from "tenure";

const administration = { manageUsers: "users.manage", superAdmin: "system.admin" } as const;
const basePermissions = { "users.manage": {}, "system.admin": {} } as const;

/** Defines a catalog from untyped data, as a host loading JSON would, and returns the error codes. */
function errorsOf(spec: unknown): CatalogError[] {
  const result = defineCatalog(spec as Parameters<typeof defineCatalog>[0]);
  return result.isErr() ? result.error : [];
}

describe("defineCatalog", () => {
  it("compiles roles with their included roles' permissions", () => {
    const catalog = defineCatalog({
      scopes: { platform: {}, organization: { parent: "platform" }, service: { parent: "platform" } },
      permissions: { ...basePermissions, "erp.view": {}, "orders.create": {}, "jobs.schedule": {}, "erp.settings": {} },
      roles: {
        erp_viewer: { permissions: ["erp.view"], scopes: ["service"] },
        erp_manager: { includes: ["erp_viewer"], permissions: ["orders.create"], scopes: ["service"] },
        mes_operator: { permissions: ["jobs.schedule"], scopes: ["service"] },
        configurator: { includes: ["erp_manager", "mes_operator"], permissions: ["erp.settings"], scopes: ["service"] },
        admin: { permissions: ["users.manage"], scopes: ["organization"] },
        root: { superuser: true, scopes: ["platform"] },
      },
      administration,
    })._unsafeUnwrap();
    expect(catalog.permissionsOf("configurator")).toEqual(["erp.view", "orders.create", "jobs.schedule", "erp.settings"]);
    expect(catalog.permissionsOf("erp_viewer")).toEqual(["erp.view"]);
    expect(catalog.permissionsOf("root")).toEqual(catalog.permissionNames);
    expect(catalog.isGrantableIn("erp_viewer", "service")).toBe(true);
    expect(catalog.isGrantableIn("erp_viewer", "organization")).toBe(false);
    expect(catalog.isRole("erp_viewer")).toBe(true);
    expect(catalog.isPermission("erp_viewer")).toBe(false);
  });

  it("lists default roles", () => {
    const catalog = defineCatalog({
      scopes: { organization: {} },
      permissions: { ...basePermissions, browse: {} },
      roles: {
        buyer: { permissions: ["browse"], scopes: ["organization"], default: true },
        admin: { permissions: ["users.manage", "system.admin"], scopes: ["organization"] },
      },
      administration,
    })._unsafeUnwrap();
    expect(catalog.defaultRoles).toEqual(["buyer"]);
  });

  it("names an unknown permission, role or scope and where it was used", () => {
    const errors = errorsOf({
      scopes: { organization: { parent: "planet" } },
      permissions: { ...basePermissions, a: { requires: ["b"] } },
      roles: { r: { permissions: ["c"], includes: ["ghost"], scopes: ["zone"] } },
      administration,
    });
    expect(errors.map((error) => error.code === "unknown_name" && [error.kind, error.name, error.where])).toEqual([
      ["scope", "planet", 'scope "organization" parent'],
      ["permission", "b", 'permission "a" requires'],
      ["permission", "c", 'role "r" permissions'],
      ["role", "ghost", 'role "r" includes'],
      ["scope", "zone", 'role "r" scopes'],
    ]);
  });

  it("refuses a cycle of includes and names it", () => {
    const errors = errorsOf({
      scopes: { organization: {} },
      permissions: basePermissions,
      roles: {
        a: { includes: ["b"], scopes: ["organization"] },
        b: { includes: ["c"], scopes: ["organization"] },
        c: { includes: ["a"], permissions: ["users.manage"], scopes: ["organization"] },
      },
      administration,
    });
    expect(errors).toEqual([expect.objectContaining({ code: "include_cycle", cycle: ["a", "b", "c", "a"] })]);
  });

  it("refuses a cycle in the scope tree", () => {
    const errors = errorsOf({
      scopes: { organization: { parent: "zone" }, zone: { parent: "organization" } },
      permissions: basePermissions,
      roles: { admin: { permissions: ["users.manage"], scopes: ["organization"] } },
      administration,
    });
    expect(errors.map((error) => error.code)).toEqual(["scope_cycle"]);
  });

  it("refuses duplicates: a name listed twice, a name that is both role and permission", () => {
    const errors = errorsOf({
      scopes: { organization: {} },
      permissions: { ...basePermissions, editor: {} },
      roles: { editor: { permissions: ["users.manage", "users.manage"], scopes: ["organization"] } },
      administration,
    });
    expect(errors.map((error) => error.code === "duplicate_name" && error.name)).toEqual(["editor", "users.manage"]);
  });

  it("refuses malformed names and a catalog without organizations", () => {
    const errors = errorsOf({
      scopes: { Platform: {} },
      permissions: { ...basePermissions, "Orders View": {} },
      roles: { admin: { permissions: ["users.manage"], scopes: ["Platform"] } },
      administration,
    });
    expect(errors.map((error) => error.code)).toEqual(["invalid_name", "invalid_name", "missing_scope_kind"]);
  });

  it("refuses a requirement that no role reaching the role's scope can meet", () => {
    const errors = errorsOf({
      scopes: { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } },
      permissions: { ...basePermissions, "proposals.view": {}, "proposals.edit": { requires: ["proposals.view"] } },
      roles: {
        // proposals.view is only granted in zones, which are below organizations: it never reaches an organization.
        zone_reader: { permissions: ["proposals.view"], scopes: ["zone"] },
        org_editor: { permissions: ["proposals.edit"], scopes: ["organization"] },
        admin: { permissions: ["users.manage"], scopes: ["organization"] },
      },
      administration,
    });
    expect(errors).toEqual([
      expect.objectContaining({ code: "requirement_unreachable", role: "org_editor", permission: "proposals.edit", requirement: "proposals.view", scope: "organization" }),
    ]);
  });

  it("accepts a requirement met by a role granted in an ancestor scope", () => {
    const result = defineCatalog({
      scopes: { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } },
      permissions: { ...basePermissions, "proposals.view": {}, "proposals.edit": { requires: ["proposals.view"] } },
      roles: {
        reader: { permissions: ["proposals.view"], scopes: ["organization"] },
        zone_editor: { permissions: ["proposals.edit"], scopes: ["zone"] },
        admin: { permissions: ["users.manage"], scopes: ["organization"] },
      },
      administration,
    });
    expect(result.isOk()).toBe(true);
  });

  it("refuses a role that can never be granted, but accepts a building block another role includes", () => {
    const errors = errorsOf({
      scopes: { organization: {} },
      permissions: { ...basePermissions, browse: {} },
      roles: {
        block: { permissions: ["browse"], scopes: [] },
        orphan: { permissions: ["browse"], scopes: [] },
        user: { includes: ["block"], scopes: ["organization"] },
        admin: { permissions: ["users.manage"], scopes: ["organization"] },
      },
      administration,
    });
    expect(errors).toEqual([expect.objectContaining({ code: "role_never_grantable", role: "orphan" })]);
  });

  it("refuses a delegated role grantable outside organizations", () => {
    const errors = errorsOf({
      scopes: { platform: {}, organization: { parent: "platform" } },
      permissions: basePermissions,
      roles: { customer_manager: { permissions: ["users.manage"], scopes: ["platform"], delegation: "customers" } },
      administration,
    });
    expect(errors.map((error) => error.code)).toEqual(["delegation_scope"]);
  });

  describe("first-member roles (partner portal: the first user of a company has administrative rights)", () => {
    const scopes = { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } };
    const permissions = { ...basePermissions, "instances.manage": {}, "environments.administer": { requires: ["instances.manage"] } };
    const roles = {
      company_admin: { permissions: ["users.manage"], scopes: ["organization"] },
      data_estate_admin: { permissions: ["instances.manage"], scopes: ["organization"] },
      environment_admin: { permissions: ["environments.administer"], scopes: ["organization"] },
      partner_admin: { permissions: ["instances.manage"], scopes: ["organization"], organizationKinds: ["partner"] },
      zone_lead: { permissions: ["users.manage"], scopes: ["zone"] },
      root: { superuser: true, scopes: ["platform"] },
    };

    it("lists them on the catalog", () => {
      const catalog = defineCatalog({
        scopes: { organization: {} },
        permissions: basePermissions,
        roles: { company_admin: { permissions: ["users.manage"], scopes: ["organization"] } },
        administration: { ...administration, firstMemberRoles: ["company_admin"] },
      })._unsafeUnwrap();
      expect(catalog.firstMemberRoles).toEqual(["company_admin"]);
      expect(catalog.spec.administration.firstMemberRoles).toEqual(["company_admin"]);
    });

    it("refuses an unknown role, named twice, or one not grantable in an organization's own scope", () => {
      expect(errorsOf({ scopes, permissions, roles, administration: { ...administration, firstMemberRoles: ["ghost"] } })).toEqual([
        expect.objectContaining({ code: "unknown_name", kind: "role", name: "ghost", where: "administration.firstMemberRoles" }),
      ]);
      expect(errorsOf({ scopes, permissions, roles, administration: { ...administration, firstMemberRoles: ["company_admin", "company_admin"] } })).toEqual([
        expect.objectContaining({ code: "duplicate_name", name: "company_admin" }),
      ]);
      expect(errorsOf({ scopes, permissions, roles, administration: { ...administration, firstMemberRoles: ["zone_lead", "root"] } })).toEqual([
        expect.objectContaining({ code: "first_member_role_scope", role: "zone_lead" }),
        expect.objectContaining({ code: "first_member_role_scope", role: "root" }),
      ]);
    });

    it("refuses first-member roles whose requirements the first-member roles given beside them do not meet", () => {
      expect(errorsOf({ scopes, permissions, roles, administration: { ...administration, firstMemberRoles: ["environment_admin"] } })).toEqual([
        expect.objectContaining({ code: "first_member_requirement", role: "environment_admin", permission: "environments.administer", requirement: "instances.manage" }),
      ]);
      expect(errorsOf({ scopes, permissions, roles, administration: { ...administration, firstMemberRoles: ["environment_admin", "data_estate_admin"] } })).toEqual([]);
      // partner_admin is given only in partners: it does not meet the requirement of a role given in every kind.
      expect(errorsOf({ scopes, permissions, roles, administration: { ...administration, firstMemberRoles: ["environment_admin", "partner_admin"] } })).toEqual([
        expect.objectContaining({ code: "first_member_requirement", role: "environment_admin" }),
      ]);
    });
  });

  describe("organization kinds (partner portal: customer manager only for partners)", () => {
    const scopes = { platform: {}, organization: { parent: "platform" } } as const;
    it("accepts a list of organization kinds on a role", () => {
      const catalog = defineCatalog({
        scopes,
        permissions: basePermissions,
        roles: { customer_manager: { permissions: ["users.manage"], scopes: ["organization"], delegation: "customers", organizationKinds: ["partner"] } },
        administration,
      })._unsafeUnwrap();
      expect(catalog.spec.roles.customer_manager.organizationKinds).toEqual(["partner"]);
    });

    it("refuses an empty list, an ill-formed or repeated kind, and kinds on a role granted only at the platform", () => {
      const errors = errorsOf({
        scopes,
        permissions: basePermissions,
        roles: {
          none: { permissions: ["users.manage"], scopes: ["organization"], organizationKinds: [] },
          bad: { permissions: ["users.manage"], scopes: ["organization"], organizationKinds: ["Partner", "partner", "partner"] },
          root: { superuser: true, scopes: ["platform"], organizationKinds: ["partner"] },
        },
        administration,
      });
      expect(errors).toEqual([
        expect.objectContaining({ code: "organization_kinds", role: "none" }),
        expect.objectContaining({ code: "organization_kinds", role: "bad", name: "Partner" }),
        expect.objectContaining({ code: "organization_kinds", role: "bad", name: "partner" }),
        expect.objectContaining({ code: "organization_kinds", role: "root" }),
      ]);
    });
  });
});
