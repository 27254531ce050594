import type { Credential } from "../model/credential.js";
import type { OrganizationId, UserId } from "../model/ids.js";
import type { DeleteResult, InsertResult, UpdateResult } from "./write-result.js";

/** Stores password credentials, one per user, scoped and versioned like users. */
export interface CredentialRepository {
  /** The user's credential, or `null` if none was ever stored. */
  get(organizationId: OrganizationId, userId: UserId): Promise<Credential | null>;
  /** Stores the first credential of a user (`version` 0); `duplicate` if one exists. */
  insert(credential: Credential): InsertResult<Credential>;
  /** Replaces a credential as read; `conflict` if it changed since. */
  update(credential: Credential): UpdateResult<Credential>;
  /** Deletes a user's credential as read (when the user record itself is deleted). */
  delete(organizationId: OrganizationId, userId: UserId, expectedVersion: number): DeleteResult;
}
