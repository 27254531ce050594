import { err, ok, type Result } from "neverthrow";
import * as z from "zod";
import { PLATFORM_TARGET, type AccessTarget } from "../../../../access/access-target.js";
import type { Catalog } from "../../../../access/catalog.js";
import { decideFirstMember, MEMBER_STATUSES } from "../../../../access/first-member.js";
import { checkGrant } from "../../../../access/guards/grant-guards.js";
import { checkGrantPlacement, mayGrantInOrganization, scopeProblem } from "../../../../access/guards/grant-placement.js";
import { userQuerySchema } from "../../../../model/user-query.js";
import type { RoleAssignmentId, UserId } from "../../../../model/ids.js";
import type { InvitedRole } from "../../../../model/invitation.js";
import type { RoleAssignment } from "../../../../model/role-assignment.js";
import { organizationScope, PLATFORM_SCOPE, sameScope, scopeKey, scopeRefSchema, type ScopeRef } from "../../../../model/scope.js";
import { TenureErrors, type Diagnostic, type TenureError } from "../../../../model/tenure-error.js";
import type { CommandScope, JsonObject } from "../../../_internal/run-command.js";

/** Most roles one new user may be given at once. */
export const INITIAL_ROLES_MAX = 100;

/** A role a new user is given: a role of the catalog, in the organization (the default) or a scope below it, or the platform. */
export const initialRoleSchema = z.object({
  role: z.string().min(1).max(200),
  scope: scopeRefSchema.optional(),
});

/** A role to grant, with its scope decided and the target its checks are made at. */
export interface PlacedRole {
  readonly role: string;
  readonly scope: ScopeRef;
  readonly target: AccessTarget;
}

type Scope = Pick<CommandScope<string, object, object, unknown>, "organization" | "target" | "actorPermissionsAt">;

function targetOf(c: Scope, scope: ScopeRef): AccessTarget {
  return scope.kind === PLATFORM_SCOPE.kind ? PLATFORM_TARGET : c.target(scope);
}

/**
 * Checks the roles an admin gives a new user, all of them before anything is written: every name must
 * be a role of the catalog and every scope a scope of this organization (or the platform), each pair
 * once (a `validation` error naming `roles.<i>.…` for each problem); then each grant must pass
 * {@link checkGrant} for the actor (grantable in that scope kind, within the organization's
 * entitlements, no escalation), else `forbidden`. The placement rules (organization kinds,
 * requirements) are {@link admissionRoles}'s, which sees the first member's roles too.
 */
export function placeRequestedRoles(
  catalog: Catalog<string, string, string>,
  c: Scope,
  requested: readonly { readonly role: string; readonly scope?: ScopeRef | undefined }[],
): Result<PlacedRole[], TenureError> {
  const findings: Diagnostic[] = [];
  const placed: PlacedRole[] = [];
  const seen = new Set<string>();
  requested.forEach((request, index) => {
    const at = `roles.${index}`;
    const scope = request.scope ?? organizationScope(c.organization.id);
    if (!catalog.isRole(request.role)) {
      findings.push({ severity: "error", field: `${at}.role`, code: "unknown_role", message: `"${request.role}" is not a role of the catalog.` });
    }
    const problem = scopeProblem(catalog, c.organization.id, scope);
    if (problem !== null) findings.push({ severity: "error", field: `${at}.scope.${problem.field}`, code: problem.code, message: problem.message });
    const key = `${request.role}@${scopeKey(scope)}`;
    if (seen.has(key)) {
      findings.push({ severity: "error", field: at, code: "duplicate_role", message: `The role "${request.role}" is given twice in the same scope.` });
    }
    seen.add(key);
    placed.push({ role: request.role, scope: { kind: scope.kind, id: scope.id }, target: targetOf(c, scope) });
  });
  if (findings.length > 0) return err(TenureErrors.validation(findings));
  for (const grant of placed) {
    const allowed = checkGrant({ catalog, actorHere: c.actorPermissionsAt(grant.target), role: grant.role, target: grant.target });
    if (allowed.isErr()) return err(allowed.error);
  }
  return ok(placed);
}

/**
 * The catalog's default roles, as every new member gets them when no roles are named: each in the
 * organization's scope, or at the platform for a default role grantable only there (the marketplace's
 * platform-wide "Buyer (default)"); a default role grantable in neither, or whose `organizationKinds`
 * exclude this organization, is not given. They are the catalog author's rule, not the actor's grant,
 * so no escalation check applies; the organization's entitlements still cap what they confer.
 */
export function placeDefaultRoles(catalog: Catalog<string, string, string>, c: Scope): PlacedRole[] {
  return catalog.defaultRoles.flatMap((role): PlacedRole[] => {
    if (catalog.isGrantableIn(role, "organization")) {
      const scope = organizationScope(c.organization.id);
      return mayGrantInOrganization(catalog, role, c.organization, scope) ? [{ role, scope, target: targetOf(c, scope) }] : [];
    }
    if (catalog.isGrantableIn(role, PLATFORM_SCOPE.kind)) return [{ role, scope: PLATFORM_SCOPE, target: PLATFORM_TARGET }];
    return [];
  });
}

/** The roles a new member receives, and whether they are the organization's first member. */
export interface AdmissionRoles {
  /** Every role to grant: the admission's own (requested or default), then the first member's. */
  readonly roles: readonly PlacedRole[];
  /** The organization had no member before: the caller writes the organization record, so a concurrent first admission conflicts. */
  readonly first: boolean;
  /** The first member's roles among `roles` (not already asked for). */
  readonly firstMemberRoles: readonly PlacedRole[];
}

/**
 * The roles of every admission path (invitation, sign-up): the requested roles checked like grants
 * ({@link placeRequestedRoles}), or the default roles when none are named; plus, for the
 * organization's first member, the catalog's first-member roles ({@link decideFirstMember}, the
 * members counted in this unit of work). The requested roles then pass the one placement guard
 * {@link checkGrantPlacement} as a whole, together with the first member's roles (organization kinds;
 * the requested set, with what the new user receives beside it, meets its own requirements).
 */
export async function admissionRoles(
  catalog: Catalog<string, string, string>,
  c: Scope & Pick<CommandScope<string, object, object, unknown>, "tx">,
  requested: readonly { readonly role: string; readonly scope?: ScopeRef | undefined }[] | undefined,
): Promise<Result<AdmissionRoles, TenureError>> {
  const own = requested === undefined ? ok(placeDefaultRoles(catalog, c)) : placeRequestedRoles(catalog, c, requested);
  if (own.isErr()) return err(own.error);
  const members = await c.tx.users.list(c.organization.id, userQuerySchema.parse({ filter: { statuses: [...MEMBER_STATUSES] }, limit: 1 }));
  if (members.isErr()) return err(members.error);
  const decision = decideFirstMember(catalog, { organization: c.organization, membersBefore: members.value.items.length });
  const scope = organizationScope(c.organization.id);
  const firstMemberRoles = decision.roles
    .filter((role) => !own.value.some((placed) => placed.role === role && sameScope(placed.scope, scope)))
    .map((role): PlacedRole => ({ role, scope, target: targetOf(c, scope) }));
  if (requested !== undefined) {
    const placement = checkGrantPlacement(catalog, { organization: c.organization, granted: own.value, held: firstMemberRoles, holder: "the new user" });
    if (placement.isErr()) return err(placement.error);
  }
  return ok({ roles: [...own.value, ...firstMemberRoles], first: decision.first, firstMemberRoles });
}

/** Stores the role assignments of a new user. */
export async function grantInitialRoles<UA extends object, OA extends object, Native>(
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

/** The roles as an invitation records them. */
export function invitedRoles(roles: readonly PlacedRole[]): InvitedRole[] {
  return roles.map(({ role, scope }) => ({ role, scope: { kind: scope.kind, id: scope.id } }));
}

/** The roles as the audit log shows them. */
export function rolesJson(roles: readonly Pick<PlacedRole, "role" | "scope">[]): JsonObject[] {
  return roles.map(({ role, scope }) => ({ role, scope: { kind: scope.kind, id: scope.id } }));
}
