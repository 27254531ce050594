// User lists are sorted, paged and prefix-searched by a sort key that every storage adapter computes and
// compares alike: Unicode NFKC, lower-cased, ordered as PostgreSQL's COLLATE "C" orders UTF-8 text.
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { compareCodePoints, sortKey } from "../../src/index.js";

const fullUnicodeWithLoneSurrogates = fc.string({
  unit: fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)),
});
const anyString = fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fullUnicodeWithLoneSurrogates);
/** Well-formed UTF-16 (no lone surrogate), as a database can store it. */
const storable = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.constantFrom("a", "z", "é", "\ud7ff", "\ue000", "\uffee", "\ufffd", "😀", "𝒜", "\u{10ffff}") }),
);

describe("sortKey", () => {
  it.each([
    ["case", "Anna Berg", "anna berg"],
    ["fullwidth letters", "ＡＮＮＡ", "anna"],
    ["a ligature", "ﬁnn", "finn"],
    ["a compatibility square", "㎒", "mhz"],
    ["a no-break space", "Anna\u00a0Berg", "anna berg"],
  ])("folds %s", (_why, value, key) => {
    expect(sortKey(value)).toBe(key);
  });

  it("keeps accents: Åsa sorts after bob, as the documentation says", () => {
    expect(sortKey("Åsa Berg")).toBe("åsa berg");
    expect(compareCodePoints(sortKey("Åsa Berg"), sortKey("bob"))).toBe(1);
  });

  it("does not trim or fold inner white space (that is the full-name duplicate key's job)", () => {
    expect(sortKey(" Anna  Berg ")).toBe(" anna  berg ");
  });

  fcTest.prop([anyString])("is idempotent", (value) => {
    expect(sortKey(sortKey(value))).toBe(sortKey(value));
  });

  fcTest.prop([anyString])("is a fixed point of NFKC and lower case", (value) => {
    const key = sortKey(value);
    expect(key.normalize("NFKC")).toBe(key);
    expect(key.toLowerCase()).toBe(key);
  });

  fcTest.prop([fc.string({ unit: "grapheme-ascii" })])("makes upper and lower case equal", (value) => {
    expect(sortKey(value.toUpperCase())).toBe(sortKey(value.toLowerCase()));
  });
});

describe("compareCodePoints", () => {
  it("orders ASCII as usual, capitals before small letters", () => {
    expect(compareCodePoints("a", "b")).toBe(-1);
    expect(compareCodePoints("b", "a")).toBe(1);
    expect(compareCodePoints("ab", "ab")).toBe(0);
    expect(compareCodePoints("a", "ab")).toBe(-1);
    expect(compareCodePoints("Z", "a")).toBe(-1);
    expect(compareCodePoints("", "a")).toBe(-1);
  });

  it('orders characters above U+FFFF after U+E000–U+FFFF, as COLLATE "C" on UTF-8 does', () => {
    expect(compareCodePoints("\ue000", "😀")).toBe(-1);
    expect(compareCodePoints("\ufffd", "𝒜")).toBe(-1);
    expect(compareCodePoints("𝒜", "\uffee")).toBe(1);
    expect(compareCodePoints("\ud7ff", "😀")).toBe(-1);
    expect(compareCodePoints("😀", "😁")).toBe(-1);
  });

  fcTest.prop([storable, storable])("agrees with the byte order of UTF-8 (PostgreSQL COLLATE \"C\")", (a, b) => {
    expect(compareCodePoints(a, b)).toBe(Math.sign(Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"))));
  });

  fcTest.prop([anyString])("is reflexive", (a) => {
    expect(compareCodePoints(a, a)).toBe(0);
  });

  fcTest.prop([anyString, anyString])("is antisymmetric and zero only for equal strings", (a, b) => {
    expect(compareCodePoints(a, b)).toBe(-compareCodePoints(b, a) || 0);
    expect(compareCodePoints(a, b) === 0).toBe(a === b);
  });

  fcTest.prop([anyString, anyString, anyString])("is transitive", (a, b, c) => {
    const [x, y, z] = [a, b, c].sort(compareCodePoints);
    expect(compareCodePoints(x as string, y as string)).toBeLessThanOrEqual(0);
    expect(compareCodePoints(y as string, z as string)).toBeLessThanOrEqual(0);
    expect(compareCodePoints(x as string, z as string)).toBeLessThanOrEqual(0);
  });

  fcTest.prop([fc.string({ unit: "grapheme-ascii" }), fc.string({ unit: "grapheme-ascii" })])(
    "agrees with < on ASCII",
    (a, b) => {
      expect(compareCodePoints(a, b)).toBe(a < b ? -1 : a > b ? 1 : 0);
    },
  );

  it("sorts a list of names by their keys, case and width ignored", () => {
    const names = ["bob", "Åsa", "ANNA", "Ｃarl", "anders"];
    const sorted = [...names].sort((a, b) => compareCodePoints(sortKey(a), sortKey(b)));
    expect(sorted).toEqual(["anders", "ANNA", "bob", "Ｃarl", "Åsa"]);
  });
});
