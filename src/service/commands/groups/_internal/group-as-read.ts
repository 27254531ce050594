import { err, ok, type Result } from "neverthrow";
import type { Group } from "../../../../model/group.js";
import type { GroupId, OrganizationId } from "../../../../model/ids.js";
import { TenureErrors, type ConflictError, type NotFoundError } from "../../../../model/tenure-error.js";
import type { StoreTransaction } from "../../../../ports/tenure-store.js";

/**
 * Loads a group of the organization as the caller read it: `not_found` if it is not there (another
 * organization's group included), `conflict` if it changed since `expectedVersion`.
 */
export async function groupAsRead(
  tx: StoreTransaction<object, object, unknown>,
  organizationId: OrganizationId,
  groupId: GroupId,
  expectedVersion: number,
): Promise<Result<Group, NotFoundError | ConflictError>> {
  const group = await tx.groups.get(organizationId, groupId);
  if (group === null) return err(TenureErrors.notFound("group", groupId));
  if (group.version !== expectedVersion) return err(TenureErrors.conflict("group", groupId, expectedVersion, group.version));
  return ok(group);
}
