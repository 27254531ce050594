// Redaction: whatever the secrets and wherever they sit (in text, in HTML, any number of times), none is
// left, and everything around them is exactly as it was.
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { REDACTION_MARKERS, redactSecrets } from "tenure";

const MARKERS = Object.values(REDACTION_MARKERS);
const BASE64URL = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"];

/** A link as the host's `links` builds one: a secret token, sometimes more query parameters after it. */
const link = fc
  .record({
    purpose: fc.constantFrom("invitation", "activation", "password_reset"),
    token: fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 16, maxLength: 43 }),
    tail: fc.constantFrom("", "&lang=en", "&next=/home's", '&q="<x>"'),
  })
  .map(({ purpose, token, tail }) => `https://app.example/${purpose}?token=${token}${tail}`);

/** The forms renderMail inserts a link in: as is (subject, text) and HTML-escaped. */
const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character] ?? character);

/** Text around the secrets: any characters, and the HTML a template puts around a link. */
const surrounding = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom('<p><a href="', '">', "</a></p>\n", "\n\n", "Accept here: ", "&amp;", "token=", "https://app.example/", ""),
);

/** Where each occurrence of each secret starts, overlapping ones included: a naive reference. */
function occurrences(value: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (let at = 0; at < value.length; at += 1) {
    for (const secret of new Set(secrets)) if (value.startsWith(secret, at)) found.push(`${at}:${secret}`);
  }
  return found.sort();
}

describe("redactSecrets", () => {
  fcTest.prop([
    fc.array(fc.string({ unit: "binary", minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
    fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.nat({ max: 3 })), { maxLength: 20 }),
    fc.oneof(fc.constantFrom(...MARKERS), fc.string({ unit: "binary", maxLength: 30 })),
  ])("no secret is left, whatever the secrets, the text and the marker (even a secret inside the marker)", (secrets, parts, marker) => {
    const value = parts.map((part) => (typeof part === "number" ? (secrets[part % secrets.length] ?? "") : part)).join("");
    const output = redactSecrets(value, secrets, marker);
    for (const secret of secrets) expect(output.includes(secret), `${JSON.stringify(secret)} in ${JSON.stringify(output)}`).toBe(false);
  });

  fcTest.prop([
    fc.array(link, { minLength: 1, maxLength: 3 }),
    fc.array(fc.record({ before: surrounding, secret: fc.nat(), escaped: fc.boolean() }), { maxLength: 8 }),
    surrounding,
    fc.constantFrom(...MARKERS),
  ])("each link, in text or HTML-escaped, in any position and any number of times, becomes the marker; nothing else changes", (links, pieces, end, marker) => {
    const secrets = links.flatMap((value) => [value, escapeHtml(value)]);
    let value = "";
    let expected = "";
    const inserted: string[] = [];
    for (const piece of pieces) {
      const base = links[piece.secret % links.length] ?? "";
      const secret = piece.escaped ? escapeHtml(base) : base;
      value += piece.before;
      expected += piece.before;
      inserted.push(`${value.length}:${secret}`);
      value += secret;
      expected += marker;
    }
    value += end;
    expected += end;
    // The links occur exactly where they were put: the surrounding text does not complete one by chance.
    fc.pre(JSON.stringify(occurrences(value, secrets)) === JSON.stringify(inserted.sort()));

    const output = redactSecrets(value, secrets, marker);
    expect(output).toBe(expected);
    for (const secret of secrets) expect(output).not.toContain(secret);
  });

  fcTest.prop([fc.string({ unit: "binary" }), fc.constantFrom(...MARKERS)])("without secrets (or only empty ones) the value is unchanged", (value, marker) => {
    expect(redactSecrets(value, [], marker)).toBe(value);
    expect(redactSecrets(value, [""], marker)).toBe(value);
  });

  it("takes the longest secret where two start at the same place, and never searches the marker", () => {
    expect(redactSecrets("a https://x/?t=1&b=2 b", ["https://x/?t=1", "https://x/?t=1&b=2"], "[gone]")).toBe("a [gone] b");
    expect(redactSecrets("xx-secret-xx", ["secret"], "[secret removed]")).toBe("");
    expect(redactSecrets("aaaa", ["aa"], "[-]")).toBe("[-][-]");
  });
});
