import type { Catalog } from "./catalog.js";

/** What {@link catalogToMermaid} draws besides roles and their includes. */
export interface MermaidOptions {
  /** Draw each role's own permissions as edges to permission nodes. Default `true`. */
  readonly permissions?: boolean;
  /** Draw `requires` between permissions as dotted edges. Default `true`. */
  readonly requirements?: boolean;
}

/**
 * Draws the role graph of a catalog as a Mermaid flowchart: roles (with the scope kinds where they may
 * be granted, and markers for default, delegated and superuser roles), `includes` edges, each role's
 * own permissions, and `requires` between permissions.
 *
 * @example
 * ```ts
 * writeFileSync("roles.mmd", catalogToMermaid(catalog, { permissions: false }));
 * ```
 */
export function catalogToMermaid(catalog: Catalog, options: MermaidOptions = {}): string {
  const drawPermissions = options.permissions ?? true;
  const drawRequirements = options.requirements ?? true;
  const roleNode = (role: string): string => `role_${slug(role)}`;
  const permissionNode = (permission: string): string => `perm_${slug(permission)}`;
  const lines = ["flowchart LR"];

  for (const role of catalog.roleNames) {
    const spec = catalog.spec.roles[role];
    if (spec === undefined) continue;
    const marks = [
      spec.default === true ? "default" : null,
      spec.delegation === "customers" ? "for customers" : null,
      spec.organizationKinds === undefined ? null : `only ${spec.organizationKinds.join(", ")}`,
      catalog.firstMemberRoles.includes(role) ? "first member" : null,
      spec.superuser === true ? "superuser" : null,
    ].filter((mark) => mark !== null);
    const scopes = spec.scopes.length === 0 ? "building block" : `in ${spec.scopes.join(", ")}`;
    lines.push(`  ${roleNode(role)}["${escape(role)}<br/><small>${escape([scopes, ...marks].join("; "))}</small>"]`);
  }
  for (const role of catalog.roleNames) {
    for (const included of catalog.spec.roles[role]?.includes ?? []) lines.push(`  ${roleNode(role)} -->|includes| ${roleNode(included)}`);
  }
  if (drawPermissions || drawRequirements) {
    for (const permission of catalog.permissionNames) lines.push(`  ${permissionNode(permission)}(["${escape(permission)}"])`);
  }
  if (drawPermissions) {
    for (const role of catalog.roleNames) {
      for (const permission of catalog.spec.roles[role]?.permissions ?? []) lines.push(`  ${roleNode(role)} --> ${permissionNode(permission)}`);
    }
  }
  if (drawRequirements) {
    for (const permission of catalog.permissionNames) {
      for (const required of catalog.requirementsOf(permission)) lines.push(`  ${permissionNode(permission)} -.->|requires| ${permissionNode(required)}`);
    }
  }
  lines.push("  classDef role fill:#e8f0fe,stroke:#3367d6;");
  lines.push("  classDef permission fill:#fef7e0,stroke:#f29900;");
  if (catalog.roleNames.length > 0) lines.push(`  class ${catalog.roleNames.map(roleNode).join(",")} role;`);
  if ((drawPermissions || drawRequirements) && catalog.permissionNames.length > 0) {
    lines.push(`  class ${catalog.permissionNames.map(permissionNode).join(",")} permission;`);
  }
  return `${lines.join("\n")}\n`;
}

function slug(name: string): string {
  return name.replace(/[^a-z0-9_]/g, (character) => `_${character.charCodeAt(0).toString(16)}_`);
}

function escape(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
