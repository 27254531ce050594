/**
 * A distinguished name in a form two spellings of the same DN share: attribute types and values in lower
 * case, no spaces around `,`, `+` and `=`. Escapes are kept as written, so `\2C` and `\,` stay distinct
 * (directories write one consistently). Used to match group `member` values with entry DNs.
 */
export function normalizeDn(dn: string): string {
  const parts: string[] = [];
  let current = "";
  let escaped = false;
  for (const char of dn) {
    if (escaped) {
      current += char;
      escaped = false;
    } else if (char === "\\") {
      current += char;
      escaped = true;
    } else if (char === "," || char === "+") {
      parts.push(normalizeAttributeValue(current), char);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(normalizeAttributeValue(current));
  return parts.join("");
}

function normalizeAttributeValue(pair: string): string {
  const equals = pair.indexOf("=");
  if (equals < 0) return trimUnescaped(pair).toLowerCase();
  return `${trimUnescaped(pair.slice(0, equals))}=${trimUnescaped(pair.slice(equals + 1))}`.toLowerCase();
}

function trimUnescaped(text: string): string {
  const trimmed = text.trim();
  return trimmed.endsWith("\\") && text.length > trimmed.length ? `${trimmed} ` : trimmed;
}
