import { describe, expect, it } from "vitest";
import { catalogToMermaid } from "tenure";
import { partnerPortal } from "../../examples/catalogs/index.js";
import { catalog } from "./_world.js";

describe("catalogToMermaid", () => {
  it("draws every role with its scopes and markers, includes, permissions and requirements", () => {
    const chart = catalogToMermaid(catalog);
    expect(chart.startsWith("flowchart LR\n")).toBe(true);
    for (const role of catalog.roleNames) expect(chart).toContain(`role_${role}[`);
    expect(chart).toContain("role_writer -->|includes| role_reader");
    expect(chart).toContain("role_customer_manager[\"customer_manager<br/><small>in organization; for customers</small>\"]");
    expect(chart).toContain("in platform; superuser");
    expect(chart).toContain("perm_docs_2e_edit -.->|requires| perm_docs_2e_view");
    expect(chart).toContain("role_reader --> perm_docs_2e_view");
  });

  it("marks the organization kinds a role is limited to and the first member's roles", () => {
    const chart = catalogToMermaid(partnerPortal.catalog);
    expect(chart).toContain('role_customer_manager["customer_manager<br/><small>in organization; for customers; only partner</small>"]');
    expect(chart).toContain('role_company_admin["company_admin<br/><small>in organization; first member</small>"]');
  });

  it("can leave permissions out", () => {
    const chart = catalogToMermaid(catalog, { permissions: false, requirements: false });
    expect(chart).not.toContain("perm_");
    expect(chart).toContain("role_admin -->|includes| role_writer");
  });
});
