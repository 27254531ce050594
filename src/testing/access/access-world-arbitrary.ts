import type fc from "fast-check";
import type { Catalog } from "../../access/catalog.js";
import type { AccessWorld } from "./access-world.js";
import { buildWorld, kindTree } from "./_internal/build-world.js";
import { worldGenesArbitrary } from "./_internal/world-genes.js";

/** Bounds of {@link accessWorldArbitrary}; every bound is optional. */
export interface AccessWorldOptions {
  /** Organizations (default 4, at least 1). */
  readonly maxOrganizations?: number;
  /** Scopes below organizations, of the kinds the catalog puts there (default 4). */
  readonly maxSubScopes?: number;
  /** Users (default 5, at least 1). */
  readonly maxUsers?: number;
  /** Groups (default 3). */
  readonly maxGroups?: number;
  /** Role assignments (default 12). */
  readonly maxAssignments?: number;
}

/**
 * Random worlds for one catalog: organizations (some customers of others, some capped by entitlements
 * that lack a few permissions or name one the catalog does not know), the scope tree the catalog's
 * kinds allow (one platform, organizations below it, zones or services below organizations), users in
 * every account state (blocks ending before, at or after `now`, or never; third-party access expiring
 * around `now` or without a date), groups, and role assignments to users and groups: mostly a role of
 * the catalog in a scope where it may be granted, sometimes a role held where it may not be granted, a
 * role the catalog does not know, or a scope the world does not hold (all of which confer nothing).
 *
 * @example
 * ```ts
 * fc.assert(
 *   fc.property(accessWorldArbitrary(catalog), (world) => {
 *     const subject = worldSubject(world, world.users[0].id);
 *     // ... ask the resolver about worldTarget(world, scope) for each of world.scopes
 *   }),
 * );
 * ```
 */
export function accessWorldArbitrary(catalog: Pick<Catalog, "spec">, options: AccessWorldOptions = {}): fc.Arbitrary<AccessWorld> {
  const spec = catalog.spec;
  const tree = kindTree(spec);
  const genes = worldGenesArbitrary({
    outerKinds: tree.outer.filter((kind) => kind !== "platform").length,
    maxOrganizations: Math.max(1, options.maxOrganizations ?? 4),
    maxSubScopes: options.maxSubScopes ?? 4,
    maxUsers: Math.max(1, options.maxUsers ?? 5),
    maxGroups: options.maxGroups ?? 3,
    maxAssignments: options.maxAssignments ?? 12,
  });
  return genes.map((value) => buildWorld(spec, tree, value));
}
