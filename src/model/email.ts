/**
 * The form in which two e-mail addresses are compared: Unicode NFKC, trimmed, lower-cased.
 * Idempotent: `normalizeEmail(normalizeEmail(x)) === normalizeEmail(x)`.
 *
 * @example
 * ```ts
 * normalizeEmail(" Ａnna@Example.COM ") // "anna@example.com"
 * ```
 */
export function normalizeEmail(email: string): string {
  // Lower-casing can produce characters that NFKC changes again (and vice versa), so repeat until stable.
  let current = email.trim();
  for (;;) {
    const next = current.normalize("NFKC").toLowerCase().trim();
    if (next === current) return next;
    current = next;
  }
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+)*$/u;
const DOMAIN_LABEL = /^(?!-)[A-Za-z0-9\u0080-\uFFFF-]{1,63}(?<!-)$/u;

/**
 * Whether an address is well formed: no white space or control character, one `@`, a dot-atom local
 * part of at most 64 characters, and a domain of at least two labels, the last not numeric; 254
 * characters at most (RFC 5321). Quoted local parts and IP-literal domains are refused: real mailboxes
 * do not use them.
 */
export function isWellFormedEmail(email: string): boolean {
  // The character classes below admit non-ASCII (internationalized addresses); white space and control
  // characters of any script are still refused.
  if (email.length > 254 || /[\s\p{Cc}]/u.test(email)) return false;
  const at = email.lastIndexOf("@");
  if (at <= 0 || at !== email.indexOf("@")) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  const tld = labels[labels.length - 1] ?? "";
  return !/^[0-9]+$/.test(tld);
}
