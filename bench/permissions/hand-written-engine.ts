/**
 * The practical limit: a minimal resolver written for this model only. Role closures precomputed as
 * `Uint32Array`s, one bit set per (user, organization) in nested `Map`s keyed by the id strings; a check
 * is two map lookups, the permission's index, and a bit test. No account states, scopes, delegation,
 * entitlements, requirements or invalidation.
 */
import type { PermissionEngine } from "./engine.js";
import { roleClosures, type GroupDef, type PermissionModel, type UserDef } from "./model.js";
import type { QueryList } from "./queries.js";

export function createHandWrittenEngine(model: PermissionModel): PermissionEngine & { bitsOf(user: number, organization: number): Uint32Array } {
  const words = Math.ceil(model.size.permissions / 32);
  const closures = roleClosures(model).map((permissions) => {
    const bits = new Uint32Array(words);
    for (const permission of permissions) bits[permission >>> 5] = (bits[permission >>> 5] as number) | (1 << (permission & 31));
    return bits;
  });
  const permissionIndex = new Map(model.permissionNames.map((name, index) => [name, index]));
  let byUser = new Map<string, Map<string, Uint32Array>>();

  const orInto = (target: Uint32Array, source: Uint32Array): void => {
    for (let word = 0; word < words; word += 1) target[word] = (target[word] as number) | (source[word] as number);
  };
  const bitsOf = (user: number, organization: number): Uint32Array => {
    const def = model.users[user] as UserDef;
    const bits = new Uint32Array(words);
    for (const holding of def.assignments) if (holding.organization === organization) orInto(bits, closures[holding.role] as Uint32Array);
    for (const index of def.groups) {
      const group = model.groups[index] as GroupDef;
      if (group.organization !== organization) continue;
      for (const role of group.roles) orInto(bits, closures[role] as Uint32Array);
    }
    return bits;
  };
  const store = (user: number, organization: number, bits: Uint32Array): void => {
    const id = (model.users[user] as UserDef).id;
    let entries = byUser.get(id);
    if (entries === undefined) {
      entries = new Map();
      byUser.set(id, entries);
    }
    entries.set(model.organizationIds[organization] as string, bits);
  };

  const warm = (user: number): void => {
    for (const organization of (model.users[user] as UserDef).organizations) store(user, organization, bitsOf(user, organization));
  };

  return {
    name: "hand-written",
    coldMeaning: "OR of precomputed role closures per organization of the user",
    bitsOf,
    warmUser: warm,
    warmAll() {
      for (let user = 0; user < model.users.length; user += 1) warm(user);
    },
    warmFor(queries: QueryList) {
      for (let index = 0; index < queries.length; index += 1) {
        if (byUser.get(queries.userIds[index] as string)?.get(queries.organizationIds[index] as string) === undefined) {
          store(queries.user[index] as number, queries.organization[index] as number, bitsOf(queries.user[index] as number, queries.organization[index] as number));
        }
      }
    },
    checkAll(queries: QueryList): number {
      const { userIds, organizationIds, permissionNames } = queries;
      let allowed = 0;
      let misses = 0;
      for (let index = 0; index < queries.length; index += 1) {
        const bits = byUser.get(userIds[index] as string)?.get(organizationIds[index] as string);
        const permission = permissionIndex.get(permissionNames[index] as string);
        if (bits === undefined) misses += 1;
        else if (permission !== undefined && ((bits[permission >>> 5] as number) & (1 << (permission & 31))) !== 0) allowed += 1;
      }
      if (misses > 0) throw new Error(`hand-written: ${misses} misses in a warm run`);
      return allowed;
    },
    answer(queries: QueryList, out: Uint8Array) {
      for (let index = 0; index < queries.length; index += 1) {
        let bits = byUser.get(queries.userIds[index] as string)?.get(queries.organizationIds[index] as string);
        if (bits === undefined) {
          bits = bitsOf(queries.user[index] as number, queries.organization[index] as number);
          store(queries.user[index] as number, queries.organization[index] as number, bits);
        }
        const permission = permissionIndex.get(queries.permissionNames[index] as string);
        out[index] = permission !== undefined && ((bits[permission >>> 5] as number) & (1 << (permission & 31))) !== 0 ? 1 : 0;
      }
    },
    buildUser(user: number) {
      return (model.users[user] as UserDef).organizations.map((organization) => bitsOf(user, organization));
    },
    reset() {
      byUser = new Map();
    },
  };
}
