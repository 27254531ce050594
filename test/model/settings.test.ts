// Settings: every field has a documented default, so an installation that sets nothing works. An
// organization may override some of them for itself; what it leaves out stays as the installation has it.
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  organizationBaseSchema,
  organizationSettingsSchema,
  parseInput,
  settingsFor,
  settingsSchema,
  type OrganizationSettings,
  type Settings,
} from "../../src/index.js";

const DAY_IN_MINUTES = 24 * 60;

describe("the defaults", () => {
  const defaults = settingsSchema.parse({});

  it("self sign-ups are not held for verification (forceVerify off)", () => {
    expect(defaults.forceVerify).toBe(false);
  });

  it("any admin may edit user data and run a directory update", () => {
    expect(defaults.userDataEditors).toBe("any_admin");
    expect(defaults.directoryUpdaters).toBe("any_admin");
  });

  it("a duplicate e-mail is a warning, not an error", () => {
    expect(defaults.emailUniqueness).toBe("warn");
  });

  it("third-party access is off, lasts at most 90 days, with reminders 14 and 3 days before", () => {
    expect(defaults.thirdParty).toEqual({ enabled: false, maxAccessDays: 90, reminderDaysBefore: [14, 3] });
  });

  it("invitation and activation links last 7 days, a password reset link 60 minutes", () => {
    expect(defaults.tokens).toEqual({
      invitationMinutes: 7 * DAY_IN_MINUTES,
      activationMinutes: 7 * DAY_IN_MINUTES,
      passwordResetMinutes: 60,
    });
  });

  it("an account locks for 15 minutes after 5 failed sign-ins", () => {
    expect(defaults.signIn).toEqual({ maxFailedAttempts: 5, lockoutMinutes: 15 });
  });

  it("calendar days are counted in UTC", () => {
    expect(defaults.timeZone).toBe("UTC");
  });

  it("DEFAULT_SETTINGS is settingsSchema.parse({})", () => {
    expect(DEFAULT_SETTINGS).toEqual(defaults);
  });

  it("a nested partial keeps the other nested defaults", () => {
    const settings = settingsSchema.parse({ thirdParty: { enabled: true }, signIn: { lockoutMinutes: 30 } });
    expect(settings.thirdParty).toEqual({ enabled: true, maxAccessDays: 90, reminderDaysBefore: [14, 3] });
    expect(settings.signIn).toEqual({ maxFailedAttempts: 5, lockoutMinutes: 30 });
    expect(settings.tokens.passwordResetMinutes).toBe(60);
  });

  it("two parses do not share the default reminder list", () => {
    const first = settingsSchema.parse({});
    first.thirdParty.reminderDaysBefore.push(1);
    expect(settingsSchema.parse({}).thirdParty.reminderDaysBefore).toEqual([14, 3]);
  });

  it.each([
    [{ thirdParty: { maxAccessDays: 0 } }, "thirdParty.maxAccessDays"],
    [{ thirdParty: { maxAccessDays: 1.5 } }, "thirdParty.maxAccessDays"],
    [{ signIn: { maxFailedAttempts: 0 } }, "signIn.maxFailedAttempts"],
    [{ tokens: { passwordResetMinutes: -1 } }, "tokens.passwordResetMinutes"],
    [{ emailUniqueness: "sometimes" }, "emailUniqueness"],
    [{ fieldLimits: { fullName: 0 } }, "fieldLimits.fullName"],
  ])("refuses %j, naming %s", (input, field) => {
    const parsed = parseInput(settingsSchema, input);
    expect(parsed._unsafeUnwrapErr().issues.map((issue) => issue.field)).toEqual([field]);
  });
});

describe("settingsFor: an organization's overrides", () => {
  const installation: Settings = settingsSchema.parse({
    forceVerify: true,
    emailUniqueness: "enforce",
    thirdParty: { enabled: true, maxAccessDays: 180, reminderDaysBefore: [30, 7, 1] },
    signIn: { maxFailedAttempts: 3 },
  });

  it("no override: the installation's settings", () => {
    expect(settingsFor(installation, {})).toEqual(installation);
  });

  it("applies the overrides the organization defines", () => {
    const settings = settingsFor(installation, { forceVerify: false, userDataEditors: "super_admins", timeZone: "Europe/Stockholm" });
    expect(settings).toEqual({
      ...installation,
      forceVerify: false,
      userDataEditors: "super_admins",
      timeZone: "Europe/Stockholm",
    });
  });

  it("false is an override, not a missing value", () => {
    expect(settingsFor(installation, { forceVerify: false }).forceVerify).toBe(false);
  });

  it("a nested third-party override changes only the fields it gives", () => {
    const settings = settingsFor(installation, { thirdParty: { maxAccessDays: 30 } });
    expect(settings.thirdParty).toEqual({ enabled: true, maxAccessDays: 30, reminderDaysBefore: [30, 7, 1] });
  });

  it("an explicitly undefined nested field does not erase the installation's value", () => {
    const overrides = { thirdParty: { maxAccessDays: undefined, enabled: false } } as unknown as OrganizationSettings;
    expect(settingsFor(installation, overrides).thirdParty).toEqual({ enabled: false, maxAccessDays: 180, reminderDaysBefore: [30, 7, 1] });
  });

  it("an organization's stored settings, read back through the schema, override only what they hold", () => {
    // The stored record is parsed by organizationSettingsSchema: it must not fill in defaults that would
    // then override the installation's values (e.g. switch third-party management off).
    const stored = organizationSettingsSchema.parse({ thirdParty: { maxAccessDays: 30 } });
    expect(stored).toEqual({ thirdParty: { maxAccessDays: 30 } });
    expect(settingsFor(installation, stored).thirdParty).toEqual({ enabled: true, maxAccessDays: 30, reminderDaysBefore: [30, 7, 1] });
  });

  it("the organization schema fills in nothing when nothing is set", () => {
    expect(organizationSettingsSchema.parse({})).toEqual({});
    expect(organizationSettingsSchema.parse({ thirdParty: {} })).toEqual({ thirdParty: {} });
    expect(settingsFor(installation, organizationSettingsSchema.parse({ thirdParty: {} }))).toEqual(installation);
  });

  it("the same holds for the settings inside a whole organization record", () => {
    const organization = organizationBaseSchema.parse({
      id: "org-1",
      name: "Acme",
      kind: "customer",
      partnerId: null,
      entitlements: null,
      contactPersonId: null,
      settings: { thirdParty: { reminderDaysBefore: [2] } },
      version: 0,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    });
    expect(settingsFor(installation, organization.settings).thirdParty).toEqual({
      enabled: true,
      maxAccessDays: 180,
      reminderDaysBefore: [2],
    });
  });

  it("the organization may not override what is not its own (field limits, the partner kinds)", () => {
    const parsed = organizationSettingsSchema.parse({ fieldLimits: { username: 3 }, partnerKinds: ["site"] });
    expect(parsed).toEqual({});
    expect(settingsFor(installation, parsed)).toEqual(installation);
  });

  it("the lockout and token lifetimes are overridden field by field (organizations.updateSettings)", () => {
    const parsed = organizationSettingsSchema.parse({ signIn: { lockoutMinutes: 99 }, tokens: { passwordResetMinutes: 1 } });
    const merged = settingsFor(installation, parsed);
    expect(merged.signIn).toEqual({ maxFailedAttempts: installation.signIn.maxFailedAttempts, lockoutMinutes: 99 });
    expect(merged.tokens).toEqual({ ...installation.tokens, passwordResetMinutes: 1 });
  });

  it("does not change its inputs", () => {
    const before = structuredClone(installation);
    settingsFor(installation, { thirdParty: { maxAccessDays: 1 }, forceVerify: false });
    expect(installation).toEqual(before);
  });

  const overridesArb: fc.Arbitrary<OrganizationSettings> = fc.record(
    {
      forceVerify: fc.boolean(),
      userDataEditors: fc.constantFrom("any_admin" as const, "super_admins" as const),
      directoryUpdaters: fc.constantFrom("any_admin" as const, "super_admins" as const),
      emailUniqueness: fc.constantFrom("warn" as const, "enforce" as const),
      timeZone: fc.constantFrom("UTC", "Europe/Paris", "America/New_York"),
      thirdParty: fc.record(
        {
          enabled: fc.boolean(),
          maxAccessDays: fc.integer({ min: 1, max: 3650 }),
          reminderDaysBefore: fc.array(fc.integer({ min: 1, max: 3650 }), { maxLength: 4 }),
        },
        { requiredKeys: [], noNullPrototype: true },
      ),
    },
    { requiredKeys: [], noNullPrototype: true },
  );

  fcTest.prop([overridesArb])("each field is the organization's when it defines it, the installation's otherwise", (overrides) => {
    const settings = settingsFor(installation, overrides);
    for (const key of ["forceVerify", "userDataEditors", "directoryUpdaters", "emailUniqueness", "timeZone"] as const) {
      expect(settings[key]).toEqual(overrides[key] ?? installation[key]);
    }
    for (const key of ["enabled", "maxAccessDays", "reminderDaysBefore"] as const) {
      expect(settings.thirdParty[key]).toEqual(overrides.thirdParty?.[key] ?? installation.thirdParty[key]);
    }
    expect(settings.fieldLimits).toEqual(installation.fieldLimits);
    expect(settings.tokens).toEqual(installation.tokens);
    expect(settings.signIn).toEqual(installation.signIn);
    expect(settingsSchema.parse(settings)).toEqual(settings);
  });

  fcTest.prop([overridesArb])("stored overrides read back through the schema mean the same", (overrides) => {
    expect(settingsFor(installation, organizationSettingsSchema.parse(overrides))).toEqual(settingsFor(installation, overrides));
  });
});
