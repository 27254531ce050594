// The zoned workspace manual, on adding and editing users:
// "Before a user is added, the system will check for properly formatted e-mail addresses, and duplicate
//  e-mail and full names, and warn, but allow. It will also check for full names with forbidden file system
//  characters and require edit. User will be warned if entries exceed size limits and then have the option
//  to edit. […] Usernames cannot be edited."
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  FORBIDDEN_FULL_NAME_CHARACTERS,
  validateUserData,
  type Diagnostic,
  type ExistingUserData,
  type FieldLimits,
  type UserDataCandidate,
  type UserDataContext,
} from "../../src/index.js";

const limits: FieldLimits = DEFAULT_SETTINGS.fieldLimits;

const context = (overrides: Partial<UserDataContext> = {}): UserDataContext => ({ limits, others: [], ...overrides });

const anna: ExistingUserData = { id: "u-anna", email: "anna@example.com", fullName: "Anna Berg" };

const findingsFor = (findings: readonly Diagnostic[], field: string): Diagnostic[] =>
  findings.filter((finding) => finding.field === field);

const codes = (findings: readonly Diagnostic[]): string[] => findings.map((finding) => finding.code).sort();

describe("the system checks for properly formatted e-mail addresses", () => {
  const valid = [
    "anna@example.com",
    "Anna.Berg@Example.COM",
    "anna+news@example.co.uk",
    "o'brien@example.ie",
    "a_b-c@sub-domain.example.org",
    "1234@example.com",
    "anna@123.example.com",
    "ånna@exämple.se",
    `${"a".repeat(64)}@example.com`,
  ];
  it.each(valid)("%s is well formed: no finding on email", (email) => {
    expect(findingsFor(validateUserData({ email }, context()), "email")).toEqual([]);
  });

  // Labels of at most 63 characters, so only the total length is wrong.
  const longDomain = `${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(40)}.com`;
  const localFor = (total: number): string => "a".repeat(total - 1 - longDomain.length);
  const invalid: [string, string][] = [
    ["missing @", "anna.example.com"],
    ["two @", "anna@berg@example.com"],
    ["empty local part", "@example.com"],
    ["empty domain", "anna@"],
    ["no dot in the domain", "anna@localhost"],
    ["trailing dot", "anna@example.com."],
    ["leading dot in the domain", "anna@.example.com"],
    ["two dots in a row", "anna..berg@example.com"],
    ["leading dot in the local part", ".anna@example.com"],
    ["a space inside", "anna berg@example.com"],
    ["a space in the domain", "anna@exam ple.com"],
    ["a leading space", " anna@example.com"],
    ["a trailing space", "anna@example.com "],
    ["a no-break space inside", "anna\u00a0berg@example.com"],
    ["an ideographic space inside", "anna\u3000berg@example.com"],
    ["a tab inside", "anna\tberg@example.com"],
    ["a C1 control character", "anna\u0085berg@example.com"],
    ["a numeric top-level domain", "anna@example.123"],
    ["an IP address as domain", "anna@192.168.0.1"],
    ["a label starting with a hyphen", "anna@-example.com"],
    ["a label ending with a hyphen", "anna@example-.com"],
    ["a quoted local part", '"anna berg"@example.com'],
    ["a local part over 64 characters", `${"a".repeat(65)}@example.com`],
    ["more than 254 characters", `${localFor(255)}@${longDomain}`],
    ["an empty string", ""],
  ];
  it.each(invalid)("%s is an error (email_malformed)", (_why, email) => {
    // (The 255-character address is also over the soft size limit: a warning beside the error.)
    const findings = findingsFor(validateUserData({ email }, context()), "email").filter((f) => f.severity === "error");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "error", field: "email", code: "email_malformed" });
    expect(findings[0]?.message).toContain(email);
  });

  it("the limit is exactly 254 characters", () => {
    expect(`${localFor(255)}@${longDomain}`.length).toBe(255);
    const shorter = `${localFor(254)}@${longDomain}`;
    expect(shorter.length).toBe(254);
    expect(findingsFor(validateUserData({ email: shorter }, context()), "email")).toEqual([]);
  });
});

describe("a duplicate e-mail address is a warning, and the user is allowed", () => {
  it("the same address as another user is a warning naming that user", () => {
    const findings = validateUserData({ email: "anna@example.com" }, context({ others: [anna] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", field: "email", code: "email_duplicate" });
    expect(findings[0]?.message).toContain("u-anna");
    expect(findings[0]?.message).toContain("anna@example.com");
  });

  it.each([
    ["different case", "ANNA@Example.Com"],
    ["fullwidth letters", "ａｎｎａ@ｅｘａｍｐｌｅ.ｃｏｍ"],
    ["fullwidth and upper case", "ＡＮＮＡ@example.com"],
  ])("is compared case-insensitively after NFKC: %s", (_why, email) => {
    const findings = validateUserData({ email }, context({ others: [anna] }));
    expect(findingsFor(findings, "email").filter((f) => f.code === "email_duplicate")).toEqual([
      expect.objectContaining({ severity: "warning", code: "email_duplicate" }),
    ]);
  });

  it("surrounding spaces of the stored address do not hide a duplicate", () => {
    const stored: ExistingUserData = { id: "u-spaced", email: "  Anna@Example.com\t", fullName: "Someone Else" };
    const findings = validateUserData({ email: "anna@example.com" }, context({ others: [stored] }));
    expect(findings).toEqual([expect.objectContaining({ severity: "warning", code: "email_duplicate", field: "email" })]);
  });

  it("surrounding spaces of the entered address do not hide a duplicate either", () => {
    const findings = validateUserData({ email: " anna@example.com " }, context({ others: [anna] }));
    expect(codes(findings.filter((f) => f.severity === "warning"))).toEqual(["email_duplicate"]);
  });

  it("a different address is no duplicate", () => {
    expect(validateUserData({ email: "anna.berg@example.com" }, context({ others: [anna] }))).toEqual([]);
  });

  it('is an error when the organization enforces unique e-mail addresses ("enforce")', () => {
    const findings = validateUserData({ email: "Anna@example.com" }, context({ others: [anna], emailUniqueness: "enforce" }));
    expect(findings).toEqual([expect.objectContaining({ severity: "error", field: "email", code: "email_duplicate" })]);
  });

  it('stays a warning with emailUniqueness "warn"', () => {
    const findings = validateUserData({ email: "anna@example.com" }, context({ others: [anna], emailUniqueness: "warn" }));
    expect(findings).toEqual([expect.objectContaining({ severity: "warning", code: "email_duplicate" })]);
  });

  it("is reported once, even when several users share the address", () => {
    const others = [anna, { ...anna, id: "u-anna-2" }, { ...anna, id: "u-anna-3" }];
    const findings = validateUserData({ email: "anna@example.com" }, context({ others }));
    expect(findings).toHaveLength(1);
  });

  it("accepts any iterable of other users", () => {
    function* others(): Generator<ExistingUserData> {
      yield { id: "u-bob", email: "bob@example.com", fullName: "Bob" };
      yield anna;
    }
    expect(codes(validateUserData({ email: "anna@example.com" }, context({ others: others() })))).toEqual(["email_duplicate"]);
  });
});

describe("a duplicate full name is a warning, and the user is allowed", () => {
  it("the same full name as another user is a warning", () => {
    const findings = validateUserData({ fullName: "Anna Berg" }, context({ others: [anna] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", field: "fullName", code: "full_name_duplicate" });
    expect(findings[0]?.message).toContain("u-anna");
  });

  it.each([
    ["different case", "ANNA berg"],
    ["a run of spaces", "Anna    Berg"],
    ["a no-break space and an ideographic space", "Anna\u00a0\u3000Berg"],
    ["surrounding white space", "  Anna Berg  "],
    ["fullwidth letters", "Ａｎｎａ Ｂｅｒｇ"],
  ])("folds %s", (_why, fullName) => {
    const findings = validateUserData({ fullName }, context({ others: [anna] }));
    expect(findings).toEqual([expect.objectContaining({ severity: "warning", code: "full_name_duplicate" })]);
  });

  it("is a warning even when e-mail uniqueness is enforced", () => {
    const findings = validateUserData({ fullName: "Anna Berg" }, context({ others: [anna], emailUniqueness: "enforce" }));
    expect(findings).toEqual([expect.objectContaining({ severity: "warning", code: "full_name_duplicate" })]);
  });

  it("a different name is no duplicate", () => {
    expect(validateUserData({ fullName: "Anna Bergman" }, context({ others: [anna] }))).toEqual([]);
    expect(validateUserData({ fullName: "AnnaBerg" }, context({ others: [anna] }))).toEqual([]);
  });
});

describe("the user being edited is not a duplicate of itself", () => {
  it("neither by e-mail nor by full name", () => {
    const findings = validateUserData(
      { username: "anna", email: "ANNA@example.com", fullName: "anna berg" },
      context({ others: [anna], previous: { id: "u-anna", username: "anna" }, emailUniqueness: "enforce" }),
    );
    expect(findings).toEqual([]);
  });

  it("but is a duplicate of another user with the same data", () => {
    const twin: ExistingUserData = { ...anna, id: "u-twin" };
    const findings = validateUserData(
      { email: "anna@example.com", fullName: "Anna Berg" },
      context({ others: [anna, twin], previous: { id: "u-anna", username: "anna" } }),
    );
    expect(codes(findings)).toEqual(["email_duplicate", "full_name_duplicate"]);
    expect(findings.every((finding) => finding.message.includes("u-twin"))).toBe(true);
  });
});

describe("a full name with a forbidden file system character must be edited", () => {
  it.each([...FORBIDDEN_FULL_NAME_CHARACTERS])("%s is an error naming the character", (character) => {
    const findings = validateUserData({ fullName: `Anna ${character} Berg` }, context());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "error", field: "fullName", code: "full_name_forbidden_character" });
    expect(findings[0]?.message).toContain(`"${character}"`);
  });

  it("the forbidden characters are exactly those of file names", () => {
    expect([...FORBIDDEN_FULL_NAME_CHARACTERS].sort()).toEqual(["\\", "/", ":", "*", "?", '"', "<", ">", "|"].sort());
  });

  it.each([
    ["tab", "\t", "U+0009"],
    ["line feed", "\n", "U+000A"],
    ["NUL", "\u0000", "U+0000"],
    ["escape", "\u001b", "U+001B"],
    ["delete", "\u007f", "U+007F"],
    ["a C1 control", "\u0085", "U+0085"],
  ])("a control character (%s) is an error naming its code point", (_name, character, codePoint) => {
    const findings = validateUserData({ fullName: `Anna${character}Berg` }, context());
    expect(findings).toEqual([expect.objectContaining({ severity: "error", code: "full_name_forbidden_character" })]);
    expect(findings[0]?.message).toContain(codePoint);
  });

  it("names every forbidden character found, in one finding", () => {
    const findings = validateUserData({ fullName: "A/B:C|D" }, context());
    expect(findings).toHaveLength(1);
    for (const character of ["/", ":", "|"]) expect(findings[0]?.message).toContain(`"${character}"`);
    expect(findings[0]?.message).not.toContain('"\\"');
  });

  it.each(["Anna Berg", "Anna-Maria O'Brien", "José Ñúñez", "李小龍", "Anna (Finance) Berg, Jr.", "Anna & Bob"])(
    "%s is a valid full name",
    (fullName) => {
      expect(validateUserData({ fullName }, context())).toEqual([]);
    },
  );
});

describe("entries over their size limit are a warning naming the limit", () => {
  it.each(Object.entries(limits) as [keyof FieldLimits, number][])(
    "%s: at the limit is fine, one over is a warning",
    (field, limit) => {
      const candidate = (length: number): UserDataCandidate => ({ [field]: "x".repeat(length) });

      expect(findingsFor(validateUserData(candidate(limit), context()), field).filter((f) => f.code === "too_long")).toEqual([]);

      const over = findingsFor(validateUserData(candidate(limit + 1), context()), field).filter((f) => f.code === "too_long");
      expect(over).toHaveLength(1);
      expect(over[0]?.severity).toBe("warning");
      expect(over[0]?.message).toContain(String(limit));
      expect(over[0]?.message).toContain(String(limit + 1));
    },
  );

  it("the default limits are the documented ones", () => {
    expect(limits).toEqual({
      username: 64,
      fullName: 100,
      firstName: 64,
      lastName: 64,
      email: 254,
      phone: 32,
      pager: 32,
      cellphone: 32,
      location: 100,
      company: 100,
    });
  });

  it("custom limits apply instead of the defaults", () => {
    const custom: FieldLimits = { ...limits, fullName: 10, phone: 5 };
    const findings = validateUserData({ fullName: "Anna Bergman", phone: "+46 8 123" }, context({ limits: custom }));
    expect(findings.map((f) => [f.field, f.code, f.severity])).toEqual(
      expect.arrayContaining([
        ["fullName", "too_long", "warning"],
        ["phone", "too_long", "warning"],
      ]),
    );
    expect(findings).toHaveLength(2);
    expect(findingsFor(findings, "fullName")[0]?.message).toContain("10");
    expect(findingsFor(findings, "phone")[0]?.message).toContain("5");
    // The same values are within the default limits.
    expect(validateUserData({ fullName: "Anna Bergman", phone: "+46 8 123" }, context())).toEqual([]);
  });

  it("counts code points: an emoji counts once", () => {
    const custom: FieldLimits = { ...limits, location: 3 };
    const threeEmoji = "🏢🏭🏠"; // 6 UTF-16 code units, 3 code points
    expect(threeEmoji.length).toBe(6);
    expect(validateUserData({ location: threeEmoji }, context({ limits: custom }))).toEqual([]);
    expect(codes(validateUserData({ location: `${threeEmoji}🏬` }, context({ limits: custom })))).toEqual(["too_long"]);
  });

  it("null and absent optional fields are not measured", () => {
    const tiny: FieldLimits = Object.fromEntries(Object.keys(limits).map((key) => [key, 1])) as FieldLimits;
    expect(validateUserData({ phone: null, company: null }, context({ limits: tiny }))).toEqual([]);
    expect(validateUserData({}, context({ limits: tiny }))).toEqual([]);
  });
});

describe("usernames cannot be edited", () => {
  it("a changed username on edit is an error (username_immutable)", () => {
    const findings = validateUserData({ username: "anna.b" }, context({ previous: { id: "u-anna", username: "anna" } }));
    expect(findings).toEqual([expect.objectContaining({ severity: "error", field: "username", code: "username_immutable" })]);
    expect(findings[0]?.message).toContain('"anna"');
  });

  it("a change of case only is still a change", () => {
    const findings = validateUserData({ username: "Anna" }, context({ previous: { id: "u-anna", username: "anna" } }));
    expect(codes(findings)).toEqual(["username_immutable"]);
  });

  it("the unchanged username is fine", () => {
    expect(validateUserData({ username: "anna" }, context({ previous: { id: "u-anna", username: "anna" } }))).toEqual([]);
  });

  it("an edit that leaves the username out is fine", () => {
    expect(validateUserData({ fullName: "Anna B." }, context({ previous: { id: "u-anna", username: "anna" } }))).toEqual([]);
  });

  it("any username is fine on creation", () => {
    expect(validateUserData({ username: "anna.b" }, context())).toEqual([]);
  });
});

describe("findings for several fields come together in one call", () => {
  it("every problem of a candidate is reported at once", () => {
    const findings = validateUserData(
      {
        username: "anna2",
        fullName: "Anna: Berg",
        email: "anna@example",
        company: "c".repeat(limits.company + 5),
      },
      context({ others: [{ id: "u-x", email: "x@example.com", fullName: "anna:  berg" }], previous: { id: "u-anna", username: "anna" } }),
    );
    expect(findings.map((f) => `${f.severity} ${f.field} ${f.code}`).sort()).toEqual(
      [
        "error username username_immutable",
        "error email email_malformed",
        "error fullName full_name_forbidden_character",
        "warning fullName full_name_duplicate",
        "warning company too_long",
      ].sort(),
    );
  });

  it("warnings and errors on the same field come together", () => {
    const custom: FieldLimits = { ...limits, fullName: 5 };
    const findings = validateUserData({ fullName: "Anna | Berg" }, context({ limits: custom, others: [{ ...anna, fullName: "anna | berg" }] }));
    expect(codes(findings)).toEqual(["full_name_duplicate", "full_name_forbidden_character", "too_long"]);
  });
});

describe("properties", () => {
  const fullUnicodeWithLoneSurrogates = fc.string({
    unit: fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)),
  });
  const anyText = fc.oneof(
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fullUnicodeWithLoneSurrogates,
    fc.string(),
  );
  const optionalText = fc.option(anyText, { nil: null });
  const candidateArb = fc.record(
    {
      username: anyText,
      fullName: anyText,
      firstName: optionalText,
      lastName: optionalText,
      email: anyText,
      phone: optionalText,
      pager: optionalText,
      cellphone: optionalText,
      location: optionalText,
      company: optionalText,
    },
    { requiredKeys: [], noNullPrototype: true },
  );
  const othersArb = fc.array(fc.record({ id: anyText, email: anyText, fullName: anyText }, { noNullPrototype: true }), {
    maxLength: 5,
  });
  const limitsArb = fc.record(
    Object.fromEntries(Object.keys(limits).map((key) => [key, fc.integer({ min: 1, max: 300 })])) as {
      [K in keyof FieldLimits]: fc.Arbitrary<number>;
    },
  );
  const contextArb = fc.record(
    {
      limits: fc.oneof(fc.constant(limits), limitsArb),
      others: othersArb,
      previous: fc.record({ id: anyText, username: anyText }),
      emailUniqueness: fc.constantFrom("warn" as const, "enforce" as const),
    },
    { requiredKeys: ["limits", "others"], noNullPrototype: true },
  );

  fcTest.prop([candidateArb, contextArb])("never throws, whatever Unicode the fields hold", (candidate, ctx) => {
    expect(() => validateUserData(candidate, ctx)).not.toThrow();
  });

  fcTest.prop([candidateArb, contextArb])("is deterministic", (candidate, ctx) => {
    expect(validateUserData(candidate, ctx)).toEqual(validateUserData(candidate, ctx));
  });

  fcTest.prop([candidateArb, contextArb])("every diagnostic is complete", (candidate, ctx) => {
    for (const finding of validateUserData(candidate, ctx)) {
      expect(["error", "warning"]).toContain(finding.severity);
      expect(finding.field).not.toBe("");
      expect(finding.code).not.toBe("");
      expect(finding.message).not.toBe("");
      expect(Object.keys(candidate)).toContain(finding.field);
    }
  });

  fcTest.prop([fc.string({ unit: "grapheme" }), fc.constantFrom(...FORBIDDEN_FULL_NAME_CHARACTERS), fc.string({ unit: "grapheme" })])(
    "a forbidden character anywhere in a full name is an error",
    (before, character, after) => {
      const findings = validateUserData({ fullName: `${before}${character}${after}` }, context());
      expect(findings.filter((f) => f.severity === "error").map((f) => f.code)).toEqual(["full_name_forbidden_character"]);
    },
  );

  fcTest.prop([fc.string({ unit: "binary", maxLength: 150 })])(
    "a size warning appears exactly when the code-point count exceeds the limit",
    (location) => {
      const count = Array.from(location).length;
      const findings = validateUserData({ location }, context()).filter((f) => f.code === "too_long");
      expect(findings.length > 0).toBe(count > limits.location);
    },
  );
});
