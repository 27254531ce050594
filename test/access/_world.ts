import {
  accessSubject,
  defineCatalog,
  grantsOf,
  type AccountState,
  type GroupId,
  type OrganizationId,
  type RoleAssignment,
  type RoleAssignmentId,
  type ScopeRef,
  type UserId,
} from "tenure";

/** A small catalog touching every rule: inheritance, requirements, scopes below organizations, delegation, superuser. */
export const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } },
  permissions: {
    "users.manage": {},
    "system.admin": {},
    "docs.view": {},
    "docs.edit": { requires: ["docs.view"] },
    "docs.publish": { requires: ["docs.edit"] },
    "zone.enter": {},
  },
  roles: {
    reader: { permissions: ["docs.view"], scopes: ["organization", "zone"] },
    writer: { includes: ["reader"], permissions: ["docs.edit"], scopes: ["organization", "zone"] },
    publisher: { permissions: ["docs.publish"], scopes: ["organization"] },
    zone_member: { permissions: ["zone.enter"], scopes: ["zone"] },
    admin: { includes: ["writer"], permissions: ["users.manage", "docs.publish"], scopes: ["organization"] },
    customer_manager: { includes: ["admin"], scopes: ["organization"], delegation: "customers" },
    system_admin: { superuser: true, scopes: ["platform"] },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();

export const now = new Date("2026-03-10T12:00:00Z");
export const partner = { id: "org_partner" as OrganizationId, partnerId: null, entitlements: null };
export const customer = { id: "org_customer" as OrganizationId, partnerId: partner.id, entitlements: null };
export const stranger = { id: "org_other" as OrganizationId, partnerId: null, entitlements: null };
export const zone = (id: string): ScopeRef => ({ kind: "zone", id });
export const orgScope = (id: string): ScopeRef => ({ kind: "organization", id });

let sequence = 0;
/** A role assignment of a user (or, with `group`, of a group) in a scope. */
export function assignment(role: string, scope: ScopeRef, principal: { user?: string; group?: string }): RoleAssignment {
  sequence += 1;
  return {
    id: `asg_${sequence}` as RoleAssignmentId,
    organizationId: partner.id,
    principal: principal.group === undefined ? { type: "user", id: (principal.user ?? "usr_ann") as UserId } : { type: "group", id: principal.group as GroupId },
    role,
    scope,
    grantedBy: null,
    grantedAt: now,
  };
}

/** The subject of user `usr_ann` with these assignments and groups. */
export function subject(
  assignments: readonly RoleAssignment[],
  options: {
    account?: AccountState;
    thirdParty?: boolean;
    accessExpiresAt?: Date | null;
    groups?: { id: string; name: string; memberIds: string[] }[];
  } = {},
) {
  const user = {
    id: "usr_ann" as UserId,
    account: options.account ?? { status: "active" as const },
    thirdParty: options.thirdParty ?? false,
    accessExpiresAt: options.accessExpiresAt ?? null,
  };
  const groups = (options.groups ?? []).map((group) => ({ ...group, id: group.id as GroupId, memberIds: group.memberIds as UserId[] }));
  return accessSubject(user, grantsOf(user.id, assignments, groups));
}
