import type { OrganizationId, UserId } from "../../model/ids.js";
import type { Principal, RoleAssignment } from "../../model/role-assignment.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";
import type { JsonObject } from "./run-command.js";

/**
 * The users whose permissions an assignment held by `principal` changes: the user, or every member of
 * the group. A group's delegated or platform role reaches beyond the organization, so its members'
 * cache entries are forgotten user by user, never by organization.
 */
export async function usersReachedBy(
  tx: StoreTransaction<object, object, unknown>,
  organizationId: OrganizationId,
  principal: Principal,
): Promise<readonly UserId[]> {
  if (principal.type === "user") return [principal.id];
  const group = await tx.groups.get(organizationId, principal.id);
  return group?.memberIds ?? [];
}

/** An assignment as the audit log shows it. */
export function assignmentJson(assignment: Pick<RoleAssignment, "id" | "principal" | "role" | "scope">): JsonObject {
  return {
    id: assignment.id,
    principal: { type: assignment.principal.type, id: assignment.principal.id },
    role: assignment.role,
    scope: { kind: assignment.scope.kind, id: assignment.scope.id },
  };
}
