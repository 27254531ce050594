import { effectiveStatus } from "../../../src/model/account-state.js";
import type { Group } from "../../../src/model/group.js";
import type { RoleAssignment } from "../../../src/model/role-assignment.js";
import { compareCodePoints, sortKey } from "../../../src/model/sort-key.js";
import type { User } from "../../../src/model/user.js";
import type { UserQuery } from "../../../src/model/user-query.js";

/** The whole answer of a user list, straight from the contract's words: filter everything, sort everything. */
export function naiveUserList(
  data: { readonly users: readonly User[]; readonly groups: readonly Group[]; readonly assignments: readonly RoleAssignment[] },
  organizationId: string,
  query: Omit<UserQuery, "after" | "limit">,
): User[] {
  const { filter, visibility, asOf } = query;
  const groups = data.groups.filter((group) => group.organizationId === organizationId);
  const groupsOf = (userId: string) => groups.filter((group) => group.memberIds.includes(userId as never));
  const holdsRole = (user: User, role: string) =>
    data.assignments.some(
      (assignment) =>
        assignment.organizationId === organizationId &&
        assignment.role === role &&
        (assignment.principal.type === "user"
          ? assignment.principal.id === user.id
          : groupsOf(user.id).some((group) => group.id === assignment.principal.id)),
    );
  const field = query.sort.field;
  const prefix = sortKey(query.prefix ?? "");
  const matching = data.users.filter((user) => {
    if (user.organizationId !== organizationId) return false;
    if (!sortKey(user[field]).startsWith(prefix)) return false;
    if (filter.roles && !filter.roles.some((role) => holdsRole(user, role))) return false;
    if (filter.groupIds && !groupsOf(user.id).some((group) => filter.groupIds!.includes(group.id))) return false;
    if (filter.locations && (user.location === null || !filter.locations.includes(user.location))) return false;
    if (filter.companies && (user.company === null || !filter.companies.includes(user.company))) return false;
    const status = asOf === undefined ? user.account.status : effectiveStatus(user.account, asOf);
    if (filter.statuses && !filter.statuses.includes(status)) return false;
    if (filter.audiences && !filter.audiences.includes(user.audience)) return false;
    if (filter.thirdParty !== undefined && user.thirdParty !== filter.thirdParty) return false;
    if (filter.source !== undefined && user.source.type !== filter.source) return false;
    if (visibility.type === "self" && user.id !== visibility.viewerId) return false;
    if (
      visibility.type === "shared_groups" &&
      user.id !== visibility.viewerId &&
      !groupsOf(user.id).some((group) => group.memberIds.includes(visibility.viewerId))
    ) {
      return false;
    }
    return true;
  });
  const sign = query.sort.direction === "asc" ? 1 : -1;
  return matching.sort((a, b) => sign * (compareCodePoints(sortKey(a[field]), sortKey(b[field])) || compareCodePoints(a.id, b.id)));
}
