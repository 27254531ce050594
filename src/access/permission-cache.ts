import type { Tagged } from "type-fest";
import type { OrganizationId, UserId } from "../model/ids.js";
import type { ScopeRef } from "../model/scope.js";
import { createInvalidationLog } from "./_internal/invalidation-log.js";
import {
  addRecord,
  CHECKED,
  findRecord,
  GENERATION,
  HOME,
  ID,
  KIND,
  PERMISSIONS,
  recordCount,
  recordsFor,
  removeRecord,
  STRIDE,
  TARGET,
  type Records,
  type UserRecords,
} from "./_internal/scope-records.js";
import type { EffectivePermissions } from "./effective-permissions.js";

/**
 * Whose permissions a cache entry holds: a user and the organization the user belongs to. Both are
 * part of the key: the same user id asked about as a user of another organization finds nothing.
 */
export interface PermissionCacheUser {
  readonly organizationId: OrganizationId;
  readonly userId: UserId;
}

/**
 * Where the permissions hold: a scope inside an organization (the organization itself when `scope` is
 * absent), or a scope above every organization (`organizationId: null`, e.g. the platform).
 */
export type PermissionCachePlace =
  | { readonly organizationId: OrganizationId; readonly scope?: ScopeRef | undefined }
  | { readonly organizationId: null; readonly scope: ScopeRef };

/**
 * The generation a computation starts from: take it with {@link PermissionCache.stamp} before the read
 * that computes the permissions begins, and hand it to {@link PermissionCache.set}.
 */
export type PermissionCacheStamp = Tagged<number, "PermissionCacheStamp">;

/**
 * Caches effective permissions per (user and their organization, scope and its organization), and
 * forgets exactly what a change affects: a user's entries when their assignments, memberships or status
 * change; every entry of the users of an organization, and every entry inside it, when its entitlements,
 * its partner or a group's roles change. Entries past their `validUntil` are never served.
 *
 * The cache cannot go back in time: `set` takes the stamp taken before the read that computed the value
 * began, and stores nothing if an invalidation that could concern the entry (of the user, of the user's
 * organization, of the target organization, or a `clear`) happened since. So a read that raced a
 * committed change (read the old rows, then the change committed and invalidated) cannot leave the old
 * answer behind. Invalidate after the change is committed.
 *
 * Instance state only: make one per process (or per tenant) and share it. Calls are synchronous, so
 * concurrent requests of one process interleave only between them.
 */
export interface PermissionCache<PermissionName extends string = string> {
  /** The current generation: take it before the read whose result will be {@link PermissionCache.set}. */
  stamp(): PermissionCacheStamp;
  /** The cached permissions, or `undefined` when absent, invalidated, or no longer valid at `now`. */
  get(user: PermissionCacheUser, place: PermissionCachePlace, now: Date): EffectivePermissions<PermissionName> | undefined;
  /**
   * Caches permissions computed from a read that began after `stamp` was taken. Returns `false`, and
   * stores nothing, when an invalidation of the user, of either organization, or a clear happened since.
   */
  set(user: PermissionCacheUser, place: PermissionCachePlace, permissions: EffectivePermissions<PermissionName>, stamp: PermissionCacheStamp): boolean;
  /** Forgets every entry of these users (assignment, group membership or account status changed). */
  invalidateUsers(userIds: Iterable<string>): void;
  /**
   * Forgets every entry in scopes of this organization and every entry of its users (entitlements or
   * partner changed, a group role changed).
   */
  invalidateOrganization(organizationId: OrganizationId): void;
  /** Forgets everything (the catalog changed). */
  clear(): void;
  /** How many entries are held. */
  readonly size: number;
}

/** Options of {@link createPermissionCache}. */
export interface PermissionCacheOptions {
  /** Bounds memory: past it, the users cached longest ago are dropped first. Default 1,000,000. */
  readonly maxEntries?: number;
  /**
   * How many invalidated users, and how many invalidated organizations, are remembered to refuse late
   * `set`s. Past it the oldest are forgotten, and a computation stamped before them is refused (or an
   * entry computed before them is dropped) as if they concerned it. Default 100,000.
   */
  readonly maxTrackedInvalidations?: number;
}

/**
 * Makes a {@link PermissionCache}.
 *
 * @example
 * ```ts
 * const cache = createPermissionCache({ maxEntries: 500_000 });
 * const user = { organizationId, userId };
 * const place = { organizationId };
 * let permissions = cache.get(user, place, now);
 * if (permissions === undefined) {
 *   const stamp = cache.stamp(); // before the read begins
 *   permissions = resolver.effective(await loadSubject(user), target, now);
 *   cache.set(user, place, permissions, stamp);
 * }
 * ```
 */
export function createPermissionCache<P extends string = string>(options: PermissionCacheOptions = {}): PermissionCache<P> {
  const maxEntries = options.maxEntries ?? 1_000_000;
  const tracked = options.maxTrackedInvalidations ?? 100_000;
  // user id → the user's records (see scope-records.ts): no key string is built and no entry object read on a hit.
  const byUser = new Map<string, UserRecords>();
  const users = createInvalidationLog(tracked);
  const organizations = createInvalidationLog(tracked);
  let size = 0;
  /** How many invalidations happened: each gets the next position; a stamp is the count at the time. */
  let invalidations = 0;
  /** Bumped whenever an organization's entries may have become stale: a record checked at the current count is current. */
  let organizationChanges = 0;
  const dropUser = (userId: string): void => {
    const records = byUser.get(userId);
    if (records === undefined) return;
    size -= recordCount(records);
    byUser.delete(userId);
  };
  /** Whether an organization invalidation after `generation` concerns an entry of a user of `home` in `target`. */
  const organizationChangedSince = (generation: number, home: string, target: string | null): boolean =>
    organizations.latest(home) > generation || (target !== null && organizations.latest(target) > generation);

  /** The rest of `get` for the record at `at`: its permissions, or `undefined` after forgetting it when stale. */
  const check = (user: UserRecords, records: Records, at: number, now: Date): EffectivePermissions<P> | undefined => {
    const permissions = records[at + PERMISSIONS] as EffectivePermissions<P>;
    const validUntil = permissions.validUntil;
    let stale = validUntil !== null && validUntil.getTime() <= now.getTime();
    if (!stale && records[at + CHECKED] !== organizationChanges) {
      // Some organization was invalidated since this record was last checked: one of this record's?
      stale = organizationChangedSince(records[at + GENERATION] as number, records[at + HOME] as string, records[at + TARGET] as string | null);
      if (!stale) records[at + CHECKED] = organizationChanges;
    }
    if (!stale) return permissions;
    removeRecord(user, records, at);
    size -= 1;
    return undefined;
  };

  return {
    stamp: () => invalidations as PermissionCacheStamp,
    get(user, place, now) {
      const held = byUser.get(user.userId);
      if (held === undefined) return undefined;
      const scope = place.scope;
      const target = place.organizationId;
      const id = scope === undefined ? target : scope.id;
      const kind = scope === undefined ? "organization" : scope.kind;
      const home = user.organizationId;
      const records = Array.isArray(held) ? held : held.get(id as string);
      if (records === undefined) return undefined;
      for (let at = 0; at < records.length; at += STRIDE) {
        if (records[at + ID] !== id || records[at + KIND] !== kind || records[at + HOME] !== home || records[at + TARGET] !== target) continue;
        const permissions = records[at + PERMISSIONS] as EffectivePermissions<P>;
        // The hot path, kept small so it inlines into callers: no organization invalidated since, no end date.
        if (records[at + CHECKED] === organizationChanges && permissions.validUntil === null) return permissions;
        return check(held, records, at, now);
      }
      return undefined;
    },
    set(user, place, permissions, stamp) {
      const userId = user.userId;
      const home = user.organizationId;
      const target = place.organizationId;
      if (users.latest(userId) > stamp || organizationChangedSince(stamp, home, target)) return false;
      const scope = place.scope;
      const id = scope === undefined ? (target as string) : scope.id;
      const kind = scope === undefined ? "organization" : scope.kind;
      const held = byUser.get(userId);
      const records = held === undefined ? undefined : recordsFor(held, id);
      const at = records === undefined ? -1 : findRecord(records, id, kind, home, target);
      if (records !== undefined && at >= 0) {
        records[at + PERMISSIONS] = permissions;
        records[at + GENERATION] = stamp;
        records[at + CHECKED] = organizationChanges;
        return true;
      }
      byUser.set(userId, addRecord(held ?? [], [id, kind, home, target, permissions, stamp, organizationChanges]));
      size += 1;
      while (size > maxEntries) {
        const oldest = byUser.keys().next();
        if (oldest.done === true) break;
        dropUser(oldest.value);
      }
      return true;
    },
    invalidateUsers(userIds) {
      invalidations += 1;
      for (const userId of userIds) {
        dropUser(userId);
        users.note(userId, invalidations);
      }
    },
    invalidateOrganization(organizationId) {
      invalidations += 1;
      organizations.note(organizationId, invalidations);
      organizationChanges += 1;
    },
    clear() {
      invalidations += 1;
      users.forgetAll(invalidations);
      organizations.forgetAll(invalidations);
      organizationChanges += 1;
      byUser.clear();
      size = 0;
    },
    get size() {
      return size;
    },
  };
}
