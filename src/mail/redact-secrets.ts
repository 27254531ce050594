/**
 * Replaces every occurrence of every secret in `value` by `marker`, in one pass from left to right:
 * at each position the longest secret that starts there is replaced, and the scan goes on after it, so
 * the marker itself is never searched and everything outside the occurrences stays exactly as it was.
 * Empty secrets are ignored; with no secret, `value` is returned unchanged.
 *
 * No secret survives: should one still occur in the result (only possible for a secret that overlaps the
 * marker, such as a "secret" `"link"` with the marker `"[link removed]"`), the whole result is the
 * empty string instead.
 *
 * @example
 * ```ts
 * const link = "https://app.example/invitation?token=Zx9…";
 * redactSecrets(`Accept here:\n${link}\n`, [link], "[link removed after delivery]");
 * // "Accept here:\n[link removed after delivery]\n"
 * ```
 */
export function redactSecrets(value: string, secrets: readonly string[], marker: string): string {
  const searched = [...new Set(secrets)].filter((secret) => secret !== "").sort((a, b) => b.length - a.length);
  if (searched.length === 0) return value;
  // The next occurrence of each secret at or after `from` (-1: none left), refreshed only once passed.
  const next = searched.map((secret) => value.indexOf(secret));
  let output = "";
  let from = 0;
  for (;;) {
    let at = -1;
    let length = 0;
    for (const [index, secret] of searched.entries()) {
      let found = next[index] ?? -1;
      if (found !== -1 && found < from) {
        found = value.indexOf(secret, from);
        next[index] = found;
      }
      // Longest first: on a tie of positions the earlier (longer) secret wins.
      if (found !== -1 && (at === -1 || found < at)) {
        at = found;
        length = secret.length;
      }
    }
    if (at === -1) break;
    output += value.slice(from, at) + marker;
    from = at + length;
  }
  output += value.slice(from);
  return searched.some((secret) => output.includes(secret)) ? "" : output;
}
