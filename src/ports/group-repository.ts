import type { Group } from "../model/group.js";
import type { GroupId, OrganizationId, UserId } from "../model/ids.js";
import type { DeleteResult, InsertResult, UpdateResult } from "./write-result.js";

/** Stores groups, scoped to one organization and versioned like users. */
export interface GroupRepository {
  /** The group, or `null`. */
  get(organizationId: OrganizationId, id: GroupId): Promise<Group | null>;
  /** Every group of the organization, ordered by name (by `sortKey`), then id. */
  list(organizationId: OrganizationId): Promise<Group[]>;
  /** The groups the user is a member of, ordered like `list`. */
  listForMember(organizationId: OrganizationId, userId: UserId): Promise<Group[]>;
  /** Stores a new group (`version` 0). */
  insert(group: Group): InsertResult<Group>;
  /** Replaces a group as read; `conflict` if it changed since. */
  update(group: Group): UpdateResult<Group>;
  /** Deletes a group as read. */
  delete(organizationId: OrganizationId, id: GroupId, expectedVersion: number): DeleteResult;
}
