/**
 * Joins key parts with U+0000, which no id, sort key or e-mail can contain, so distinct part lists never
 * make the same key (`org_1` + `ann` never collides with `org_1a` + `nn`).
 */
export function compositeKey(...parts: readonly string[]): string {
  return parts.join("\u0000");
}
