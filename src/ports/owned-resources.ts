import type { Result } from "neverthrow";
import type { OrganizationId, UserId } from "../model/ids.js";
import type { TenureError } from "../model/tenure-error.js";

/** How many resources of each kind were affected, e.g. `{ documents: 12, collections: 3 }`. */
export type OwnedResourceCounts = Readonly<Record<string, number>>;

/** Whose resources, inside which unit of work. `native` is the store's own transaction handle. */
export interface OwnedResourcesContext<Native> {
  /** The store's transaction (e.g. a Kysely transaction), so the host's data work commits or rolls back with the removal. */
  readonly native: Native;
  readonly organizationId: OrganizationId;
  readonly userId: UserId;
}

/**
 * The host's data that belongs to a user (documents, collections, upload interfaces…). When a user is
 * removed, `tenure` asks this port to delete or transfer it inside the same unit of work, and records
 * the counts in the audit log.
 */
export interface OwnedResources<Native = unknown> {
  /** Counts what the user owns, to show before the admin decides. */
  count(context: OwnedResourcesContext<Native>): Promise<OwnedResourceCounts>;
  /** Deletes everything the user owns, irrevocably. */
  deleteAll(context: OwnedResourcesContext<Native>): Promise<Result<OwnedResourceCounts, TenureError>>;
  /** Makes `toUserId` the owner of everything the user owns. */
  transfer(
    context: OwnedResourcesContext<Native> & { readonly toUserId: UserId },
  ): Promise<Result<OwnedResourceCounts, TenureError>>;
}
