/**
 * The model in Casbin: RBAC with domains (domain = organization), the model text in code.
 *
 * - `g, user, role, org` for a direct assignment; `g, user, group, org` + `g, group, role, org` for groups.
 * - Role inheritance `g, role, included, org`, repeated in every organization: Casbin's role manager keeps
 *   one role graph per domain, and a domain pattern (`*` with `addNamedDomainMatchingFunc`) rebuilds a
 *   merged graph on every `g()` call, which is far slower.
 * - A role's own permissions `p, role, *, permission`: one line per role and permission, for every domain.
 *   Writing them per organization (`p, role, org, permission`) would multiply the policy by 1,000, and
 *   `enforce` scans every `p` line, so `*` is the idiomatic (and only workable) form here.
 *
 * Warm check = `enforceSync(user, org, permission)`: Casbin keeps no per-user state, so every check
 * walks the policy. Cold per user = the user's implicit permissions in each of their organizations
 * (`getImplicitRolesForUser(user, org)`, then the `p` lines of those roles via `getFilteredPolicy`);
 * the one-time policy load is reported separately.
 */
import { newEnforcer, newModelFromString, StringAdapter, type Enforcer } from "casbin";
import type { PermissionEngine } from "./engine.js";
import type { PermissionModel, UserDef } from "./model.js";
import type { QueryList } from "./queries.js";

export const CASBIN_MODEL = `
[request_definition]
r = sub, dom, obj

[policy_definition]
p = sub, dom, obj

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.obj == p.obj && (p.dom == "*" || p.dom == r.dom) && g(r.sub, p.sub, r.dom)
`;

/** The policy of a model as Casbin CSV lines. */
export function casbinPolicy(model: PermissionModel): string {
  const lines: string[] = [];
  for (const role of model.roles) for (const permission of role.permissions) lines.push(`p, ${role.name}, *, ${model.permissionNames[permission] as string}`);
  for (const organization of model.organizationIds) {
    for (const role of model.roles) for (const included of role.includes) lines.push(`g, ${role.name}, ${(model.roles[included] as { name: string }).name}, ${organization}`);
  }
  for (const group of model.groups) {
    const organization = model.organizationIds[group.organization] as string;
    for (const role of group.roles) lines.push(`g, ${group.id}, ${(model.roles[role] as { name: string }).name}, ${organization}`);
    for (const member of group.members) lines.push(`g, ${(model.users[member] as UserDef).id}, ${group.id}, ${organization}`);
  }
  for (const user of model.users) {
    for (const holding of user.assignments) {
      lines.push(`g, ${user.id}, ${(model.roles[holding.role] as { name: string }).name}, ${model.organizationIds[holding.organization] as string}`);
    }
  }
  return lines.join("\n");
}

/** Loads the whole model into a fresh enforcer. */
export async function loadCasbin(model: PermissionModel, policy = casbinPolicy(model)): Promise<Enforcer> {
  return newEnforcer(newModelFromString(CASBIN_MODEL), new StringAdapter(policy));
}

export function createCasbinEngine(model: PermissionModel, enforcer: Enforcer): PermissionEngine & { implicitPermissions(user: number): Promise<Set<string>[]> } {
  const roleNames = new Set(model.roles.map((role) => role.name));
  const implicitPermissions = async (user: number): Promise<Set<string>[]> => {
    const def = model.users[user] as UserDef;
    const sets: Set<string>[] = [];
    for (const organization of def.organizations) {
      const permissions = new Set<string>();
      for (const role of await enforcer.getImplicitRolesForUser(def.id, model.organizationIds[organization] as string)) {
        if (!roleNames.has(role)) continue;
        for (const line of await enforcer.getFilteredPolicy(0, role, "*")) permissions.add(line[2] as string);
      }
      sets.push(permissions);
    }
    return sets;
  };
  return {
    name: "Casbin",
    coldMeaning: "getImplicitRolesForUser + getFilteredPolicy per organization of the user (policy already loaded)",
    implicitPermissions,
    warmUser() {},
    warmAll() {},
    warmFor() {},
    checkAll(queries: QueryList): number {
      let allowed = 0;
      for (let index = 0; index < queries.length; index += 1) {
        if (enforcer.enforceSync(queries.userIds[index], queries.organizationIds[index], queries.permissionNames[index])) allowed += 1;
      }
      return allowed;
    },
    answer(queries: QueryList, out: Uint8Array) {
      for (let index = 0; index < queries.length; index += 1) {
        out[index] = enforcer.enforceSync(queries.userIds[index], queries.organizationIds[index], queries.permissionNames[index]) ? 1 : 0;
      }
    },
    buildUser: implicitPermissions,
    reset() {},
  };
}
