import type { InvitationId, OrganizationId, UserId } from "../model/ids.js";
import type { Invitation } from "../model/invitation.js";
import type { InsertResult, UpdateResult } from "./write-result.js";

/** Stores invitations, scoped to one organization and versioned. */
export interface InvitationRepository {
  /** The invitation, or `null`. */
  get(organizationId: OrganizationId, id: InvitationId): Promise<Invitation | null>;
  /** The invitations of a user, newest first. */
  listForUser(organizationId: OrganizationId, userId: UserId): Promise<Invitation[]>;
  /** Stores a new invitation (`version` 0). */
  insert(invitation: Invitation): InsertResult<Invitation>;
  /** Replaces an invitation as read; `conflict` if it changed since. */
  update(invitation: Invitation): UpdateResult<Invitation>;
}
