import type { CatalogSpec } from "../../../access/catalog-spec.js";
import type { AccountState } from "../../../model/account-state.js";
import type { GroupId, OrganizationId, RoleAssignmentId, UserId } from "../../../model/ids.js";
import type { RoleAssignment } from "../../../model/role-assignment.js";
import type { ScopeRef } from "../../../model/scope.js";
import type { AccessWorld, WorldGroup, WorldOrganization, WorldScope, WorldUser } from "../access-world.js";
import type { AccountGene, AssignmentGene, Offset, WorldGenes } from "./world-genes.js";

/** The instant worlds start from; `now` is up to a year after it. */
export const BASE_INSTANT = Date.UTC(2026, 0, 1);
/** A role name no generated catalog declares. */
export const UNKNOWN_ROLE = "retired_role";
/** A permission name no generated catalog declares, found in some entitlement lists. */
export const UNKNOWN_PERMISSION = "retired.permission";
/** A scope no world holds. */
export const MISSING_SCOPE: ScopeRef = Object.freeze({ kind: "organization", id: "org_gone" });

type Spec = CatalogSpec<string, string, string>;

/** The scope kinds of a spec: their parents, depths, and whether `organization` is a strict ancestor. */
export interface KindTree {
  readonly parent: ReadonlyMap<string, string | null>;
  readonly depth: ReadonlyMap<string, number>;
  /** Kinds outside every organization, parents first, `platform` included. */
  readonly outer: readonly string[];
  /** Kinds strictly below `organization`. */
  readonly inner: readonly string[];
}

export function kindTree(spec: Spec): KindTree {
  const parent = new Map(Object.entries(spec.scopes).map(([kind, scope]) => [kind, scope.parent ?? null] as const));
  const ancestors = (kind: string): string[] => {
    const chain: string[] = [];
    for (let current = parent.get(kind) ?? null; current !== null && chain.length <= parent.size; current = parent.get(current) ?? null) chain.push(current);
    return chain;
  };
  const depth = new Map([...parent.keys()].map((kind) => [kind, ancestors(kind).length] as const));
  const byDepth = [...parent.keys()].sort((a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0));
  return {
    parent,
    depth,
    outer: byDepth.filter((kind) => kind !== "organization" && !ancestors(kind).includes("organization")),
    inner: byDepth.filter((kind) => ancestors(kind).includes("organization")),
  };
}

const at = (now: Date, offset: Offset): Date => new Date(now.getTime() + offset);

function accountOf(gene: AccountGene, now: Date): AccountState {
  switch (gene.status) {
    case "blocked":
      return { status: "blocked", until: gene.until === null ? null : at(now, gene.until), reason: gene.reason };
    case "removed":
      return { status: "removed", at: at(now, gene.at) };
    case "deactivated":
      return { status: "deactivated", reason: gene.reason };
    default:
      return { status: gene.status };
  }
}

function pick<T>(items: readonly T[], gene: number): T | undefined {
  return items.length === 0 ? undefined : items[gene % items.length];
}

/** Builds the world the genes describe for a catalog spec. */
export function buildWorld(spec: Spec, tree: KindTree, genes: WorldGenes): AccessWorld {
  const now = new Date(BASE_INSTANT + genes.now * 60_000);
  const scopes: WorldScope[] = [];
  const ofKind = new Map<string, WorldScope[]>();
  const add = (scope: ScopeRef, parent: WorldScope | undefined, organizationId: OrganizationId | null): WorldScope => {
    const world: WorldScope = { scope, path: [scope, ...(parent?.path ?? [])], organizationId };
    scopes.push(world);
    ofKind.set(scope.kind, [...(ofKind.get(scope.kind) ?? []), world]);
    return world;
  };
  const parentOf = (kind: string, gene: number): WorldScope | undefined | null => {
    const parentKind = tree.parent.get(kind) ?? null;
    if (parentKind === null) return undefined;
    return pick(ofKind.get(parentKind) ?? [], gene) ?? null;
  };

  let outerIndex = 0;
  for (const kind of tree.outer) {
    const gene = kind === "platform" ? { count: 1, parent: 0 } : (genes.outer[outerIndex++] ?? { count: 1, parent: 0 });
    for (let index = 0; index < gene.count; index += 1) {
      const parent = parentOf(kind, gene.parent + index);
      if (parent === null) continue;
      add({ kind, id: kind === "platform" ? "platform" : `${kind}_${index}` }, parent, null);
    }
  }

  const organizationIds = genes.organizations.map((_, index) => `org_${index}` as OrganizationId);
  const organizations: WorldOrganization[] = genes.organizations.map((gene, index) => {
    const id = organizationIds[index] as OrganizationId;
    const partner = gene.partner === null ? null : (pick(organizationIds, gene.partner) ?? null);
    const entitlements =
      gene.entitlements === null
        ? null
        : [
            ...Object.keys(spec.permissions).filter((_, at_) => !gene.entitlements?.drop.some((drop) => drop % Object.keys(spec.permissions).length === at_)),
            ...(gene.entitlements.unknown ? [UNKNOWN_PERMISSION] : []),
          ];
    const parent = parentOf("organization", gene.parent);
    if (parent !== null) add({ kind: "organization", id }, parent, id);
    return { id, partnerId: partner === id ? null : partner, entitlements };
  });

  const subScopes = [...genes.subScopes]
    .map((gene) => ({ gene, kind: pick(tree.inner, gene.kind) }))
    .sort((a, b) => (tree.depth.get(a.kind ?? "") ?? 0) - (tree.depth.get(b.kind ?? "") ?? 0));
  subScopes.forEach(({ gene, kind }, index) => {
    if (kind === undefined) return;
    const parent = parentOf(kind, gene.parent);
    if (parent === null || parent === undefined) return;
    add({ kind, id: `${kind}_${index}` }, parent, parent.organizationId);
  });

  const users: WorldUser[] = genes.users.map((gene, index) => ({
    id: `usr_${index}` as UserId,
    organizationId: pick(organizationIds, gene.organization) as OrganizationId,
    account: accountOf(gene.account, now),
    thirdParty: gene.thirdParty >= 4,
    accessExpiresAt: gene.thirdParty === 3 || gene.thirdParty >= 4 ? (gene.expires === null ? null : at(now, gene.expires)) : null,
  }));
  const groups: WorldGroup[] = genes.groups.map((gene, index) => ({
    id: `grp_${index}` as GroupId,
    organizationId: pick(organizationIds, gene.organization) as OrganizationId,
    name: `Group ${index}`,
    memberIds: [...new Set(gene.members.map((member) => (pick(users, member) as WorldUser).id))],
  }));
  const partial = { now, organizations, scopes, users, groups, assignments: [] };
  const assignments = genes.assignments.map((gene, index) => buildAssignment(spec, partial, gene, `asg_${index}`));
  return { ...partial, assignments };
}

/** An assignment the gene describes in a world: mostly a catalog role where it may be granted. */
export function buildAssignment(spec: Spec, world: AccessWorld, gene: AssignmentGene, id: string): RoleAssignment {
  const group = gene.group ? pick(world.groups, gene.principal) : undefined;
  const user = pick(world.users, gene.principal) as WorldUser;
  const roleNames = Object.keys(spec.roles);
  const role = gene.mode === 0 ? UNKNOWN_ROLE : (pick(roleNames, gene.role) ?? UNKNOWN_ROLE);
  const grantable = world.scopes.filter((scope) => spec.roles[role]?.scopes.includes(scope.scope.kind) === true);
  const scope =
    gene.mode === 2
      ? MISSING_SCOPE
      : ((gene.mode <= 1 || grantable.length === 0 ? pick(world.scopes, gene.scope) : pick(grantable, gene.scope))?.scope ?? MISSING_SCOPE);
  return {
    id: id as RoleAssignmentId,
    organizationId: group?.organizationId ?? user.organizationId,
    principal: group === undefined ? { type: "user", id: user.id } : { type: "group", id: group.id },
    role,
    scope,
    grantedBy: null,
    grantedAt: world.now,
  };
}
