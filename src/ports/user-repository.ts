import type { Result } from "neverthrow";
import type { OrganizationId, UserId } from "../model/ids.js";
import type { ValidationError } from "../model/tenure-error.js";
import type { User } from "../model/user.js";
import type { Page } from "../model/page.js";
import type { ThirdPartyQuery } from "../model/third-party-query.js";
import type { UserQuery } from "../model/user-query.js";
import type { DeleteResult, InsertResult, UpdateResult } from "./write-result.js";

/** How a user write takes part in e-mail uniqueness. */
export interface UserWriteOptions {
  /**
   * `true`: the user claims their normalized e-mail in the organization; a claim already held by
   * another user refuses the write with `duplicate` on `email`. `false`: the user holds no claim.
   * Omitted: an insert claims nothing, and an update keeps the user's claim, moved to the new
   * address when the e-mail changes (refused like a new claim if that address is taken).
   */
  readonly uniqueEmail?: boolean;
}

/**
 * Stores users. Every method is scoped to one organization: a call for organization A never reads,
 * changes or returns a user of B, even when given B's user id.
 *
 * Uniqueness: the username, compared by `sortKey`, is unique within an organization (`duplicate` on
 * `username`). The e-mail, compared by `normalizeEmail`, is unique among the users written with
 * {@link UserWriteOptions.uniqueEmail} (`duplicate` on `email`): the service asks for it where the
 * settings enforce unique e-mail addresses, and the store backs it with a unique index, so two
 * concurrent writes cannot both take one address. Versioned like every aggregate: `update` takes the user as read, refuses with `conflict`
 * if the stored version differs, and stores `version + 1`; `delete` takes the version read.
 */
export interface UserRepository<A extends object> {
  /** The user, or `null`. */
  get(organizationId: OrganizationId, id: UserId): Promise<User<A> | null>;
  /** The users with these ids that exist, in no particular order. */
  getMany(organizationId: OrganizationId, ids: readonly UserId[]): Promise<User<A>[]>;
  /** The user whose username has the same `sortKey`, or `null`. */
  findByUsername(organizationId: OrganizationId, username: string): Promise<User<A> | null>;
  /** The users whose e-mail has the same `normalizeEmail` form. */
  findByEmail(organizationId: OrganizationId, email: string): Promise<User<A>[]>;
  /** The users whose full name has the same `fullNameKey`. */
  findByFullName(organizationId: OrganizationId, fullName: string): Promise<User<A>[]>;
  /**
   * The user provisioned by the source named `source` with this source record id (`externalId`,
   * compared exactly), or `null`. `(source, externalId)` is unique per organization: `insert` and
   * `update` return `duplicate` on field `source.externalId` when another user holds it.
   */
  findBySourceRecord(organizationId: OrganizationId, source: string, externalId: string): Promise<User<A> | null>;
  /**
   * One page of users matching the query, sorted by the sort field's `sortKey` and then id (both in the
   * query's direction), after the cursor. A page never skips nor repeats a row, even when rows are
   * inserted between pages. A cursor from another ordering is a validation error. The page carries the
   * `total` when `countsTotal(query)`: the rows matching the same filters, prefix and visibility,
   * without the cursor, counted in the same snapshot.
   */
  list(organizationId: OrganizationId, query: UserQuery): Promise<Result<Page<User<A>>, ValidationError>>;
  /**
   * One page of the third-party management view: the users with `thirdParty === true` and
   * `accessExpiresAt !== null`, ordered by `(accessExpiresAt, id)` ascending (ids in code point order),
   * after the cursor, filtered by the query (statuses judged at `asOf` as `accountStatusNow` judges
   * them; the sponsor is `invitedBy`), with the `total` under the same predicate when `countsTotal`
   * says so. Cursors are `encodeAccessEndCursor`'s, so they page every adapter alike; another is a
   * validation error on `after`.
   *
   * Cost duty: read from the index of {@link listAccessExpiring}, so a page reads about as many entries
   * as it passes over and a count as many as the organization has third-party users with a date.
   */
  listThirdParty(organizationId: OrganizationId, query: ThirdPartyQuery): Promise<Result<Page<User<A>>, ValidationError>>;
  /**
   * Third-party users whose access ends before `before`: `thirdParty === true`, `accessExpiresAt !== null`
   * and `accessExpiresAt < before`, in any account status (the caller decides whom to act on), ordered by
   * `(accessExpiresAt, id)` ascending (ids in code point order), strictly after the position `after` when
   * given, at most `limit` (a `limit` below 1 returns none). Scoped to the organization like every method.
   *
   * Cost duty: adapters back this with an index on `(organization, accessExpiresAt, id)` holding
   * third-party users only, so a call reads about as many entries as it returns, however many users
   * the organization has (SQL: a partial index `WHERE third_party AND access_expires_at IS NOT NULL`).
   * Reads the transaction's snapshot plus its own writes (a user whose date the transaction moved is
   * found, or not, by the new date).
   */
  listAccessExpiring(
    organizationId: OrganizationId,
    options: {
      readonly before: Date;
      readonly limit: number;
      readonly after?: { readonly at: Date; readonly id: UserId };
      /**
       * `true` when the caller will change the users it gets (the expiry sweep): a database adapter
       * locks them for the transaction and skips users another transaction has locked (`FOR UPDATE
       * SKIP LOCKED`), so two sweeps running at once take disjoint batches instead of queuing behind
       * each other. A snapshot store may ignore it: its conflicts keep the sweeps apart.
       */
      readonly claim?: boolean;
    },
  ): Promise<User<A>[]>;
  /** Stores a new user (`version` 0). */
  insert(user: User<A>, options?: UserWriteOptions): InsertResult<User<A>>;
  /** Replaces a user; see the interface for the version rule. */
  update(user: User<A>, options?: UserWriteOptions): UpdateResult<User<A>>;
  /** Deletes the user record (only for removals that do not keep the profile). */
  delete(organizationId: OrganizationId, id: UserId, expectedVersion: number): DeleteResult;
}
