import { bitIndexes, type BitSet } from "./bit-set.js";
import type { CompiledCatalog } from "./catalog.js";

/**
 * The permissions a user holds in one scope at one instant: a compiled bit set, so `has` is a map
 * lookup and a bit test. `validUntil` says when the answer may change without any write (a block
 * ends, a third-party window closes); caches must not serve it after that. The methods are not bound:
 * call them on the object (`permissions.has(name)`), or wrap them (`(name) => permissions.has(name)`).
 */
export interface EffectivePermissions<PermissionName extends string = string> {
  /** Whether the permission is held. Unknown names are not held. */
  has(permission: PermissionName): boolean;
  /** Whether the permission with this compiled index is held (for hot loops that resolved the index once). */
  hasIndex(index: number): boolean;
  /** The held permissions in catalog order. */
  list(): PermissionName[];
  /** The instant from which this answer may be wrong, or `null`. */
  readonly validUntil: Date | null;
  /** The raw bit set, indexed like the catalog's permissions. */
  readonly bits: Readonly<BitSet>;
}

/** Makes the {@link EffectivePermissions} of bit sets indexed like `names`. */
export type EffectivePermissionsFactory<P extends string> = (bits: BitSet, validUntil: Date | null) => EffectivePermissions<P>;

/**
 * The factory of one catalog's {@link EffectivePermissions}: a class made once per catalog (per
 * resolver), whose methods hold the catalog's name index, so an answer is a small object of two fields
 * (its bit set and `validUntil`) and `has` is one lookup in that index and a bit test.
 */
export function effectivePermissionsFactory<P extends string>(compiled: CompiledCatalog, names: readonly P[]): EffectivePermissionsFactory<P> {
  const index = compiled.permissionIndex;
  class BitPermissions implements EffectivePermissions<P> {
    readonly validUntil: Date | null;
    readonly bits: BitSet;

    constructor(bits: BitSet, validUntil: Date | null) {
      this.validUntil = validUntil;
      this.bits = bits;
    }

    has(permission: P): boolean {
      const at = index.get(permission);
      return at !== undefined && ((this.bits[at >>> 5] ?? 0) & (1 << (at & 31))) !== 0;
    }

    hasIndex(at: number): boolean {
      return ((this.bits[at >>> 5] ?? 0) & (1 << (at & 31))) !== 0;
    }

    list(): P[] {
      return bitIndexes(this.bits).map((at) => names[at] as P);
    }
  }
  return (bits, validUntil) => new BitPermissions(bits, validUntil);
}
