import { err, ok, type Result } from "neverthrow";
import { MEMBER_STATUSES } from "../../access/first-member.js";
import { planAdmissionRoles, type PlacedRole } from "../../access/guards/role-admission.js";
import type { RequestedExpiry } from "../../expiry/access-end.js";
import { draftInvitation } from "../../lifecycle/invitation-lifecycle.js";
import { planMember } from "../../lifecycle/member-plan.js";
import type { AccountState } from "../../model/account-state.js";
import type { InvitationId, RoleAssignmentId, UserId } from "../../model/ids.js";
import type { Invitation } from "../../model/invitation.js";
import type { RoleAssignment } from "../../model/role-assignment.js";
import type { ScopeRef } from "../../model/scope.js";
import { TenureErrors, type Diagnostic, type ForbiddenError, type TenureError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import type { NewUserInput } from "../../model/user-draft.js";
import { userQuerySchema } from "../../model/user-query.js";
import type { ExistingUserData } from "../../model/user-validation.js";
import { dispatchInvitation } from "./dispatch-invitation.js";
import { rolePlacementContext } from "./grant-scope.js";
import type { CommandScope } from "./run-command.js";
import type { ServiceContext } from "./service-context.js";
import type { DirectoryBinding } from "../directory-binding.js";

export type { PlacedRole } from "../../access/guards/role-admission.js";

/** One member to admit, as every admission path (invitation, sign-up, the provisioning sources) hands it over, parsed. */
export interface MemberAdmission {
  /** The new user's data (parsed; may carry a `source`). */
  readonly user: NewUserInput & { readonly email: string; readonly fullName: string };
  /** The state the account starts in (see `initialAccountState`). */
  readonly account: AccountState;
  /** Exactly the roles the user gets, each checked like a grant; `undefined`: the catalog's default roles. */
  readonly roles: readonly { readonly role: string; readonly scope?: ScopeRef | undefined }[] | undefined;
  /** The credential's hash; `null` until the user chooses a password through a link. */
  readonly passwordHash: string | null;
  /** The requested last day of a third-party user's access; the maximum when absent. */
  readonly thirdPartyLastDay?: RequestedExpiry | undefined;
  /** The invitation to record (and `send` now, with the personal `message`); `null`: none (sign-up, directory users). */
  readonly invitation: { readonly send: boolean; readonly message: string | null } | null;
  /** Whether the user becomes the organization's contact person when it has none (an invitation: yes; a self sign-up: no). */
  readonly mayBecomeContactPerson: boolean;
}

/** A member as admitted: the stored user and what came with them. */
export interface AdmittedMember<UA extends object> {
  readonly user: User<UA>;
  /** The warnings the user's data raised ("warn, but allow"), fields prefixed with `user.`. */
  readonly warnings: readonly Diagnostic[];
  readonly assignments: readonly RoleAssignment[];
  /** Every role granted: the admission's own (requested or default), then the first member's. */
  readonly roles: readonly PlacedRole[];
  /** The stored invitation (sent when asked); `null` when the admission asked for none. */
  readonly invitation: Invitation | null;
  /** The organization had no member before. */
  readonly first: boolean;
  /** The first member's roles among `roles`. */
  readonly firstMemberRoles: readonly PlacedRole[];
  /** The user became the organization's contact person. */
  readonly contactPerson: boolean;
}

/**
 * The one admission path, inside the command's unit of work: the pure rules decide, this writes.
 *
 * 0. Directory: in a directory-backed organization only the directory's own update adds users other
 *    than third-party ones (the zoned workspace's LDAP rule), whichever path asks.
 * 1. Roles: the members are counted, then `planAdmissionRoles` (the placement guard) checks the
 *    requested roles like grants or picks the defaults, and adds the first member's roles.
 * 2. Member plan: `planMember` (the third-party window, the user-data rules against the users sharing
 *    the e-mail or full name).
 * 3. Writes: the user (a taken username is a `duplicate`; under enforced unique e-mail the store's
 *    index also stops a concurrent twin), its credential, its role assignments.
 * 4. First member / contact person: the organization record is written when the user is its first
 *    member with first-member roles, or becomes its contact person: the write bumps its version, so of
 *    two concurrent first admissions one is a `conflict`.
 * 5. Invitation: drafted by `draftInvitation`, sent now when asked (a single-use link in the
 *    `invitation` mail, queued in the same unit of work), stored.
 *
 * The caller writes the audit event.
 */
export async function admitMember<UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<string, string, string, UA, OA, Native>, "catalog" | "model" | "secrets" | "links" | "directoryOf">,
  c: CommandScope<string, UA, OA, Native>,
  admission: MemberAdmission,
): Promise<Result<AdmittedMember<UA>, TenureError>> {
  const organizationId = c.organization.id;
  const directoryManaged = checkDirectoryAdmission(context.directoryOf(organizationId), admission.user, c.organization.name);
  if (directoryManaged.isErr()) return err(directoryManaged.error);
  const membersBefore = await countMembersBefore(c);
  if (membersBefore.isErr()) return err(membersBefore.error);
  const placed = planAdmissionRoles(rolePlacementContext(context.catalog, c), { requested: admission.roles, membersBefore: membersBefore.value });
  if (placed.isErr()) return err(placed.error);
  const { roles, first, firstMemberRoles } = placed.value;
  const invitedBy = c.actor.type === "user" ? c.actor.user.id : null;

  const [sameEmail, sameName] = await Promise.all([
    c.tx.users.findByEmail(organizationId, admission.user.email),
    c.tx.users.findByFullName(organizationId, admission.user.fullName),
  ]);
  const others = new Map<string, ExistingUserData>([...sameEmail, ...sameName].map((other) => [other.id, other]));
  const plan = planMember<UA>(
    { user: admission.user, thirdPartyLastDay: admission.thirdPartyLastDay },
    { id: c.newId("user") as UserId, organizationId, now: c.now, model: context.model, settings: c.settings, others: others.values(), account: admission.account, invitedBy },
  );
  if (plan.isErr()) return err(plan.error);

  const inserted = await c.tx.users.insert(plan.value.user, { uniqueEmail: c.settings.emailUniqueness === "enforce" });
  if (inserted.isErr()) return err(inserted.error);
  const user = inserted.value;
  const credential = await c.tx.credentials.insert({
    userId: user.id,
    organizationId,
    passwordHash: admission.passwordHash,
    mustChangePassword: false,
    failedAttempts: 0,
    lockedUntil: null,
    version: 0,
    updatedAt: c.now,
  });
  if (credential.isErr()) return err(credential.error);
  const assignments = await grantRoles(c, user.id, roles);
  if (assignments.isErr()) return err(assignments.error);

  // The organization as this unit of work last wrote it: a batch admits many members in one unit, and
  // only the first of them becomes the contact person.
  // (A contact person named when the unit began stays: no read needed then.)
  const organization = c.organization.contactPersonId !== null ? c.organization : ((await c.tx.organizations.get(organizationId)) ?? c.organization);
  const contactPerson = admission.mayBecomeContactPerson && organization.contactPersonId === null;
  if ((first && firstMemberRoles.length > 0) || contactPerson) {
    const updated = await c.tx.organizations.update({ ...organization, ...(contactPerson ? { contactPersonId: user.id } : {}), updatedAt: c.now });
    if (updated.isErr()) return err(updated.error);
  }

  let invitation: Invitation | null = null;
  if (admission.invitation !== null) {
    const unsent = draftInvitation(
      { id: c.newId("invitation") as InvitationId, organizationId, userId: user.id, email: user.email, roles, message: admission.invitation.message, invitedBy },
      c.now,
    );
    const ready = admission.invitation.send ? await dispatchInvitation(context, c, unsent, user) : ok(unsent);
    if (ready.isErr()) return err(ready.error);
    const stored = await c.tx.invitations.insert(ready.value);
    if (stored.isErr()) return err(stored.error);
    invitation = stored.value;
  }
  return ok({ user, warnings: plan.value.warnings, assignments: assignments.value, roles, invitation, first, firstMemberRoles, contactPerson });
}

/** Units of work known to hold a member already: a batch admitting many users counts the members once. */
const unitsWithMembers = new WeakSet<object>();

/** 0 when the organization has no member yet, else 1 (all the first-member rule needs); read once per unit of work. */
async function countMembersBefore<UA extends object, OA extends object, Native>(c: CommandScope<string, UA, OA, Native>): Promise<Result<number, TenureError>> {
  if (unitsWithMembers.has(c.tx)) return ok(1);
  const members = await c.tx.users.list(c.organization.id, userQuerySchema.parse({ filter: { statuses: [...MEMBER_STATUSES] }, limit: 1, total: "none" }));
  if (members.isErr()) return err(members.error);
  // Whoever this admission adds is a member for the next admission of the same unit.
  unitsWithMembers.add(c.tx);
  return ok(members.value.items.length);
}

/** Stores the role assignments of a new user. */
async function grantRoles<UA extends object, OA extends object, Native>(
  c: CommandScope<string, UA, OA, Native>,
  userId: UserId,
  roles: readonly PlacedRole[],
): Promise<Result<RoleAssignment[], TenureError>> {
  const granted: RoleAssignment[] = [];
  for (const { role, scope } of roles) {
    const inserted = await c.tx.assignments.insert({
      id: c.newId("assignment") as RoleAssignmentId,
      organizationId: c.organization.id,
      principal: { type: "user", id: userId },
      role,
      scope: { kind: scope.kind, id: scope.id },
      grantedBy: c.actor.type === "user" ? c.actor.user.id : null,
      grantedAt: c.now,
    });
    if (inserted.isErr()) return err(inserted.error);
    granted.push(inserted.value);
  }
  return ok(granted);
}

/**
 * The zoned workspace's rule for a directory-backed organization: "new users, except third-party
 * ones, can then only be added through LDAP". Refused with `directory_managed` for any other path
 * (an invitation, a sign-up, a spreadsheet import, an identity provider).
 */
function checkDirectoryAdmission(
  directory: DirectoryBinding | null,
  user: MemberAdmission["user"],
  organizationName: string,
): Result<void, ForbiddenError> {
  if (directory === null || user.thirdParty === true) return ok(undefined);
  const source = user.source;
  if (source !== undefined && source.type === "directory" && source.source === directory.source) return ok(undefined);
  return err(
    TenureErrors.forbidden(
      "directory_managed",
      `The users of ${organizationName} come from the directory "${directory.source}": add them there and run an update; only third-party users are added here.`,
    ),
  );
}
