/**
 * The reference table of who may do what: the rules the authorization gate implements (DESIGN.md, "One
 * authorization gate"), written from the world's description (`CAST`, `GROUPS`) and not from the
 * service. O is the organization the input names; "admin of O" holds `administration.manageUsers` in O
 * (directly, through a group, or by delegation); "super admin" holds `administration.superAdmin` at the
 * platform; an inactive actor (blocked, de-activated, removed, pending, invited) or an unknown one
 * stands nowhere.
 */
import type { OrganizationId, RoleAssignment, UserId } from "tenure";
import { CAST, castOf, GROUPS, groupIdOf, ORG_KEYS, userIdOf, type CastMember, type OrgKey, type Standing } from "./_world.js";

/** What the table says: allowed, or refused (with `forbidden` or `not_found`, nothing written), and why. */
export type Verdict = { readonly allowed: true; readonly why: string } | { readonly allowed: false; readonly why: string };

const allowed = (why: string): Verdict => ({ allowed: true, why });
const refused = (why: string): Verdict => ({ allowed: false, why });

/** The rule names of the gate's authorization refusals: an allowed call must never be refused with one of these. */
export const AUTHORIZATION_RULES: ReadonlySet<string> = new Set([
  "no_standing",
  "manage_users",
  "super_admin",
  "super_admin_target",
  "edit_user_data",
  "read_audit",
  "create_organization",
  "partner_admin",
]);

/** Rule 3: who lists users (and then sees what `visibleTo` says). */
const LIST_QUERIES = new Set(["users.list", "groups.list", "organizations.get"]);
/** Rule 4: reads for admins of O, super admins, the system. */
const ADMIN_READS = new Set([
  "thirdParty.list",
  "audit.query",
  "organizations.listCustomers",
  "provisioning.runs",
  "provisioning.run",
  "provisioning.outcomes",
]);
/** Rule 5: super admins and the system only. */
const SUPER_ADMIN_ONLY = new Set([
  "organizations.updateMailTemplates",
  "roles.removeFromAllZones",
  "organizations.linkCustomer",
  "organizations.unlinkCustomer",
  "organizations.updateSettings",
]);

/** The world facts the table needs besides the cast: the organization ids and the stored assignments (for whose an assignment is). */
export interface ReferenceFacts {
  readonly orgs: Readonly<Record<OrgKey, OrganizationId>>;
  readonly assignments: readonly Pick<RoleAssignment, "id" | "organizationId" | "principal">[];
}

const castById = (id: string): CastMember | null => CAST.find((member) => userIdOf(member.username) === id) ?? null;
const orgKeyOf = (facts: ReferenceFacts, id: unknown): OrgKey | null => ORG_KEYS.find((key) => facts.orgs[key] === id) ?? null;

/** The users, groups and assignments an input names (the fields every command spells the same way). */
export function namedIn(input: Record<string, unknown>, facts: ReferenceFacts) {
  const users: string[] = [];
  const groups: string[] = [];
  const assignments: string[] = [];
  if (typeof input["userId"] === "string") users.push(input["userId"]);
  if (Array.isArray(input["userIds"])) users.push(...(input["userIds"] as string[]));
  const principal = input["principal"] as { type: string; id: string } | undefined;
  if (principal?.type === "user") users.push(principal.id);
  if (principal?.type === "group") groups.push(principal.id);
  const data = input["data"] as { mode: string; toUserId?: string } | undefined;
  if (data?.toUserId !== undefined) users.push(data.toUserId);
  if (typeof input["groupId"] === "string") groups.push(input["groupId"]);
  if (typeof input["assignmentId"] === "string") {
    assignments.push(input["assignmentId"]);
    const assignment = facts.assignments.find((stored) => stored.id === input["assignmentId"]);
    if (assignment?.principal.type === "user") users.push(assignment.principal.id);
  }
  return { users, groups, assignments };
}

/** Where a standing stands: the user it acts as (active or not), or the system. */
function actingUser(standing: Standing): CastMember | "system" | null {
  if (standing.kind === "system") return "system";
  return castOf(standing);
}

/** Whether `member` is an active admin of `org`. */
const isAdminOf = (member: CastMember, org: OrgKey | null): boolean => member.active && org !== null && member.adminOf.includes(org);
const isSuperAdmin = (member: CastMember): boolean => member.active && member.superAdmin;

/** The table: is `path` with `input` allowed to `standing`? */
export function verdictFor(path: string, standing: Standing, input: Record<string, unknown>, facts: ReferenceFacts): Verdict {
  const actor = actingUser(standing);

  if (path === "organizations.create") {
    if (actor === "system") return allowed("the system is trusted");
    if (actor === null || !actor.active) return refused("the actor has no standing");
    if (isSuperAdmin(actor)) return allowed("super admin");
    if (input["settings"] !== undefined) return refused("only super admins choose an organization's settings");
    const partner = orgKeyOf(facts, input["partnerId"]);
    return isAdminOf(actor, partner) ? allowed("admin of the partner") : refused("not an admin of the partner named");
  }

  const O = orgKeyOf(facts, input["organizationId"]);
  const named = namedIn(input, facts);
  if (path === "users.get") {
    const target = input["userId"] as UserId;
    return O !== null && castById(target)?.org === O && visibleTo(standing, O, target) ? allowed("the user is visible to the actor") : refused("not visible to the actor (or not in the organization)");
  }
  const rule7 = !LIST_QUERIES.has(path) && !ADMIN_READS.has(path);
  // Named records of another organization do not exist here, whoever asks.
  const foreignUser = rule7 ? named.users.find((id) => castById(id)?.org !== O) : undefined;
  const foreignGroup = rule7 ? named.groups.find((id) => GROUPS.find((group) => groupIdOf(group.name) === id)?.org !== O) : undefined;
  const foreignAssignment = rule7
    ? named.assignments.find((id) => orgKeyOf(facts, facts.assignments.find((stored) => stored.id === id)?.organizationId) !== O)
    : undefined;

  if (actor === "system") {
    if (foreignUser !== undefined) return refused(`the user ${foreignUser} is not in the organization`);
    if (foreignGroup !== undefined) return refused(`the group ${foreignGroup} is not in the organization`);
    if (foreignAssignment !== undefined) return refused(`the assignment ${foreignAssignment} is not in the organization`);
    return allowed("the system is trusted");
  }
  if (actor === null) return refused("no stored user is this actor");
  if (!actor.active) return refused(`the actor is ${actor.account.status}`);
  if (path === "organizations.setEntitlements") {
    // Company-level permissions: super admins, and the partner's own admins for its customers (not by delegation).
    if (isSuperAdmin(actor)) return allowed("super admin");
    return O === "C" && actor.adminOf.includes("P") ? allowed("admin of the customer's partner") : refused("neither super admin nor an admin of the organization's partner");
  }
  const superAdmin = isSuperAdmin(actor);
  const admin = isAdminOf(actor, O);
  const member = actor.org === O;
  if (!superAdmin && !admin && !member) return refused("neither member nor admin of the organization, nor super admin");

  if (path === "groups.get") {
    if (foreignGroup !== undefined) return refused(`the group ${foreignGroup} is not in the organization`);
    const group = GROUPS.find((candidate) => groupIdOf(candidate.name) === input["groupId"]);
    const sees = superAdmin || admin || (member && (actor.audience === "internal" || (actor.audience === "external" && group?.members.includes(actor.username) === true)));
    return sees ? allowed("the group is visible to the actor") : refused("the group is not visible to the actor");
  }
  if (LIST_QUERIES.has(path)) return allowed(superAdmin ? "super admin" : admin ? "admin" : "member");
  if (ADMIN_READS.has(path)) return superAdmin || admin ? allowed("admin or super admin") : refused("a member, not an admin");
  if (SUPER_ADMIN_ONLY.has(path) && !superAdmin) return refused("super admins only");
  if (path === "roles.assignments") {
    // A read: the admin sees a super admin's assignments too; only the records named must be O's.
    if (!superAdmin && !admin) return refused("a member, not an admin");
    if (foreignUser !== undefined) return refused(`the user ${foreignUser} is not in the organization`);
    if (foreignGroup !== undefined) return refused(`the group ${foreignGroup} is not in the organization`);
    return allowed("admin or super admin");
  }

  const self = path === "users.update" && member && input["userId"] === userIdOf(actor.username);
  if (!superAdmin && !admin && !self) return refused("not an admin of the organization");
  if (foreignUser !== undefined) return refused(`the user ${foreignUser} is not in the organization`);
  if (foreignGroup !== undefined) return refused(`the group ${foreignGroup} is not in the organization`);
  if (foreignAssignment !== undefined) return refused(`the assignment ${foreignAssignment} is not in the organization`);
  const superTarget = named.users.find((id) => castById(id)?.superAdmin === true);
  if (superTarget !== undefined && !superAdmin) return refused(`${superTarget} is a super admin`);
  return allowed(superAdmin ? "super admin" : admin ? "admin" : "editing their own profile");
}

const HIDDEN_FROM_MEMBERS = new Set(["deactivated", "removed"]);

/**
 * Whether the standing may see `target` in a user list of organization `org` (rule 3): admins, super
 * admins and the system see everyone; internal members all but de-activated and removed users;
 * external members themselves and the users sharing a group with them; guests only themselves.
 */
export function visibleTo(standing: Standing, org: OrgKey, targetId: UserId): boolean {
  const actor = actingUser(standing);
  if (actor === "system") return true;
  if (actor === null || !actor.active) return false;
  if (isSuperAdmin(actor) || isAdminOf(actor, org)) return true;
  if (actor.org !== org) return false;
  const self = userIdOf(actor.username);
  if (targetId === self) return true;
  const target = castById(targetId);
  if (target === null || target.org !== org || HIDDEN_FROM_MEMBERS.has(target.account.status)) return false;
  if (actor.audience === "internal") return true;
  if (actor.audience === "guest") return false;
  return GROUPS.some((group) => group.org === org && group.members.includes(actor.username) && group.members.includes(target.username));
}
