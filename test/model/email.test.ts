// E-mail addresses are compared as the zoned workspace manual's duplicate check needs: the same mailbox
// written in another case, in fullwidth letters or with surrounding spaces is the same address.
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { isWellFormedEmail, normalizeEmail } from "../../src/index.js";

/** Characters whose NFKC form and lower-case form interact: one changes what the other does. */
const TRICKY = [
  "ℌ", // BLACK-LETTER H: no lower case of its own, NFKC gives "H", which lower-cases to "h"
  "Ⓐ", // CIRCLED A: NFKC "A", lower case "ⓐ"
  "Ω", // OHM SIGN: NFKC Ω (U+03A9), lower case ω
  "K", // KELVIN SIGN
  "Å", // ANGSTROM SIGN
  "㎒", // SQUARE MHZ: NFKC "MHz", mixed case
  "㏈", // SQUARE DB
  "ﬀ", // LATIN SMALL LIGATURE FF
  "İ", // LATIN CAPITAL I WITH DOT ABOVE: lower case is two code points
  "ẞ", // LATIN CAPITAL SHARP S
  "ǅ", // title-case digraph
  "ᴬ", // MODIFIER CAPITAL A: NFKC "A"
  "Ａ", // FULLWIDTH A
  "Σ", // final-sigma rules
  "\u0345", // COMBINING YPOGEGRAMMENI
  "\u00a0", // NO-BREAK SPACE: NFKC " "
  "\u3000", // IDEOGRAPHIC SPACE
  " ",
  "@",
  ".",
];

const fullUnicodeWithLoneSurrogates = fc.string({
  unit: fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)),
});
const anyString = fc.oneof(
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fullUnicodeWithLoneSurrogates,
  fc.string({ unit: fc.constantFrom(...TRICKY) }),
  fc.string({ unit: fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })) }),
);

describe("normalizeEmail", () => {
  it.each([
    ["different case", "Anna.Berg@Example.COM", "anna.berg@example.com"],
    ["fullwidth letters", "ａｎｎａ@ｅｘａｍｐｌｅ.ｃｏｍ", "anna@example.com"],
    ["fullwidth capitals", "ＡＮＮＡ@ＥＸＡＭＰＬＥ.ＣＯＭ", "anna@example.com"],
    ["surrounding spaces", "  anna@example.com\t", "anna@example.com"],
    ["surrounding no-break and ideographic spaces", "\u00a0anna@example.com\u3000", "anna@example.com"],
    ["all of them at once", " Ａnna@Example.COM ", "anna@example.com"],
    ["a compatibility character that NFKC turns into capitals", "㎒@example.com", "mhz@example.com"],
    ["a character NFKC maps before lower-casing matters", "ℌans@example.com", "hans@example.com"],
  ])("folds %s", (_why, written, normal) => {
    expect(normalizeEmail(written)).toBe(normal);
  });

  it("keeps what distinguishes two mailboxes", () => {
    expect(normalizeEmail("anna@example.com")).not.toBe(normalizeEmail("anna.berg@example.com"));
    expect(normalizeEmail("anna@example.com")).not.toBe(normalizeEmail("anna@example.org"));
    expect(normalizeEmail("an na@example.com")).not.toBe(normalizeEmail("anna@example.com"));
  });

  it("leaves an already normal address unchanged", () => {
    expect(normalizeEmail("anna+news@example.co.uk")).toBe("anna+news@example.co.uk");
  });

  it.each(TRICKY)("is idempotent on %j", (character) => {
    for (const text of [character, `a${character}b@example.com`, character.repeat(3)]) {
      const once = normalizeEmail(text);
      expect(normalizeEmail(once)).toBe(once);
    }
  });

  fcTest.prop([anyString])("is idempotent on any Unicode string", (email) => {
    const once = normalizeEmail(email);
    expect(normalizeEmail(once)).toBe(once);
  });

  fcTest.prop([anyString])("gives a trimmed, NFKC, lower-case result", (email) => {
    const normal = normalizeEmail(email);
    expect(normal).toBe(normal.trim());
    expect(normal).toBe(normal.normalize("NFKC"));
    expect(normal).toBe(normal.toLowerCase());
  });

  fcTest.prop([fc.string({ unit: "grapheme-ascii" })])("ignores case and surrounding space on ASCII", (email) => {
    expect(normalizeEmail(`  ${email.toUpperCase()} `)).toBe(normalizeEmail(email.toLowerCase()));
  });
});

describe("isWellFormedEmail", () => {
  it.each([
    "anna@example.com",
    "ANNA@EXAMPLE.COM",
    "anna.berg+tag@mail.example.co.uk",
    "x@y.io",
    "!#$%&'*+/=?^_`{|}~-@example.com",
    "ånna@exämple.se",
    "anna@xn--exmple-cua.se",
  ])("%s is well formed", (email) => {
    expect(isWellFormedEmail(email)).toBe(true);
  });

  it.each([
    ["", "empty"],
    ["anna", "no @"],
    ["anna@@example.com", "two @ in a row"],
    ["a@b@example.com", "two @"],
    ["anna@example", "no dot in the domain"],
    ["anna@example.", "empty last label"],
    ["anna@example.com.", "trailing dot"],
    ["anna.@example.com", "dot ending the local part"],
    ["anna@example..com", "empty label"],
    ["an na@example.com", "space"],
    [" anna@example.com", "leading space"],
    ["anna@example.com\n", "trailing newline"],
    ["anna\u00a0@example.com", "no-break space"],
    ["anna@example.c\u200a", "hair space"],
    ["anna\u0000@example.com", "NUL"],
    ["anna@example.42", "numeric top-level domain"],
    ["anna@[192.168.0.1]", "IP literal"],
    ['"anna"@example.com', "quoted local part"],
    [`${"a".repeat(65)}@example.com`, "local part of 65 characters"],
    [`a@${"b".repeat(64)}.com`, "domain label of 64 characters"],
    [`a@${Array.from({ length: 60 }, () => "abcd").join(".")}.com`, "over 254 characters"],
  ])("%j is malformed (%s)", (email) => {
    expect(isWellFormedEmail(email)).toBe(false);
  });

  it("accepts exactly 64 characters of local part and 63 of a domain label", () => {
    expect(isWellFormedEmail(`${"a".repeat(64)}@${"b".repeat(63)}.com`)).toBe(true);
  });

  fcTest.prop([anyString])("never throws", (email) => {
    expect(typeof isWellFormedEmail(email)).toBe("boolean");
  });

  fcTest.prop([anyString])("refuses any address with a single character of white space", (email) => {
    fc.pre(email.length > 0);
    const withSpace = `${email.slice(0, 1)} ${email.slice(1)}`;
    expect(isWellFormedEmail(withSpace)).toBe(false);
  });

  fcTest.prop([
    fc.stringMatching(/^[a-z0-9]{1,20}(\.[a-z0-9]{1,10}){0,2}$/),
    fc.stringMatching(/^[a-z0-9]{1,20}$/),
    fc.stringMatching(/^[a-z]{2,10}$/),
  ])("accepts ordinary addresses name@domain.tld", (local, domain, tld) => {
    expect(isWellFormedEmail(`${local}@${domain}.${tld}`)).toBe(true);
  });
});
