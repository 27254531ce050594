/**
 * The company-level permissions that hold in an organization: its own entitlements intersected with
 * those of every partner above it (a customer never holds more than its partner passes on, even after
 * the partner lost one). `null` caps nothing, so the intersection of `null`s is `null`; a partner's
 * list caps an uncapped customer to that list. Pure; the order of the result follows the first capped
 * list, so equal inputs give equal outputs.
 *
 * @example
 * ```ts
 * entitlementCap([["orders.view", "orders.edit"], ["orders.view"]]); // ["orders.view"]
 * entitlementCap([null, ["orders.view"]]); // ["orders.view"]
 * entitlementCap([null, null]); // null
 * ```
 */
export function entitlementCap(chain: readonly (readonly string[] | null)[]): readonly string[] | null {
  let cap: readonly string[] | null = null;
  for (const entitlements of chain) {
    if (entitlements === null) continue;
    cap = cap === null ? [...new Set(entitlements)] : cap.filter((permission) => entitlements.includes(permission));
  }
  return cap;
}
