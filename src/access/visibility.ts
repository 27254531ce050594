import { ACCOUNT_STATUSES, type AccountStatus } from "../model/account-state.js";
import type { Group } from "../model/group.js";
import type { User } from "../model/user.js";
import type { UserVisibility } from "../model/user-query.js";

/** The viewer of a user or group list: who they are, and whether they administer the account. */
export interface Viewer {
  readonly user: Pick<User, "id" | "audience">;
  /** Holds the organization's user-management permission (administrators see everything). */
  readonly isAdmin: boolean;
}

/**
 * What a viewer may see of the users of an account (the document workspace): administrators and
 * internal users see everyone; external users see the users who share a group with them; guests see no
 * other users. Pass it as `UserQuery.visibility` so the store filters where the data is.
 */
export function userVisibilityFor(viewer: Viewer): UserVisibility {
  if (viewer.isAdmin || viewer.user.audience === "internal") return { type: "all" };
  if (viewer.user.audience === "external") return { type: "shared_groups", viewerId: viewer.user.id };
  return { type: "self", viewerId: viewer.user.id };
}

/** Whether a viewer may see one user, given the groups of the account (or at least those of the two users). */
export function canSee(viewer: Viewer, target: Pick<User, "id">, groups: Iterable<Pick<Group, "memberIds">>): boolean {
  if (target.id === viewer.user.id) return true;
  const visibility = userVisibilityFor(viewer);
  if (visibility.type === "all") return true;
  if (visibility.type === "self") return false;
  for (const group of groups) {
    if (group.memberIds.includes(viewer.user.id) && group.memberIds.includes(target.id)) return true;
  }
  return false;
}

/** The groups a viewer may see: all of them for administrators and internal users, their own for external users, none for guests. */
export function visibleGroups<G extends Pick<Group, "memberIds">>(viewer: Viewer, groups: readonly G[]): G[] {
  const visibility = userVisibilityFor(viewer);
  if (visibility.type === "all") return [...groups];
  if (visibility.type === "self") return [];
  return groups.filter((group) => group.memberIds.includes(viewer.user.id));
}

/**
 * The account statuses shown to viewers who do not administer the organization: de-activated and
 * removed users appear on admin lists only (the zoned workspace: "show on Group and Zone Admin user
 * lists, but otherwise not be visible").
 */
export const SHOWN_TO_MEMBERS: readonly AccountStatus[] = ACCOUNT_STATUSES.filter((status) => status !== "deactivated" && status !== "removed");
