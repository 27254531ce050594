import type { ResultAsync } from "neverthrow";
import type { RoleAssignment } from "../../../model/role-assignment.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { grantRole, type GrantRoleInput } from "./grant-role.js";
import { grantRoleToUsers, type GrantRoleToUsersInput } from "./grant-role-to-users.js";
import { removeFromAllZones, type RemoveFromAllZonesInput, type ZoneAccessRemoval } from "./remove-from-all-zones.js";
import { revokeRole, type RevokeRoleInput } from "./revoke-role.js";
import { listAssignments, type ListAssignmentsInput, type ListedAssignment } from "../../queries/list-assignments.js";

/** Granting and revoking roles of users and groups, in an organization and the scopes below it. */
export interface RoleCommands<R extends string> {
  /** Grants a role to a user or a group in the organization or a scope below it. */
  grant(actor: Actor, input: GrantRoleInput<R>): ResultAsync<RoleAssignment, TenureError>;
  /** Revokes a role assignment; never the actor's own admin role, never the last admin's. */
  revoke(actor: Actor, input: RevokeRoleInput): ResultAsync<RoleAssignment, TenureError>;
  /** Grants a role to every user of a filtered list at once and returns how many received it. */
  grantToUsers(actor: Actor, input: GrantRoleToUsersInput<R>): ResultAsync<number, TenureError>;
  /** Super admins: takes a user's own zone access (access roles in zones) away, and says which zones they still reach through groups. */
  removeFromAllZones(actor: Actor, input: RemoveFromAllZonesInput): ResultAsync<ZoneAccessRemoval, TenureError>;
  /** Lists role assignments per user (with their groups'), per group, role or scope, each with the id `revoke` takes (admins). */
  assignments(actor: Actor, input: ListAssignmentsInput): ResultAsync<readonly ListedAssignment[], TenureError>;
}

/**
 * The role commands of a service.
 *
 * @example
 * ```ts
 * const roles = roleCommands(context);
 * await roles.grant(actor, { organizationId, principal: { type: "group", id: groupId }, role: "editor" });
 * ```
 */
export function roleCommands<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
): RoleCommands<R> {
  return {
    grant: (actor, input) => grantRole(context, actor, input),
    revoke: (actor, input) => revokeRole(context, actor, input),
    grantToUsers: (actor, input) => grantRoleToUsers(context, actor, input),
    removeFromAllZones: (actor, input) => removeFromAllZones(context, actor, input),
    assignments: (actor, input) => listAssignments(context, actor, input),
  };
}
