/**
 * Small builders for the example tests: organizations, users, groups and role assignments as a store
 * would hand them back, parsed with the exported schemas so every fixture is a valid record.
 */
import {
  accessSubject,
  grantsOf,
  groupSchema,
  organizationBaseSchema,
  roleAssignmentSchema,
  userBaseSchema,
  type AccessSubject,
  type AccountState,
  type Audience,
  type Group,
  type Organization,
  type RoleAssignment,
  type ScopeRef,
  type User,
} from "tenure";

/** The fixed instant every example test asks its questions at. */
export const NOW = new Date("2026-03-02T09:00:00Z");

const CREATED = new Date("2026-01-05T08:00:00Z");

/** Days after {@link NOW} (negative: before). */
export function daysFromNow(days: number): Date {
  return new Date(NOW.getTime() + days * 24 * 60 * 60 * 1000);
}

/** An organization; `partnerId` makes it a customer of that partner, `entitlements` its company-level permissions. */
export function organization(
  id: string,
  options: { kind?: string; partnerId?: string | null; entitlements?: readonly string[] | null; contactPersonId?: string | null } = {},
): Organization {
  const parsed = organizationBaseSchema.parse({
    id,
    name: `Organization ${id}`,
    kind: options.kind ?? "customer",
    partnerId: options.partnerId ?? null,
    entitlements: options.entitlements === undefined || options.entitlements === null ? null : [...options.entitlements],
    contactPersonId: options.contactPersonId ?? null,
    settings: {},
    version: 0,
    createdAt: CREATED,
    updatedAt: CREATED,
  });
  return { ...parsed, attributes: {} };
}

/** An active local user of an organization (audience `internal` unless told). */
export function user(
  id: string,
  organizationId: string,
  options: { audience?: Audience; account?: AccountState; thirdParty?: boolean; accessExpiresAt?: Date | null } = {},
): User {
  const parsed = userBaseSchema.parse({
    id,
    organizationId,
    username: id,
    fullName: `User ${id}`,
    firstName: null,
    lastName: null,
    email: `${id}@example.com`,
    phone: null,
    pager: null,
    cellphone: null,
    location: null,
    company: null,
    audience: options.audience ?? "internal",
    thirdParty: options.thirdParty ?? false,
    accessExpiresAt: options.accessExpiresAt ?? null,
    source: { type: "local" },
    invitedBy: null,
    account: options.account ?? { status: "active" },
    twoFactorRequired: false,
    workflowAccess: false,
    version: 0,
    createdAt: CREATED,
    updatedAt: CREATED,
  });
  return { ...parsed, attributes: {} };
}

/** A group of an organization with its members. */
export function group(id: string, organizationId: string, name: string, memberIds: readonly string[]): Group {
  return groupSchema.parse({
    id,
    organizationId,
    name,
    colour: "#1e90ff",
    memberIds: [...memberIds],
    version: 0,
    createdAt: CREATED,
    updatedAt: CREATED,
  });
}

/** A role held by a user (`{ user: id }`) or a group (`{ group: id }`) in a scope; the id is derived from all three. */
export function assignment(
  holder: { readonly user: string } | { readonly group: string },
  role: string,
  scope: ScopeRef,
  organizationId: string,
): RoleAssignment {
  const holderId = "user" in holder ? holder.user : holder.group;
  return roleAssignmentSchema.parse({
    id: `ra:${holderId}:${role}:${scope.kind}:${scope.id}`,
    organizationId,
    principal: "user" in holder ? { type: "user", id: holder.user } : { type: "group", id: holder.group },
    role,
    scope,
    grantedBy: null,
    grantedAt: CREATED,
  });
}

/** The subject of a permission question: the user with every grant that reaches them (directly or through groups). */
export function subjectOf(
  person: Pick<User, "id" | "account" | "thirdParty" | "accessExpiresAt">,
  assignments: readonly RoleAssignment[],
  groups: readonly Group[] = [],
): AccessSubject {
  return accessSubject(person, grantsOf(person.id, assignments, groups));
}
