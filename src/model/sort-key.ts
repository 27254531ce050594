/**
 * The key users are sorted and prefix-searched by: Unicode NFKC, lower-cased, compared by code point
 * ({@link compareCodePoints}). Storage adapters store this key (e.g. in a `COLLATE "C"` column) so that
 * every adapter sorts and pages exactly alike.
 *
 * @example
 * ```ts
 * sortKey("Åsa Berg") < sortKey("bob") // false: "å" sorts after "b" by code point
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

/**
 * Compares two strings as `COLLATE "C"` does in a UTF-8 database: by Unicode code point, which is the
 * order of their UTF-8 bytes; returns -1, 0 or 1. (Plain `<` compares UTF-16 code units, which puts
 * characters above U+FFFF before U+E000–U+FFFF: a database would page such keys differently.)
 */
export function compareCodePoints(a: string, b: string): -1 | 0 | 1 {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Moves surrogates (which encode code points above U+FFFF) after U+E000–U+FFFF, keeping each group's order. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}
