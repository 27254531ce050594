/**
 * The key users are sorted and prefix-searched by: Unicode NFKC, lower-cased, compared by UTF-16 code
 * units. Storage adapters store this key (e.g. in a `COLLATE "C"` column) so that every adapter sorts and
 * pages exactly alike.
 *
 * @example
 * ```ts
 * sortKey("Åsa Berg") < sortKey("bob") // false: "å" sorts after "b" by code unit
 * ```
 */
export function sortKey(value: string): string {
  let current = value;
  for (;;) {
    const next = current.normalize("NFKC").toLowerCase();
    if (next === current) return next;
    current = next;
  }
}

/** Compares two strings by code unit, as `COLLATE "C"` does; returns -1, 0 or 1. */
export function compareCodeUnits(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
