// Hosts extend users with their own attributes, declared once as a zod object schema: the zoned workspace's
// ShowVersion, ShowTeams and GetReport check boxes, which default to Yes when a spreadsheet leaves them empty.
import * as z from "zod";
import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL, defineModel, parseInput } from "../../src/index.js";

const model = defineModel({
  userAttributes: z.object({
    showVersion: z.boolean().default(true),
    showTeams: z.boolean().default(true),
    getReport: z.boolean().default(true),
    costCentre: z.string().nullable().default(null),
  }),
  organizationAttributes: z.object({ region: z.enum(["eu", "us"]) }),
});

const user = {
  id: "u-anna",
  organizationId: "org-acme",
  username: "anna",
  fullName: "Anna Berg",
  firstName: null,
  lastName: null,
  email: "anna@example.com",
  phone: null,
  pager: null,
  cellphone: null,
  location: null,
  company: null,
  audience: "internal",
  thirdParty: false,
  accessExpiresAt: null,
  source: { type: "local" },
  invitedBy: null,
  account: { status: "active" },
  twoFactorRequired: false,
  workflowAccess: false,
  version: 0,
  createdAt: new Date("2025-01-01T00:00:00Z"),
  updatedAt: new Date("2025-01-01T00:00:00Z"),
};

const organization = {
  id: "org-acme",
  name: "Acme",
  kind: "customer",
  partnerId: null,
  entitlements: null,
  contactPersonId: null,
  settings: {},
  version: 0,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe("defineModel: the host's user attributes", () => {
  it("parses a full user record with its attributes", () => {
    const attributes = { showVersion: false, showTeams: true, getReport: false, costCentre: "CC-12" };
    expect(model.userSchema.parse({ ...user, attributes })).toEqual({ ...user, attributes });
  });

  it("applies the attribute defaults when a value is missing (No entry means the default value)", () => {
    const parsed = model.userSchema.parse({ ...user, attributes: { getReport: false } });
    expect(parsed.attributes).toEqual({ showVersion: true, showTeams: true, getReport: false, costCentre: null });
  });

  it("the attribute schema alone applies the same defaults", () => {
    expect(model.userAttributes.parse({})).toEqual({ showVersion: true, showTeams: true, getReport: true, costCentre: null });
  });

  it("refuses a wrong attribute type, naming attributes.showVersion", () => {
    const error = parseInput(model.userSchema, { ...user, attributes: { showVersion: "Yes" } })._unsafeUnwrapErr();
    expect(error.code).toBe("validation");
    expect(error.issues.map((issue) => issue.field)).toEqual(["attributes.showVersion"]);
    expect(error.field).toBe("attributes.showVersion");
  });

  it("refuses a user without attributes", () => {
    const { issues } = parseInput(model.userSchema, user)._unsafeUnwrapErr();
    expect(issues.map((issue) => issue.field)).toEqual(["attributes"]);
  });

  it("still checks the built-in fields beside the attributes", () => {
    const { issues } = parseInput(model.userSchema, { ...user, username: "", attributes: { showVersion: 1 } })._unsafeUnwrapErr();
    expect([...new Set(issues.map((issue) => issue.field))].sort()).toEqual(["attributes.showVersion", "username"]);
  });

  it("organization attributes are checked the same way", () => {
    expect(model.organizationSchema.parse({ ...organization, attributes: { region: "eu" } }).attributes).toEqual({ region: "eu" });
    const { issues } = parseInput(model.organizationSchema, { ...organization, attributes: { region: "mars" } })._unsafeUnwrapErr();
    expect(issues.map((issue) => issue.field)).toEqual(["attributes.region"]);
  });
});

describe("the default model", () => {
  it("has no attributes: an empty object", () => {
    expect(DEFAULT_MODEL.userSchema.parse({ ...user, attributes: {} })).toEqual({ ...user, attributes: {} });
    expect(DEFAULT_MODEL.userAttributes.parse({})).toEqual({});
  });

  it("drops attributes it does not know, as zod objects do", () => {
    expect(DEFAULT_MODEL.userSchema.parse({ ...user, attributes: { stray: 1 } }).attributes).toEqual({});
  });

  it("defineModel() with no options is the same as the default model", () => {
    const plain = defineModel();
    expect(plain.userSchema.parse({ ...user, attributes: {} })).toEqual(DEFAULT_MODEL.userSchema.parse({ ...user, attributes: {} }));
    expect(plain.organizationSchema.parse({ ...organization, attributes: {} }).attributes).toEqual({});
  });
});
