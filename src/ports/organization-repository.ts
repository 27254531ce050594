import type { OrganizationId } from "../model/ids.js";
import type { Organization } from "../model/organization.js";
import type { InsertResult, UpdateResult } from "./write-result.js";

/**
 * Stores organizations. Versioned: `update` takes the record as read (its `version` is the version
 * read), refuses with `conflict` if the stored version differs, and stores it with `version + 1`.
 */
export interface OrganizationRepository<A extends object> {
  /** The organization, or `null`. */
  get(id: OrganizationId): Promise<Organization<A> | null>;
  /** The customers of a partner organization, ordered by id. */
  listCustomers(partnerId: OrganizationId): Promise<Organization<A>[]>;
  /**
   * Every organization, ordered by id (code point order), for system jobs that visit them all (the
   * expiry sweep). Keyset paging: only organizations whose id is after `after`, at most `limit` of them
   * (all when omitted; a `limit` below 1 returns none). Pages never skip nor repeat an organization that
   * exists throughout, even when others are inserted between pages. Reads the transaction's snapshot
   * plus its own writes.
   */
  list(options?: { readonly after?: OrganizationId; readonly limit?: number }): Promise<Organization<A>[]>;
  /** Stores a new organization (its `version` must be 0). `duplicate` if the id is taken. */
  insert(organization: Organization<A>): InsertResult<Organization<A>>;
  /** Replaces an organization; see the interface for the version rule. */
  update(organization: Organization<A>): UpdateResult<Organization<A>>;
}
