/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
const HEADER_BREAKING = /[\p{Cc}\u2028\u2029]/gu;
/** Control characters except line feed and tab. */
const TEXT_CONTROL = /[^\P{Cc}\n\t]/gu;

/** For a header: every control character and line separator becomes a space, so no value can start a new header. */
export function sanitizeHeaderValue(value: string): string {
  return value.replace(HEADER_BREAKING, " ");
}

/** For a text body: CR LF and lone CR become LF; every other control character but LF and tab is removed. */
export function sanitizeBodyValue(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(TEXT_CONTROL, "");
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes `& < > " '`, so a value is text in element content and in quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

/** Cuts `value` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return value.slice(0, end);
}

/**
 * Like {@link truncate}, but never cuts inside one of `spans` (half-open ranges of UTF-16 units): a cut
 * that would fall inside one is moved to its start, so a secret is either whole or absent.
 */
export function truncateOutside(value: string, max: number, spans: readonly { readonly start: number; readonly end: number }[]): string {
  if (value.length <= max) return value;
  let end = max;
  for (const span of spans) if (span.start < end && end < span.end) end = span.start;
  return truncate(value, end);
}
