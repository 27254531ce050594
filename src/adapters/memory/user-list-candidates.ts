import type { OrganizationId } from "../../model/ids.js";
import type { UserQuery } from "../../model/user-query.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import type { MemoryTables } from "./memory-tables.js";

/**
 * The ids a user list is restricted to by the filters that are not fields of the user record: `roles`
 * (held directly or through a group the user is a member of, in any scope), `groupIds`, and the
 * visibility (`shared_groups`: members of the viewer's groups, and the viewer; `self`: the viewer).
 * Sets of different filters intersect. `null` when no such filter applies. The ids may name users that
 * no longer exist or belong elsewhere: the caller checks each row.
 */
export function candidateUserIds<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
  organizationId: OrganizationId,
  query: UserQuery,
): ReadonlySet<string> | null {
  const groups = transaction.view(tables.groups);
  const membersOf = (groupId: string, into: Set<string>): void => {
    const group = groups.get(groupId);
    if (group === null || group.value.organizationId !== organizationId) return;
    for (const member of group.value.memberIds) into.add(member);
  };
  let result: Set<string> | null = null;
  const narrow = (ids: Set<string>): void => {
    result = result === null ? ids : new Set([...result].filter((id) => ids.has(id)));
  };

  if (query.filter.roles !== undefined) {
    const assignments = transaction.view(tables.assignments);
    const holders = new Set<string>();
    for (const role of new Set(query.filter.roles)) {
      for (const row of assignments.lookup(tables.assignmentsByRole, organizationId, role)) {
        const { principal } = row.value;
        if (principal.type === "user") holders.add(principal.id);
        else membersOf(principal.id, holders);
      }
    }
    narrow(holders);
  }
  if (query.filter.groupIds !== undefined) {
    const members = new Set<string>();
    for (const groupId of new Set(query.filter.groupIds)) membersOf(groupId, members);
    narrow(members);
  }
  const { visibility } = query;
  if (visibility.type === "self") narrow(new Set([visibility.viewerId]));
  if (visibility.type === "shared_groups") {
    const visible = new Set<string>([visibility.viewerId]);
    for (const row of groups.lookup(tables.groupsByMember, organizationId, visibility.viewerId)) {
      for (const member of row.value.memberIds) visible.add(member);
    }
    narrow(visible);
  }
  return result;
}
