import type { Group } from "../model/group.js";
import type { GroupId, RoleAssignmentId, UserId } from "../model/ids.js";
import type { RoleAssignment } from "../model/role-assignment.js";
import type { ScopeRef } from "../model/scope.js";

/** How a grant reaches the user: held directly, or through a group the user is a member of. */
export type GrantPath = { readonly type: "direct" } | { readonly type: "group"; readonly groupId: GroupId; readonly groupName: string };

/** A role a user holds in a scope, and how: the input of the resolver. */
export interface Grant {
  readonly assignmentId: RoleAssignmentId;
  readonly role: string;
  readonly scope: ScopeRef;
  readonly via: GrantPath;
}

/**
 * The grants of a user: the assignments held by the user directly, plus those held by each group the
 * user is a member of. Assignments of other principals are ignored, so callers may pass a superset.
 */
export function grantsOf(
  userId: UserId,
  assignments: readonly RoleAssignment[],
  groups: readonly Pick<Group, "id" | "name" | "memberIds">[],
): Grant[] {
  // The groups the user belongs to, by id (a later duplicate id wins), built only once a group assignment shows up.
  let memberOf: Map<string, Pick<Group, "id" | "name" | "memberIds">> | undefined;
  const grants: Grant[] = [];
  for (let at = 0; at < assignments.length; at += 1) {
    const assignment = assignments[at] as RoleAssignment;
    const principal = assignment.principal;
    if (principal.type === "user") {
      if (principal.id === userId) grants.push({ assignmentId: assignment.id, role: assignment.role, scope: assignment.scope, via: { type: "direct" } });
      continue;
    }
    if (memberOf === undefined) {
      memberOf = new Map();
      for (const group of groups) if (group.memberIds.includes(userId)) memberOf.set(group.id, group);
    }
    const group = memberOf.get(principal.id);
    if (group !== undefined) {
      grants.push({ assignmentId: assignment.id, role: assignment.role, scope: assignment.scope, via: { type: "group", groupId: group.id, groupName: group.name } });
    }
  }
  return grants;
}
