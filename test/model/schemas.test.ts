// Every input from outside is parsed with a zod schema; an expected failure is a value with a stable
// `code`, a human message, and the offending field or id.
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  auditEventSchema,
  groupIdSchema,
  groupSchema,
  organizationIdSchema,
  parseInput,
  TenureErrors,
  USER_FIELD_HARD_MAX,
  userBaseSchema,
  userIdSchema,
  type Diagnostic,
} from "../../src/index.js";

const idSchemas = { organizationIdSchema, userIdSchema, groupIdSchema };

const validUser = {
  id: "u-anna",
  organizationId: "org-acme",
  username: "anna",
  fullName: "Anna Berg",
  firstName: "Anna",
  lastName: "Berg",
  email: "anna@example.com",
  phone: null,
  pager: null,
  cellphone: "+46 70 123 45 67",
  location: "Stockholm",
  company: "Acme",
  audience: "internal",
  thirdParty: false,
  accessExpiresAt: null,
  source: { type: "local" },
  invitedBy: null,
  account: { status: "active" },
  twoFactorRequired: false,
  workflowAccess: true,
  version: 0,
  createdAt: new Date("2025-01-01T00:00:00Z"),
  updatedAt: new Date("2025-01-01T00:00:00Z"),
} as const;

const fieldsOf = (issues: readonly Diagnostic[]): string[] => [...new Set(issues.map((issue) => issue.field))].sort();

describe("ids", () => {
  it.each([
    "u-1",
    "org_acme",
    "a.b:c-d_e",
    "0",
    "V1StGXR8_Z5jdHi6B-myT",
    "3f0b2c1e-9d4a-4c8e-9b1a-2f6d7e8c9a0b",
    "x".repeat(128),
  ])("accepts %j", (id) => {
    for (const schema of Object.values(idSchemas)) expect(schema.parse(id)).toBe(id);
  });

  it.each([
    ["", "empty"],
    ["x".repeat(129), "over 128 characters"],
    ["a b", "a space"],
    [" a", "a leading space"],
    ["a/b", "a slash"],
    ["a?b", "a question mark"],
    ["a%20b", "a percent sign"],
    ["ä", "a non-ASCII letter"],
    ["😀", "an emoji"],
    ["a\n", "a trailing newline"],
    ["a\u0000", "a NUL"],
  ])("refuses %j (%s)", (id) => {
    for (const schema of Object.values(idSchemas)) expect(schema.safeParse(id).success).toBe(false);
  });

  it.each([[1], [null], [undefined], [{}], [["u-1"]]])("refuses the non-string %j", (value) => {
    expect(userIdSchema.safeParse(value).success).toBe(false);
  });
});

describe("the user schema", () => {
  it("accepts a complete user", () => {
    expect(userBaseSchema.parse(validUser)).toEqual(validUser);
  });

  it("accepts a blocked user from the directory", () => {
    const user = {
      ...validUser,
      source: { type: "directory", source: "directory", externalId: "5f1c-entryUUID" },
      account: { status: "blocked", until: new Date("2026-01-01T00:00:00Z"), reason: "security review" },
    };
    expect(userBaseSchema.parse(user)).toEqual(user);
  });

  it.each([
    ["fullName", "Anna\tBerg"],
    ["fullName", "Anna\u0000Berg"],
    ["username", "an\u007fna"],
    ["email", "anna@example.com\r\nBcc: all@example.com"],
    ["company", "Acme\u0085"],
    ["location", "\u001b[31mRed"],
  ])("refuses a control character in %s (%j)", (field, value) => {
    const result = parseInput(userBaseSchema, { ...validUser, [field]: value });
    const error = result._unsafeUnwrapErr();
    expect(fieldsOf(error.issues)).toEqual([field]);
    expect(error.issues[0]?.message).toMatch(/control character/);
  });

  it.each(["fullName", "email"])("drops white space around %s before checking it (a trailing line break is harmless once gone)", (field) => {
    const parsed = parseInput(userBaseSchema, { ...validUser, [field]: "  x@example.com\r\n" })._unsafeUnwrap();
    expect(parsed[field as "email"]).toBe("x@example.com");
  });

  it("names a provisioned user's source after its kind when the record gives no name, and keeps a given name", () => {
    expect(userBaseSchema.parse({ ...validUser, source: { type: "scim", externalId: "2819c223" } }).source).toEqual({
      type: "scim",
      source: "scim",
      externalId: "2819c223",
    });
    const named = { type: "directory", source: "corp-ldap", externalId: "5f1c" };
    expect(userBaseSchema.parse({ ...validUser, source: named }).source).toEqual(named);
  });

  fcTest.prop([fc.constantFrom("directory", "spreadsheet", "scim"), fc.string({ minLength: 1, maxLength: 512 }), fc.option(fc.string({ minLength: 1, maxLength: 200 }), { nil: undefined })])(
    "a provisioned source parses to its kind, its name (the kind's by default) and the record id, unchanged",
    (type, externalId, source) => {
      expect(userBaseSchema.parse({ ...validUser, source: { type, externalId, ...(source === undefined ? {} : { source }) } }).source).toEqual({
        type,
        source: source ?? type,
        externalId,
      });
    },
  );

  it("refuses a source of an unknown kind, an empty name and an over-long record id, naming the field", () => {
    const issuesOf = (source: unknown) => userBaseSchema.safeParse({ ...validUser, source }).error?.issues.map((issue) => issue.path.join("."));
    expect(issuesOf({ type: "csv", externalId: "x" })).toEqual(["source.type"]);
    expect(issuesOf({ type: "scim", source: "", externalId: "x" })).toEqual(["source.source"]);
    expect(issuesOf({ type: "scim", externalId: "x".repeat(513) })).toEqual(["source.externalId"]);
  });

  it("refuses a full name of only white space", () => {
    expect(fieldsOf(parseInput(userBaseSchema, { ...validUser, fullName: "   " })._unsafeUnwrapErr().issues)).toEqual(["fullName"]);
  });

  it.each(["username", "fullName", "email"])("refuses an empty %s", (field) => {
    expect(fieldsOf(parseInput(userBaseSchema, { ...validUser, [field]: "" })._unsafeUnwrapErr().issues)).toEqual([field]);
  });

  it.each([" anna", "anna ", "\u00a0anna", "anna\u3000", "\tanna\r\n", "\u2028anna\u2029"])(
    "drops white space around a username, like the full name and the e-mail (%j)",
    (username) => {
      expect(parseInput(userBaseSchema, { ...validUser, username })._unsafeUnwrap().username).toBe("anna");
    },
  );

  it.each([" ", "  ", "\u3000", "an\u2028na"])("refuses a username of only white space, or on two lines (%j)", (username) => {
    expect(fieldsOf(parseInput(userBaseSchema, { ...validUser, username })._unsafeUnwrapErr().issues)).toEqual(["username"]);
  });

  it.each(["anna berg", "a", "anna.berg@example.com", "Åsa", "李"])("accepts the username %j", (username) => {
    expect(parseInput(userBaseSchema, { ...validUser, username }).isOk()).toBe(true);
  });

  it.each(Object.entries(USER_FIELD_HARD_MAX))("refuses %s over its hard limit of %i, accepts it at the limit", (field, max) => {
    expect(parseInput(userBaseSchema, { ...validUser, [field]: "x".repeat(max) }).isOk()).toBe(true);
    const error = parseInput(userBaseSchema, { ...validUser, [field]: "x".repeat(max + 1) })._unsafeUnwrapErr();
    expect(fieldsOf(error.issues)).toEqual([field]);
    expect(error.issues[0]?.code).toBe("too_big");
  });

  it("the hard limits are above the default soft limits", async () => {
    const { DEFAULT_SETTINGS } = await import("../../src/index.js");
    for (const [field, soft] of Object.entries(DEFAULT_SETTINGS.fieldLimits)) {
      expect(USER_FIELD_HARD_MAX[field as keyof typeof USER_FIELD_HARD_MAX]).toBeGreaterThan(soft);
    }
  });

  it("refuses an unknown audience, a negative version and a string date", () => {
    const error = parseInput(userBaseSchema, {
      ...validUser,
      audience: "partner",
      version: -1,
      createdAt: "2025-01-01",
    })._unsafeUnwrapErr();
    expect(fieldsOf(error.issues)).toEqual(["audience", "createdAt", "version"]);
  });
});

describe("parseInput", () => {
  it("returns the parsed value as Ok", () => {
    expect(parseInput(userIdSchema, "u-1")._unsafeUnwrap()).toBe("u-1");
  });

  it("returns Err with code validation, every problem listed by dotted field path", () => {
    const result = parseInput(userBaseSchema, {
      ...validUser,
      email: "",
      source: { type: "directory", source: "directory", externalId: "" },
      account: { status: "blocked", until: "tomorrow", reason: null },
    });
    expect(result.isErr()).toBe(true);
    const error = result._unsafeUnwrapErr();
    expect(error.code).toBe("validation");
    expect(fieldsOf(error.issues)).toEqual(["account.until", "email", "source.externalId"]);
    expect(error.issues.every((issue) => issue.severity === "error" && issue.code !== "" && issue.message !== "")).toBe(true);
    expect(error.field).toBe(error.issues[0]?.field);
    for (const field of ["account.until", "email", "source.externalId"]) expect(error.message).toContain(field);
  });

  it("numbers array elements in the path", () => {
    const error = parseInput(groupSchema, {
      id: "g-1",
      organizationId: "org-acme",
      name: "Finance",
      colour: "#1e90ff",
      memberIds: ["u-1", "not ok", "u-3"],
      version: 0,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    })._unsafeUnwrapErr();
    expect(fieldsOf(error.issues)).toEqual(["memberIds.1"]);
  });

  it("puts the field prefix in front of every path", () => {
    const error = parseInput(userBaseSchema, { ...validUser, email: "" }, { fieldPrefix: "user" })._unsafeUnwrapErr();
    expect(fieldsOf(error.issues)).toEqual(["user.email"]);
  });

  it("names the prefix alone when the input itself is wrong", () => {
    expect(fieldsOf(parseInput(userIdSchema, 42, { fieldPrefix: "actorId" })._unsafeUnwrapErr().issues)).toEqual(["actorId"]);
  });

  it("a non-object where an object is expected is one issue", () => {
    const error = parseInput(userBaseSchema, "anna")._unsafeUnwrapErr();
    expect(error.code).toBe("validation");
    expect(error.issues).toHaveLength(1);
  });

  fcTest.prop([fc.anything({ withDate: true, withMap: true, withSet: true, withTypedArray: true, withBigInt: true, withNullPrototype: true })])(
    "never throws, whatever the input",
    (input) => {
      for (const schema of [userBaseSchema, userIdSchema, groupSchema, auditEventSchema]) {
        const result = parseInput(schema, input);
        if (result.isErr()) {
          expect(result.error.code).toBe("validation");
          expect(result.error.issues.length).toBeGreaterThan(0);
        }
      }
    },
  );

  fcTest.prop([
    fc.record(
      Object.fromEntries(Object.keys(validUser).map((key) => [key, fc.option(fc.anything(), { nil: undefined })])),
      { noNullPrototype: true },
    ),
  ])("never throws on a user record with random field values, and names only existing fields", (fields) => {
    const input = { ...validUser, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    const result = parseInput(userBaseSchema, input);
    if (result.isErr()) {
      for (const issue of result.error.issues) {
        expect(Object.keys(validUser)).toContain(issue.field.split(".")[0]);
      }
    }
  });
});

describe("other schemas", () => {
  it("a group's colour is #rrggbb", () => {
    const group = {
      id: "g-1",
      organizationId: "org-acme",
      name: "Finance",
      colour: "#1E90ff",
      memberIds: [],
      version: 0,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    };
    expect(groupSchema.safeParse(group).success).toBe(true);
    for (const colour of ["1e90ff", "#1e90f", "#1e90ffa", "#gggggg", "blue"]) {
      expect(fieldsOf(parseInput(groupSchema, { ...group, colour })._unsafeUnwrapErr().issues)).toEqual(["colour"]);
    }
    expect(fieldsOf(parseInput(groupSchema, { ...group, name: "   " })._unsafeUnwrapErr().issues)).toEqual(["name"]);
  });

  it("an audit action is a dotted lowercase name", () => {
    const event = {
      id: "ev-1",
      organizationId: "org-acme",
      at: new Date(0),
      actor: { type: "system", name: "expiry sweep" },
      action: "user.deactivated",
      target: { entity: "user", id: "u-1" },
      before: { status: "active" },
      after: { status: "deactivated" },
      details: null,
    };
    expect(auditEventSchema.safeParse(event).success).toBe(true);
    for (const action of ["User.Deactivated", "user.", ".user", "user..x", "user deactivated", ""]) {
      expect(fieldsOf(parseInput(auditEventSchema, { ...event, action })._unsafeUnwrapErr().issues)).toEqual(["action"]);
    }
  });
});

describe("TenureErrors", () => {
  it("validation: code validation, the first error's field, a message naming each blocking field", () => {
    const error = TenureErrors.validation([
      { severity: "warning", field: "fullName", code: "full_name_duplicate", message: "Another user has it." },
      { severity: "error", field: "email", code: "email_malformed", message: "Not an address." },
      { severity: "error", field: "username", code: "username_immutable", message: "Cannot change." },
    ]);
    expect(error.code).toBe("validation");
    expect(error.field).toBe("email");
    expect(error.issues).toHaveLength(3);
    expect(error.message).toContain("email: Not an address.");
    expect(error.message).toContain("username: Cannot change.");
    expect(error.message).not.toContain("Another user has it.");
  });

  it("validation with warnings only names the first warning's field", () => {
    const error = TenureErrors.validation([{ severity: "warning", field: "phone", code: "too_long", message: "Long." }]);
    expect(error.field).toBe("phone");
  });

  it("notFound names the entity and the id", () => {
    const error = TenureErrors.notFound("role_assignment", "ra-9");
    expect(error).toMatchObject({ code: "not_found", entity: "role_assignment", id: "ra-9" });
    expect(error.message).toContain("role assignment");
    expect(error.message).toContain('"ra-9"');
  });

  it("conflict names the entity, the id and both versions", () => {
    const error = TenureErrors.conflict("user", "u-1", 3, 4);
    expect(error).toMatchObject({ code: "conflict", entity: "user", id: "u-1", expectedVersion: 3, actualVersion: 4 });
    expect(error.message).toContain('"u-1"');
    expect(error.message).toContain("3");
    expect(error.message).toContain("4");
  });

  it("conflict without versions carries none", () => {
    const error = TenureErrors.conflict("group", "g-1");
    expect(error.code).toBe("conflict");
    expect("expectedVersion" in error).toBe(false);
    expect("actualVersion" in error).toBe(false);
    expect(error.message).toContain("group");
  });

  it("conflict with a record that is gone says so", () => {
    const error = TenureErrors.conflict("invitation", "inv-1", 2);
    expect(error.expectedVersion).toBe(2);
    expect("actualVersion" in error).toBe(false);
    expect(error.message).toContain("none");
  });

  it("duplicate names the entity, the field and the value", () => {
    const error = TenureErrors.duplicate("user", "username", "anna");
    expect(error).toEqual({ code: "duplicate", entity: "user", field: "username", value: "anna", message: expect.any(String) });
    expect(error.message).toContain("username");
    expect(error.message).toContain('"anna"');
  });

  it("forbidden carries the rule and, when given, the id", () => {
    expect(TenureErrors.forbidden("no_escalation", "You cannot grant what you do not hold.", "u-2")).toEqual({
      code: "forbidden",
      rule: "no_escalation",
      message: "You cannot grant what you do not hold.",
      id: "u-2",
    });
    expect("id" in TenureErrors.forbidden("last_admin", "An organization keeps one admin.")).toBe(false);
  });

  it("invalidState names the entity, the id and the state", () => {
    expect(TenureErrors.invalidState("invitation", "inv-1", "revoked", "This invitation was revoked.")).toEqual({
      code: "invalid_state",
      entity: "invitation",
      id: "inv-1",
      state: "revoked",
      message: "This invitation was revoked.",
    });
  });

  it.each(["organization", "user", "group", "role_assignment", "invitation", "token", "audit_event", "mail"] as const)(
    "messages about a %s spell the entity with spaces",
    (entity) => {
      expect(TenureErrors.notFound(entity, "x").message).toContain(entity.replaceAll("_", " "));
      expect(TenureErrors.notFound(entity, "x").message).not.toContain("_");
    },
  );
});
