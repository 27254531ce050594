import type { ScopeRef } from "../../model/scope.js";
import type { AccessTarget } from "../access-target.js";
import type { CompiledCatalog } from "../catalog.js";
import type { Grant } from "../grant.js";
import { andInto, clearBit, emptyBits, hasBit, isSubset, orInto, type BitSet } from "../bit-set.js";

/**
 * Whether a grant applies at the target: a plain role applies in its scope and every scope below it; a
 * role delegated to customers applies in the customer organizations of the organization it was granted
 * in (and below them), and not in that organization itself. A role held in a scope kind where the
 * catalog does not allow it applies nowhere.
 */
export function grantReaches(compiled: CompiledCatalog, grant: Grant, target: AccessTarget): boolean {
  const role = compiled.roleIndex.get(grant.role);
  return role !== undefined && reaches(compiled, role, grant, target);
}

/** {@link grantReaches} for a grant whose role index is already known. */
function reaches(compiled: CompiledCatalog, role: number, grant: Pick<Grant, "scope">, target: AccessTarget): boolean {
  const granted = grant.scope;
  // An assignment in a scope kind where the catalog does not allow the role (stale data) confers nothing.
  if (compiled.grantableIn[role]?.has(granted.kind) !== true) return false;
  if (compiled.delegated[role] === true) {
    return granted.kind === "organization" && target.organization !== null && target.organization.partnerId === granted.id;
  }
  const path = target.path;
  for (let at = 0; at < path.length; at += 1) {
    const scope = path[at] as ScopeRef;
    if (scope.kind === granted.kind && scope.id === granted.id) return true;
  }
  return false;
}

/** The union of the permission closures of every grant that reaches the target (each role name looked up once). */
export function grantedBits(compiled: CompiledCatalog, grants: readonly Pick<Grant, "role" | "scope">[], target: AccessTarget): BitSet {
  const bits: BitSet = new Uint32Array(compiled.words);
  for (let at = 0; at < grants.length; at += 1) {
    const grant = grants[at] as Pick<Grant, "role" | "scope">;
    const role = compiled.roleIndex.get(grant.role);
    if (role === undefined || !reaches(compiled, role, grant, target)) continue;
    orInto(bits, compiled.roleClosures[role] as BitSet);
  }
  return bits;
}

/** The bit set of a list of permission names; unknown names are ignored. */
export function bitsOfNames(compiled: CompiledCatalog, names: readonly string[]): BitSet {
  const bits = emptyBits(compiled.permissionIndex.size);
  for (const name of names) {
    const index = compiled.permissionIndex.get(name);
    if (index !== undefined) bits[index >>> 5] = (bits[index >>> 5] ?? 0) | (1 << (index & 31));
  }
  return bits;
}

/**
 * Reduces `bits` in place to its largest subset in which every permission's requirements are present:
 * drop any permission missing a requirement, and repeat until nothing changes (dropping one can orphan
 * another).
 */
export function reduceToRequirements(compiled: CompiledCatalog, bits: BitSet): BitSet {
  let changed = true;
  while (changed) {
    changed = false;
    for (const index of compiled.permissionsWithRequirements) {
      if (!hasBit(bits, index)) continue;
      if (!isSubset(compiled.requirements[index] as BitSet, bits)) {
        clearBit(bits, index);
        changed = true;
      }
    }
  }
  return bits;
}

/** Granted, capped by entitlements (`null`: no cap), reduced to requirements: the effective bit set. */
export function effectiveBitsOf(
  compiled: CompiledCatalog,
  grants: readonly Grant[],
  target: AccessTarget,
  entitlements: BitSet | null,
): BitSet {
  const bits = grantedBits(compiled, grants, target);
  if (entitlements !== null) andInto(bits, entitlements);
  return reduceToRequirements(compiled, bits);
}

/** A copy of `bits` with every bit of `more` added. */
export function union(bits: BitSet, more: BitSet): BitSet {
  const copy = bits.slice();
  orInto(copy, more);
  return copy;
}
