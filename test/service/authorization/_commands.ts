/**
 * The service's commands and queries, enumerated from the service object itself (so a command added
 * later fails the classification test until it is listed here), and an input builder for each one that
 * takes an actor. Builders make schema-valid inputs from the draws: the organization, and ids picked
 * from the users, groups and assignments of every organization, with the stored versions, so an
 * authorized call can really run.
 */
import { fc } from "@fast-check/vitest";
import { PLATFORM_SCOPE, type AccountStatus, type GroupId, type OrganizationId, type ScopeRef, type UserId } from "tenure";
import { CAST, GROUPS, groupIdOf, userIdOf, type AuthzWorld, type OrgKey } from "./_world.js";

/** Every path of the service object that is a function, e.g. `accounts.block`; `skip` names subtrees that are data, not commands. */
export function servicePaths(service: object, skip: readonly string[] = NOT_COMMANDS): string[] {
  const paths: string[] = [];
  const walk = (node: object, prefix: string): void => {
    for (const key of Object.keys(node).sort()) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      if (skip.includes(path)) continue;
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === "function") paths.push(path);
      else if (typeof value === "object" && value !== null) walk(value, path);
      else paths.push(path); // a value that is neither: classify it too
    }
  };
  walk(service, "");
  return paths;
}

/** Members of the service object that are data, not commands. */
export const NOT_COMMANDS: readonly string[] = ["catalog"];

/**
 * Commands that take no actor (a link's secret, a login, the scheduled job, the permission queries
 * about a stored user): public, not checked by the reference table, only listed.
 */
export const PUBLIC_COMMANDS: readonly string[] = [
  "onboarding.acceptInvitation",
  "onboarding.signUp",
  "onboarding.completeActivation",
  "credentials.forgotPassword",
  "credentials.resetPassword",
  "credentials.changePassword",
  "credentials.signIn",
  "credentials.setPasswordWithLink",
  "credentials.inspectLink",
  "jobs.expireDue",
  "jobs.deliverOutbox",
  "access.can",
  "access.effective",
  "access.explain",
];

/**
 * A user id in an input: the acting user's own, the super admin's, a user of the input's organization,
 * or any user of any organization (each an index into the cast).
 */
export type UserPick =
  | { readonly kind: "self" }
  | { readonly kind: "super_admin" }
  | { readonly kind: "in_organization"; readonly index: number }
  | { readonly kind: "anyone"; readonly index: number };

/** A group or an assignment: one of the input's organization, or of any organization. */
export interface RecordPick {
  readonly inOrganization: boolean;
  readonly index: number;
}

/** What fast-check draws for one input. */
export interface Draws {
  /** The organization the input names. */
  readonly org: OrgKey;
  readonly user: UserPick;
  readonly user2: UserPick;
  readonly users: readonly UserPick[];
  readonly group: RecordPick;
  readonly assignment: RecordPick;
  readonly role: string;
  readonly flag: boolean;
  /** Picks among a command's variants (which change, which filter, …). */
  readonly variant: number;
  readonly list: ListDraws;
}

/** The query of a user list: filters, prefix, sort, page size, and whether to start from a cursor another viewer got. */
export interface ListDraws {
  readonly statuses?: readonly AccountStatus[];
  readonly groups?: readonly RecordPick[];
  readonly roles?: readonly string[];
  readonly locations?: readonly string[];
  readonly companies?: readonly string[];
  readonly audiences?: readonly ("internal" | "external" | "guest")[];
  readonly thirdParty?: boolean;
  readonly prefix?: string;
  readonly sort: { readonly field: "fullName" | "username" | "email"; readonly direction: "asc" | "desc" };
  readonly limit: number;
  /** Start from the second page of the same query as the system sees it: a cursor the actor did not get themselves. */
  readonly foreignCursor: boolean;
}

const userPick: fc.Arbitrary<UserPick> = fc.oneof(
  { arbitrary: fc.constant({ kind: "self" as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: "super_admin" as const }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("in_organization" as const), index: fc.nat() }, { noNullPrototype: true }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("anyone" as const), index: fc.nat() }, { noNullPrototype: true }), weight: 3 },
);
const recordPick: fc.Arbitrary<RecordPick> = fc.record({ inOrganization: fc.boolean(), index: fc.nat() }, { noNullPrototype: true });
const ROLES = ["member", "editor", "company_admin", "customer_manager", "zone_member", "system_admin"] as const;
const STATUSES: readonly AccountStatus[] = ["invited", "pending_verification", "active", "blocked", "deactivated", "removed"];

const listDraws: fc.Arbitrary<ListDraws> = fc.record(
  {
    statuses: fc.uniqueArray(fc.constantFrom(...STATUSES), { minLength: 1, maxLength: 3 }),
    groups: fc.array(recordPick, { minLength: 1, maxLength: 2 }),
    roles: fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1, maxLength: 2 }),
    locations: fc.uniqueArray(fc.constantFrom("Berlin", "Hamburg"), { minLength: 1 }),
    companies: fc.constant(["Acme"]),
    audiences: fc.uniqueArray(fc.constantFrom("internal" as const, "external" as const, "guest" as const), { minLength: 1 }),
    thirdParty: fc.boolean(),
    prefix: fc.constantFrom("", "P", "C", "X", "Pm", "Ce", "Cd", "Pd", "pm", "cex"),
    sort: fc.record({ field: fc.constantFrom("fullName" as const, "username" as const, "email" as const), direction: fc.constantFrom("asc" as const, "desc" as const) }),
    limit: fc.integer({ min: 1, max: 6 }),
    foreignCursor: fc.boolean(),
  },
  { requiredKeys: ["sort", "limit", "foreignCursor"], noNullPrototype: true },
);

/** The draws of one input. */
export const drawsArbitrary: fc.Arbitrary<Draws> = fc.record(
  {
    // Most standings are users of P: it is drawn as often as the two others together.
    org: fc.constantFrom<OrgKey>("P", "P", "C", "X"),
    user: userPick,
    user2: userPick,
    users: fc.array(userPick, { minLength: 1, maxLength: 3 }),
    group: recordPick,
    assignment: recordPick,
    role: fc.constantFrom(...ROLES),
    flag: fc.boolean(),
    variant: fc.nat(),
    list: listDraws,
  },
  { noNullPrototype: true },
);

/** Every user id, every group id of the world, in a fixed order. */
export const USER_POOL: readonly UserId[] = CAST.map((member) => userIdOf(member.username));
const GROUP_POOL = GROUPS.map((group) => groupIdOf(group.name));

/** What a builder sees: the world, the draws, the input's organization, and the acting user's id (for `self`). */
export interface BuildContext {
  readonly w: AuthzWorld;
  readonly d: Draws;
  readonly O: OrganizationId;
  readonly self: UserId;
}

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;
const inputOrg = (b: BuildContext): OrgKey => b.d.org;
function uid(b: BuildContext, choice: UserPick): UserId {
  switch (choice.kind) {
    case "self":
      return b.self;
    case "super_admin":
      return userIdOf("operator");
    case "in_organization":
      return pick(CAST.filter((member) => member.org === inputOrg(b)).map((member) => userIdOf(member.username)), choice.index);
    case "anyone":
      return pick(USER_POOL, choice.index);
  }
}
const userVersion = (b: BuildContext, id: UserId): number => b.w.stored().users.find((user) => user.id === id)?.version ?? 0;
const orgVersion = (b: BuildContext): number => b.w.stored().organizations.find((organization) => organization.id === b.O)?.version ?? 0;
const groupIdFor = (b: BuildContext, choice: RecordPick): GroupId =>
  pick(choice.inOrganization ? GROUPS.filter((group) => group.org === inputOrg(b)).map((group) => groupIdOf(group.name)) : GROUP_POOL, choice.index);
const groupId = (b: BuildContext): GroupId => groupIdFor(b, b.d.group);
const groupVersion = (b: BuildContext): number => b.w.stored().groups.find((group) => group.id === groupId(b))?.version ?? 0;
const assignmentId = (b: BuildContext) => {
  const all = [...b.w.stored().assignments].sort((x, y) => (x.id < y.id ? -1 : 1));
  const here = all.filter((assignment) => assignment.organizationId === b.O);
  return pick((b.d.assignment.inOrganization && here.length > 0 ? here : all).map((assignment) => assignment.id), b.d.assignment.index);
};
const onUser = (b: BuildContext) => {
  const userId = uid(b, b.d.user);
  return { organizationId: b.O, userId, expectedVersion: userVersion(b, userId) };
};
const userIds = (b: BuildContext): UserId[] => b.d.users.map((choice) => uid(b, choice));

/** A scope the role may be granted in (`undefined`: the organization itself). */
function scopeFor(b: BuildContext, role: string): ScopeRef | undefined {
  if (role === "zone_member") return { kind: "zone", id: "berlin" };
  if (role === "system_admin") return PLATFORM_SCOPE;
  return b.d.flag ? undefined : { kind: "organization", id: b.O };
}

/** A mail template that passes the checks (the invitation's variables, with the link). */
export const CUSTOM_INVITATION = { subject: "Join {{organizationName}}, {{recipientName}}", text: "{{inviterName}} awaits you: {{link}} (until {{expiresAt}})", html: null };

const SETTINGS_VARIANTS = [undefined, { mailTemplates: { invitation: CUSTOM_INVITATION } }, { forceVerify: true }] as const;
const ORGANIZATION_SETTINGS_CHANGES = [
  { forceVerify: true },
  { signIn: { maxFailedAttempts: 3 } },
  { userDataEditors: "super_admins", directoryUpdaters: null },
  { thirdParty: { maxAccessDays: 30 }, tokens: { invitationMinutes: 60 } },
] as const;
const ENTITLEMENT_SETS = [null, ["documents.view"], ["users.manage", "documents.view", "documents.edit", "zone.access"], []] as const;
const USER_CHANGES = [{ fullName: "Renamed Person" }, { email: "renamed@example.com" }, { location: "Munich" }, { company: "Initech" }] as const;
const THIRD_PARTY_CHANGES = [
  { type: "make" },
  { type: "make", lastDay: "2026-03-20" },
  { type: "move", lastDay: "2026-04-15" },
  { type: "clear" },
  { type: "end" },
] as const;

/** The users-list input of a draw (the first page); the property pages on from it. */
export function listInput(b: BuildContext) {
  const { list } = b.d;
  const filter = {
    ...(list.statuses === undefined ? {} : { statuses: [...list.statuses] }),
    ...(list.groups === undefined ? {} : { groupIds: list.groups.map((choice) => groupIdFor(b, choice)) }),
    ...(list.roles === undefined ? {} : { roles: [...list.roles] }),
    ...(list.locations === undefined ? {} : { locations: [...list.locations] }),
    ...(list.companies === undefined ? {} : { companies: [...list.companies] }),
    ...(list.audiences === undefined ? {} : { audiences: [...list.audiences] }),
    ...(list.thirdParty === undefined ? {} : { thirdParty: list.thirdParty }),
  };
  return { organizationId: b.O, filter, ...(list.prefix === undefined ? {} : { prefix: list.prefix }), sort: { ...list.sort }, limit: list.limit };
}

/**
 * One builder per command that takes `(actor, input)`. A command missing here and from
 * {@link PUBLIC_COMMANDS} fails the classification test.
 */
/**
 * A push from the world's identity provider (`AUTHZ_SOURCE`, a SCIM source: administrators run it):
 * a new record, or a record reusing a cast member's username (refused for that record, never a takeover).
 */
function provisioningInput(b: BuildContext) {
  const username = b.d.flag ? "newcomer" : "padmin";
  return {
    organizationId: b.O,
    source: "idp",
    mode: b.d.variant % 2 === 0 ? "all" : "new_only",
    read: b.d.variant % 4 < 2 ? "complete" : "partial",
    records: [{ externalId: `idp-${b.d.variant % 3}`, fields: { username, fullName: "New Comer", email: `${username}@example.com` } }],
  };
}

export const inputBuilders: Record<string, (b: BuildContext) => unknown> = {
  "organizations.create": (b) => {
    const partner = ([null, "P", "C", "X"] as const)[b.d.variant % 4] ?? null;
    const settings = SETTINGS_VARIANTS[Math.floor(b.d.variant / 4) % SETTINGS_VARIANTS.length];
    return {
      name: "New Co",
      kind: partner === null ? "organization" : "customer",
      partnerId: partner === null ? null : b.w.orgs[partner],
      ...(settings === undefined ? {} : { settings }),
    };
  },
  "organizations.updateMailTemplates": (b) => ({
    organizationId: b.O,
    expectedVersion: orgVersion(b),
    ...(b.d.flag ? { set: { invitation: CUSTOM_INVITATION } } : { reset: ["invitation"] }),
  }),
  "organizations.rename": (b) => ({ organizationId: b.O, expectedVersion: orgVersion(b), name: b.d.flag ? "Renamed Co" : "  Renamed Co  " }),
  "organizations.linkCustomer": (b) => ({ organizationId: b.O, expectedVersion: orgVersion(b), partnerId: b.w.orgs[pick(["P", "C", "X"] as const, b.d.variant)] }),
  "organizations.unlinkCustomer": (b) => ({ organizationId: b.O, expectedVersion: orgVersion(b) }),
  "organizations.updateSettings": (b) => ({
    organizationId: b.O,
    expectedVersion: orgVersion(b),
    settings: pick(ORGANIZATION_SETTINGS_CHANGES, b.d.variant),
  }),
  "organizations.setEntitlements": (b) => ({ organizationId: b.O, expectedVersion: orgVersion(b), entitlements: pick(ENTITLEMENT_SETS, b.d.variant) }),
  "organizations.get": (b) => ({ organizationId: b.O }),
  "organizations.listCustomers": (b) => ({ organizationId: b.O }),
  "users.update": (b) => ({ ...onUser(b), changes: { ...pick(USER_CHANGES, b.d.variant) } }),
  "users.list": (b) => listInput(b),
  "users.get": (b) => ({ organizationId: b.O, userId: uid(b, b.d.user) }),
  "accounts.block": (b) => ({
    ...onUser(b),
    until: b.d.flag ? null : new Date(b.w.now.getTime() + 7 * 86_400_000),
    ...(b.d.variant % 2 === 0 ? { reason: "Policy review" } : {}),
  }),
  "accounts.unblock": onUser,
  "accounts.deactivate": onUser,
  "accounts.reactivate": onUser,
  "accounts.remove": (b) => ({
    ...onUser(b),
    data: b.d.flag ? { mode: "delete" } : { mode: "transfer", toUserId: uid(b, b.d.user2) },
    keepProfile: b.d.variant % 2 === 0,
  }),
  "accounts.makeContactPerson": (b) => ({ organizationId: b.O, userId: uid(b, b.d.user), expectedVersion: orgVersion(b) }),
  "accounts.requireTwoFactor": onUser,
  "accounts.releaseTwoFactor": onUser,
  "accounts.setWorkflowAccess": (b) => ({ ...onUser(b), granted: b.d.flag }),
  "onboarding.invite": (b) => ({
    organizationId: b.O,
    user: { username: `invitee${b.d.variant % 1000}`, fullName: "Invited Person", email: `invitee${b.d.variant % 1000}@example.com` },
    ...([{}, { roles: [{ role: "member" }] }, { roles: [{ role: "company_admin" }] }, { roles: [{ role: "editor" }] }] as const)[b.d.variant % 4],
    activate: b.d.flag,
    sendInvitation: b.d.variant % 3 !== 0,
  }),
  "onboarding.sendInvitation": (b) => ({ organizationId: b.O, userId: uid(b, b.d.user), ...(b.d.flag ? { message: "Welcome aboard" } : {}) }),
  "onboarding.resendInvitation": (b) => ({ organizationId: b.O, userId: uid(b, b.d.user) }),
  "onboarding.revokeInvitation": (b) => ({ organizationId: b.O, userId: uid(b, b.d.user) }),
  "onboarding.verify": onUser,
  "onboarding.activate": onUser,
  "onboarding.sendActivation": (b) => ({ organizationId: b.O, userId: uid(b, b.d.user) }),
  "credentials.requestReset": (b) => ({ organizationId: b.O, userId: uid(b, b.d.user) }),
  "credentials.setInitialPassword": (b) => ({ organizationId: b.O, userId: uid(b, b.d.user), password: "Chosen-by-the-admin-2026" }),
  "thirdParty.setAccess": (b) => ({ ...onUser(b), change: { ...pick(THIRD_PARTY_CHANGES, b.d.variant) } }),
  "thirdParty.extend": (b) => ({ organizationId: b.O, userIds: userIds(b), lastDay: "2026-04-20" }),
  "thirdParty.sendWelcome": (b) => ({ organizationId: b.O, userId: uid(b, b.d.user), ...(b.d.flag ? { message: "See you soon" } : {}) }),
  "thirdParty.list": (b) => ({
    organizationId: b.O,
    ...(b.d.flag ? { statuses: ["active"] } : {}),
    ...(b.d.variant % 3 === 0 ? { sponsorId: uid(b, b.d.user) } : {}),
    limit: 1 + (b.d.variant % 5),
  }),
  "roles.grant": (b) => {
    const scope = scopeFor(b, b.d.role);
    const principal = b.d.variant % 3 === 0 ? { type: "group", id: groupId(b) } : { type: "user", id: uid(b, b.d.user) };
    return { organizationId: b.O, principal, role: b.d.role, ...(scope === undefined ? {} : { scope }) };
  },
  "roles.revoke": (b) => ({ organizationId: b.O, assignmentId: assignmentId(b) }),
  "roles.assignments": (b) =>
    pick([{ organizationId: b.O }, { organizationId: b.O, principal: { type: "user", id: uid(b, b.d.user) } }, { organizationId: b.O, principal: { type: "group", id: groupId(b) } }, { organizationId: b.O, role: b.d.role }], b.d.variant),
  "roles.grantToUsers": (b) => ({
    organizationId: b.O,
    role: b.d.role,
    scope: scopeFor(b, b.d.role) ?? { kind: "organization", id: b.O },
    filter: pick([{}, { groupIds: [groupId(b)] }, { roles: ["member"] }, { locations: ["Berlin"] }], b.d.variant),
  }),
  "roles.removeFromAllZones": (b) => ({ organizationId: b.O, userId: uid(b, b.d.user) }),
  "groups.list": (b) => ({ organizationId: b.O }),
  "groups.get": (b) => ({ organizationId: b.O, groupId: groupId(b) }),
  "groups.create": (b) => ({ organizationId: b.O, name: `Group ${b.d.variant % 1000}`, colour: "#336699" }),
  "groups.rename": (b) => ({ organizationId: b.O, groupId: groupId(b), expectedVersion: groupVersion(b), name: "Renamed group" }),
  "groups.recolour": (b) => ({ organizationId: b.O, groupId: groupId(b), expectedVersion: groupVersion(b), colour: "#993366" }),
  "groups.delete": (b) => ({ organizationId: b.O, groupId: groupId(b), expectedVersion: groupVersion(b) }),
  "groups.addMembers": (b) => ({ organizationId: b.O, groupId: groupId(b), expectedVersion: groupVersion(b), userIds: userIds(b) }),
  "groups.removeMembers": (b) => ({ organizationId: b.O, groupId: groupId(b), expectedVersion: groupVersion(b), userIds: userIds(b) }),
  "directory.update": (b) => ({ organizationId: b.O, mode: b.d.flag ? "full" : "partial", dryRun: b.d.variant % 2 === 0 }),
  "provisioning.plan": (b) => provisioningInput(b),
  "provisioning.apply": (b) => ({ ...provisioningInput(b), batchSize: 1 + (b.d.variant % 3) }),
  "provisioning.runs": (b) => ({ organizationId: b.O, limit: 1 + (b.d.variant % 5) }),
  "provisioning.run": (b) => ({ organizationId: b.O, runId: `run_${b.d.variant % 3}` }),
  "provisioning.outcomes": (b) => ({ organizationId: b.O, runId: `run_${b.d.variant % 3}`, ...(b.d.flag ? { statuses: ["failed"] } : {}) }),
  "audit.query": (b) => ({ organizationId: b.O, limit: 1 + (b.d.variant % 10), ...(b.d.flag ? { targetId: uid(b, b.d.user) } : {}) }),
};

/** The function at `path` of the service object. */
export function commandAt(service: object, path: string): (...args: unknown[]) => PromiseLike<unknown> {
  const found = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], service);
  if (typeof found !== "function") throw new Error(`No function at ${path}`);
  return found as (...args: unknown[]) => PromiseLike<unknown>;
}
