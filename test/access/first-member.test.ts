import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCOUNT_STATUSES, decideFirstMember, defineCatalog, mayGrantInOrganization, MEMBER_STATUSES, organizationScope, type OrganizationId } from "tenure";

const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" } },
  permissions: { "users.manage": {}, "system.admin": {}, "customers.manage": {} },
  roles: {
    company_admin: { permissions: ["users.manage"], scopes: ["organization"] },
    partner_lead: { permissions: ["customers.manage"], scopes: ["organization"], organizationKinds: ["partner"] },
    customer_manager: { includes: ["company_admin"], scopes: ["organization"], delegation: "customers" },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin", firstMemberRoles: ["company_admin", "partner_lead", "customer_manager"] },
})._unsafeUnwrap();

const organization = (kind: string, partnerId: string | null) => ({ id: "org_1" as OrganizationId, kind, partnerId: partnerId as OrganizationId | null });

describe("the first-member rule (partner portal: the first user of a company has administrative rights)", () => {
  it("gives the first member of a partner every first-member role, and of a customer those allowed there", () => {
    expect(decideFirstMember(catalog, { organization: organization("partner", null), membersBefore: 0 }).roles).toEqual(["company_admin", "partner_lead", "customer_manager"]);
    expect(decideFirstMember(catalog, { organization: organization("customer", "org_p"), membersBefore: 0 }).roles).toEqual(["company_admin"]);
  });

  it("counts every status but removed", () => {
    expect(MEMBER_STATUSES).toEqual(ACCOUNT_STATUSES.filter((status) => status !== "removed"));
  });

  it("for any organization and member count: first exactly when no member came before, and only roles allowed in its kind", () => {
    fc.assert(
      fc.property(fc.constantFrom("partner", "customer", "site"), fc.boolean(), fc.nat(3), (kind, isCustomer, membersBefore) => {
        const at = organization(kind, isCustomer ? "org_p" : null);
        const decision = decideFirstMember(catalog, { organization: at, membersBefore });
        expect(decision.first).toBe(membersBefore === 0);
        if (!decision.first) expect(decision.roles).toEqual([]);
        for (const role of decision.roles) expect(mayGrantInOrganization(catalog, role, at, organizationScope(at.id))).toBe(true);
        const left = catalog.firstMemberRoles.filter((role) => !decision.roles.includes(role));
        if (decision.first) for (const role of left) expect(mayGrantInOrganization(catalog, role, at, organizationScope(at.id))).toBe(false);
      }),
    );
  });
});
