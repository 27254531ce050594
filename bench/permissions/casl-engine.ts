/**
 * The model in CASL (`@casl/ability`): CASL has no roles, so each role's permission closure is listed
 * once (as a host's `defineAbilityFor` would); a user's Ability gets one rule per held role,
 * `can(closure, organizationId)`: action = permission, subject type = organization id, no conditions
 * (the fastest form: rules are indexed by subject type and action, nothing is matched per check).
 * Warm check = the user's Ability from a Map + `ability.can(permission, organizationId)`.
 * Cold = building the user's Ability with `AbilityBuilder` + `createMongoAbility`.
 */
import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import type { PermissionEngine } from "./engine.js";
import { roleClosures, type GroupDef, type PermissionModel, type UserDef } from "./model.js";
import type { QueryList } from "./queries.js";

type AppAbility = MongoAbility<[string, string]>;

export function createCaslEngine(model: PermissionModel): PermissionEngine {
  const closureNames = roleClosures(model).map((permissions) => permissions.map((index) => model.permissionNames[index] as string));
  let abilities = new Map<string, AppAbility>();

  const abilityOf = (user: number): AppAbility => {
    const def = model.users[user] as UserDef;
    const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
    for (const holding of def.assignments) can(closureNames[holding.role] as string[], model.organizationIds[holding.organization] as string);
    for (const index of def.groups) {
      const group = model.groups[index] as GroupDef;
      for (const role of group.roles) can(closureNames[role] as string[], model.organizationIds[group.organization] as string);
    }
    return build();
  };

  return {
    name: "CASL",
    coldMeaning: "AbilityBuilder + createMongoAbility with one rule per held role (all the user's organizations)",
    warmUser(user) {
      abilities.set((model.users[user] as UserDef).id, abilityOf(user));
    },
    warmAll() {
      for (let user = 0; user < model.users.length; user += 1) abilities.set((model.users[user] as UserDef).id, abilityOf(user));
    },
    warmFor(queries: QueryList) {
      for (let index = 0; index < queries.length; index += 1) {
        const id = queries.userIds[index] as string;
        if (!abilities.has(id)) abilities.set(id, abilityOf(queries.user[index] as number));
      }
    },
    checkAll(queries: QueryList): number {
      const { userIds, organizationIds, permissionNames } = queries;
      let allowed = 0;
      for (let index = 0; index < queries.length; index += 1) {
        const ability = abilities.get(userIds[index] as string) as AppAbility;
        if (ability.can(permissionNames[index] as string, organizationIds[index] as string)) allowed += 1;
      }
      return allowed;
    },
    answer(queries: QueryList, out: Uint8Array) {
      for (let index = 0; index < queries.length; index += 1) {
        const id = queries.userIds[index] as string;
        let ability = abilities.get(id);
        if (ability === undefined) {
          ability = abilityOf(queries.user[index] as number);
          abilities.set(id, ability);
        }
        out[index] = ability.can(queries.permissionNames[index] as string, queries.organizationIds[index] as string) ? 1 : 0;
      }
    },
    buildUser: abilityOf,
    reset() {
      abilities = new Map();
    },
  };
}
