/**
 * Random permission questions over a model, as parallel arrays: every engine answers the same list. A
 * question carries the strings a host has at hand (user id, permission name, organization id) and their
 * indexes in the model.
 */
import { seededRandom, type PermissionModel, type UserDef } from "./model.js";

export interface QueryList {
  readonly length: number;
  readonly user: Int32Array;
  readonly permission: Int32Array;
  readonly organization: Int32Array;
  readonly userIds: readonly string[];
  readonly permissionNames: readonly string[];
  readonly organizationIds: readonly string[];
}

/**
 * `count` questions in requests: each request is a random user (of the first `userCount`) in one of the
 * user's organizations, or (with probability `foreign`) in any organization, usually one where the user
 * holds nothing, and asks `perRequest` random permissions there.
 */
export function makeQueries(
  model: PermissionModel,
  count: number,
  options: {
    readonly seed: number;
    readonly foreign?: number;
    readonly userCount?: number | undefined;
    /** Questions asked in a row about the same (user, organization), as one request asks several; default 1 (every question scattered). */
    readonly perRequest?: { readonly min: number; readonly max: number };
  },
): QueryList {
  const random = seededRandom(options.seed);
  const foreign = options.foreign ?? 0.1;
  const userCount = options.userCount ?? model.users.length;
  const perRequest = options.perRequest ?? { min: 1, max: 1 };
  const user = new Int32Array(count);
  const permission = new Int32Array(count);
  const organization = new Int32Array(count);
  const userIds: string[] = [];
  const permissionNames: string[] = [];
  const organizationIds: string[] = [];
  let u = 0;
  let o = 0;
  let left = 0;
  for (let index = 0; index < count; index += 1) {
    if (left === 0) {
      u = random.below(userCount);
      const def = model.users[u] as UserDef;
      o = random.next() < foreign ? random.below(model.size.organizations) : (def.organizations[random.below(def.organizations.length)] as number);
      left = random.between(perRequest.min, perRequest.max);
    }
    left -= 1;
    const def = model.users[u] as UserDef;
    const p = random.below(model.size.permissions);
    user[index] = u;
    permission[index] = p;
    organization[index] = o;
    userIds.push(def.id);
    permissionNames.push(model.permissionNames[p] as string);
    organizationIds.push(model.organizationIds[o] as string);
  }
  return { length: count, user, permission, organization, userIds, permissionNames, organizationIds };
}
