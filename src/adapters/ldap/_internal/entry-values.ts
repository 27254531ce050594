import type { Entry } from "ldapts";

type EntryValue = Entry[string];

/** An entry's values of one attribute, matched by name without regard to case (servers may change it); `[]` if absent. */
export function entryValues(entry: Entry, name: string): readonly (string | Buffer)[] {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(entry)) {
    if (key === "dn" || key.toLowerCase() !== lower) continue;
    return asArray(value);
  }
  return [];
}

function asArray(value: EntryValue): readonly (string | Buffer)[] {
  if (Array.isArray(value)) return value;
  return [value];
}

/** A value as the port reports it: text as read, a binary value (which ldapts gives as a Buffer) in base64. */
export function valueText(value: string | Buffer): string {
  return typeof value === "string" ? value : value.toString("base64");
}
