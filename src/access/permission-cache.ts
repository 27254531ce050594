import type { OrganizationId } from "../model/ids.js";
import type { ScopeRef } from "../model/scope.js";
import {
  addRecord,
  COUNTER,
  findRecord,
  GENERATION,
  ID,
  KIND,
  PERMISSIONS,
  recordCount,
  recordsFor,
  removeRecord,
  STAMP,
  STRIDE,
  type Records,
  type UserRecords,
} from "./_internal/scope-records.js";
import type { EffectivePermissions } from "./effective-permissions.js";

/**
 * Caches effective permissions per (user, scope), and forgets exactly what a change affects: a user's
 * entries when their assignments, memberships or status change; every entry inside an organization when
 * its entitlements or partner change. Entries past their `validUntil` are never served. Instance state
 * only: make one per process (or per tenant) and share it.
 */
export interface PermissionCache<PermissionName extends string = string> {
  /** The cached permissions, or `undefined` when absent, invalidated, or no longer valid at `now`. */
  get(userId: string, scope: ScopeRef, now: Date): EffectivePermissions<PermissionName> | undefined;
  /** Caches the permissions of a user in a scope that lies in `organizationId` (`null` above organizations). */
  set(userId: string, scope: ScopeRef, organizationId: OrganizationId | null, permissions: EffectivePermissions<PermissionName>): void;
  /** Forgets every entry of these users (assignment, group membership or account status changed). */
  invalidateUsers(userIds: Iterable<string>): void;
  /** Forgets every entry in scopes of this organization (entitlements or partner changed, a group role changed). */
  invalidateOrganization(organizationId: OrganizationId): void;
  /** Forgets everything (the catalog changed). */
  clear(): void;
  /** How many entries are held. */
  readonly size: number;
}

/** One counter per organization, shared by its entries: a hit compares two numbers instead of looking the organization up. */
interface Generation {
  value: number;
}

/**
 * Makes a {@link PermissionCache}. `maxEntries` bounds memory: past it, the users cached longest ago are
 * dropped first.
 *
 * @example
 * ```ts
 * const cache = createPermissionCache({ maxEntries: 500_000 });
 * const cached = cache.get(user.id, scope, now) ?? compute();
 * ```
 */
export function createPermissionCache<P extends string = string>(options: { readonly maxEntries?: number } = {}): PermissionCache<P> {
  const maxEntries = options.maxEntries ?? 1_000_000;
  // user id → the user's records (see scope-records.ts): no key string is built and no entry object read on a hit.
  const byUser = new Map<string, UserRecords>();
  const generations = new Map<string, Generation>();
  let size = 0;
  /** How many times an organization was invalidated: a record stamped with the current count is current. */
  let invalidations = 0;
  const generationOf = (organizationId: OrganizationId): Generation => {
    let generation = generations.get(organizationId);
    if (generation === undefined) {
      generation = { value: 0 };
      generations.set(organizationId, generation);
    }
    return generation;
  };
  const dropUser = (userId: string): void => {
    const records = byUser.get(userId);
    if (records === undefined) return;
    size -= recordCount(records);
    byUser.delete(userId);
  };

  /** The rest of `get` for the record at `at`: its permissions, or `undefined` after forgetting it when stale. */
  const check = (user: UserRecords, records: Records, at: number, now: Date): EffectivePermissions<P> | undefined => {
    const permissions = records[at + PERMISSIONS] as EffectivePermissions<P>;
    const validUntil = permissions.validUntil;
    let stale = validUntil !== null && validUntil.getTime() <= now.getTime();
    if (!stale && records[at + STAMP] !== invalidations) {
      // Some organization was invalidated since this record was last checked: was it this one's?
      const counter = records[at + COUNTER] as Generation | null;
      if (counter !== null && counter.value !== records[at + GENERATION]) stale = true;
      else records[at + STAMP] = invalidations;
    }
    if (!stale) return permissions;
    removeRecord(user, records, at);
    size -= 1;
    return undefined;
  };

  return {
    get(userId, scope, now) {
      const user = byUser.get(userId);
      if (user === undefined) return undefined;
      const records = Array.isArray(user) ? user : user.get(scope.id);
      if (records === undefined) return undefined;
      for (let at = 0; at < records.length; at += STRIDE) {
        if (records[at + ID] !== scope.id || records[at + KIND] !== scope.kind) continue;
        const permissions = records[at + PERMISSIONS] as EffectivePermissions<P>;
        // The hot path, kept small so it inlines into callers: nothing invalidated since, no end date.
        if (records[at + STAMP] === invalidations && permissions.validUntil === null) return permissions;
        return check(user, records, at, now);
      }
      return undefined;
    },
    set(userId, scope, organizationId, permissions) {
      const counter = organizationId === null ? null : generationOf(organizationId);
      const generation = counter === null ? 0 : counter.value;
      const user = byUser.get(userId);
      const records = user === undefined ? undefined : recordsFor(user, scope.id);
      const at = records === undefined ? -1 : findRecord(records, scope.id, scope.kind);
      if (records !== undefined && at >= 0) {
        records[at + PERMISSIONS] = permissions;
        records[at + COUNTER] = counter;
        records[at + GENERATION] = generation;
        records[at + STAMP] = invalidations;
        return;
      }
      byUser.set(userId, addRecord(user ?? [], [scope.id, scope.kind, permissions, counter, generation, invalidations]));
      size += 1;
      while (size > maxEntries) {
        const oldest = byUser.keys().next();
        if (oldest.done === true) break;
        dropUser(oldest.value);
      }
    },
    invalidateUsers(userIds) {
      for (const userId of userIds) dropUser(userId);
    },
    invalidateOrganization(organizationId) {
      generationOf(organizationId).value += 1;
      invalidations += 1;
    },
    clear() {
      byUser.clear();
      size = 0;
    },
    get size() {
      return size;
    },
  };
}
