// A user list is paged by keyset: each page ends with an opaque cursor that says where the next page starts.
// A cursor is only good for the list ordering that made it; anything else is refused as a validation error
// on the `after` field, never thrown.
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, type CursorPosition, type ValidationError } from "../../src/index.js";

const fullUnicodeWithLoneSurrogates = fc.string({
  unit: fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)),
});
const anyString = fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fullUnicodeWithLoneSurrogates, fc.string());
const positionArb: fc.Arbitrary<CursorPosition> = fc.record({ order: anyString, key: anyString, id: anyString }, { noNullPrototype: true });

const ORDER = "fullName:asc";
const position: CursorPosition = { order: ORDER, key: "anna berg", id: "u-anna" };

function expectCursorInvalid(result: ReturnType<typeof decodeCursor>): ValidationError {
  expect(result.isErr()).toBe(true);
  const error = result._unsafeUnwrapErr();
  expect(error.code).toBe("validation");
  expect(error.field).toBe("after");
  expect(error.issues).toEqual([expect.objectContaining({ severity: "error", field: "after", code: "cursor_invalid" })]);
  expect(error.message).not.toBe("");
  return error;
}

const base64url = (text: string): string => Buffer.from(text, "utf8").toString("base64url");

describe("cursors", () => {
  it("decodes what it encoded, for the same ordering", () => {
    expect(decodeCursor(encodeCursor(position), ORDER)._unsafeUnwrap()).toEqual(position);
  });

  it("is URL-safe", () => {
    const cursor = encodeCursor({ order: ORDER, key: "åsa ?&/+= 😀", id: "u:1/2" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("is opaque: the key does not show in clear", () => {
    expect(encodeCursor(position)).not.toContain("anna");
  });

  it("refuses a cursor of another ordering, naming both", () => {
    const error = expectCursorInvalid(decodeCursor(encodeCursor(position), "fullName:desc"));
    expect(error.issues[0]?.message).toContain("fullName:asc");
    expect(error.issues[0]?.message).toContain("fullName:desc");
  });

  it.each([
    ["an empty string", ""],
    ["garbage", "garbage"],
    ["non-base64 characters", "!!!***$$$"],
    ["a cursor with a non-base64 character in front", `!${encodeCursor(position)}`],
    ["a cursor with a non-base64 character inside", encodeCursor(position).replace(/^(.{8})/, "$1%")],
    ["a cursor with white space", ` ${encodeCursor(position)} `],
    ["a truncated cursor", encodeCursor(position).slice(0, -4)],
    ["base64 of plain text", base64url("hello")],
    ["base64 of a JSON object", base64url(JSON.stringify({ order: ORDER, key: "k", id: "i" }))],
    ["base64 of an array of two", base64url(JSON.stringify([ORDER, "k"]))],
    ["base64 of an array of four", base64url(JSON.stringify([ORDER, "k", "i", "x"]))],
    ["base64 of an array with a number", base64url(JSON.stringify([ORDER, "k", 7]))],
    ["base64 of null", base64url("null")],
    ["base64 of invalid UTF-8", Buffer.from([0xff, 0xfe, 0x5b]).toString("base64url")],
  ])("refuses %s", (_why, cursor) => {
    expectCursorInvalid(decodeCursor(cursor, ORDER));
  });

  fcTest.prop([positionArb])("round-trips every position, whatever Unicode it holds", (p) => {
    const decoded = decodeCursor(encodeCursor(p), p.order);
    expect(decoded.isOk()).toBe(true);
    expect(decoded._unsafeUnwrap()).toEqual(p);
  });

  fcTest.prop([positionArb, anyString])("is refused by any other ordering", (p, other) => {
    fc.pre(other !== p.order);
    expectCursorInvalid(decodeCursor(encodeCursor(p), other));
  });

  fcTest.prop([anyString, anyString])("never throws on arbitrary strings", (cursor, order) => {
    const result = decodeCursor(cursor, order);
    if (result.isErr()) expectCursorInvalid(result);
  });

  fcTest.prop([fc.base64String(), anyString])("never throws on arbitrary base64", (cursor, order) => {
    const result = decodeCursor(cursor, order);
    if (result.isErr()) expectCursorInvalid(result);
  });
});
