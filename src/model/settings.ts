import * as z from "zod";
import { mailTemplateOverridesSchema } from "./mail-template-overrides.js";
import { boundedString } from "./bounded-string.js";

/** Who may do a sensitive admin action: every organization admin, or only the super admins. */
export const adminCircleSchema = z.enum(["any_admin", "super_admins"]);
/** See {@link adminCircleSchema}. */
export type AdminCircle = z.output<typeof adminCircleSchema>;

/**
 * Soft size limits of user fields. Going over one is a warning naming the limit (the zoned workspace
 * manual: "warned if entries exceed size limits"), not an error; hard limits live in the schemas.
 */
export const fieldLimitsSchema = z.object({
  username: z.number().int().positive().default(64),
  fullName: z.number().int().positive().default(100),
  firstName: z.number().int().positive().default(64),
  lastName: z.number().int().positive().default(64),
  email: z.number().int().positive().default(254),
  phone: z.number().int().positive().default(32),
  pager: z.number().int().positive().default(32),
  cellphone: z.number().int().positive().default(32),
  location: z.number().int().positive().default(100),
  company: z.number().int().positive().default(100),
});
/** See {@link fieldLimitsSchema}. */
export type FieldLimits = z.output<typeof fieldLimitsSchema>;

/** The fields of third-party settings without their defaults, so that an override can leave any of them out. */
const thirdPartyFields = {
  enabled: z.boolean(),
  maxAccessDays: z.number().int().min(1).max(3650),
  reminderDaysBefore: z.array(z.number().int().min(1).max(3650)),
};

/** An IANA time zone name this runtime knows, e.g. `Europe/Berlin`. */
export const timeZoneSchema = boundedString(100).refine(isKnownTimeZone, { message: "must be an IANA time zone name such as Europe/Berlin" });

function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

/** Settings of third-party (time-limited) access. */
export const thirdPartySettingsSchema = z.object({
  /** Whether third-party user management is on. */
  enabled: thirdPartyFields.enabled.default(false),
  /** Longest access window in calendar days; new third-party users get exactly this. */
  maxAccessDays: thirdPartyFields.maxAccessDays.default(90),
  /** Days before expiry on which the sponsor is reminded, each once. */
  reminderDaysBefore: thirdPartyFields.reminderDaysBefore.default([14, 3]),
});

/** The fields of token lifetimes without their defaults, so that an override can leave any of them out. */
const tokenFields = {
  invitationMinutes: z.number().int().min(1),
  activationMinutes: z.number().int().min(1),
  passwordResetMinutes: z.number().int().min(1),
};

/** Lifetimes of single-use tokens, in minutes. */
export const tokenLifetimesSchema = z.object({
  invitationMinutes: tokenFields.invitationMinutes.default(7 * 24 * 60),
  activationMinutes: tokenFields.activationMinutes.default(7 * 24 * 60),
  passwordResetMinutes: tokenFields.passwordResetMinutes.default(60),
});

/** The fields of sign-in protection without their defaults. */
const signInFields = {
  maxFailedAttempts: z.number().int().min(1),
  lockoutMinutes: z.number().int().min(1),
};

/** Sign-in protection: lock an account for a while after repeated failed attempts. */
export const signInSettingsSchema = z.object({
  maxFailedAttempts: signInFields.maxFailedAttempts.default(5),
  lockoutMinutes: signInFields.lockoutMinutes.default(15),
});

/**
 * The settings of a `tenure` installation. Every field has a default, so `settingsSchema.parse({})`
 * is a complete, working configuration.
 */
export const settingsSchema = z.object({
  /** Self sign-ups wait in `pending_verification` until an admin verifies them ("Force Verify User"). */
  forceVerify: z.boolean().default(false),
  /** Who may add and edit user data (the zoned workspace: any admin unless configured otherwise). */
  userDataEditors: adminCircleSchema.default("any_admin"),
  /** Who may run a directory update (`AdminsCanUpdateFromLDAP` = yes means `any_admin`). */
  directoryUpdaters: adminCircleSchema.default("any_admin"),
  /** `warn`: a duplicate e-mail is a warning (the zoned workspace); `enforce`: it is refused. */
  emailUniqueness: z.enum(["warn", "enforce"]).default("warn"),
  /** IANA time zone in which calendar days (expiry dates) are counted. */
  timeZone: timeZoneSchema.default("UTC"),
  fieldLimits: fieldLimitsSchema.prefault({}),
  thirdParty: thirdPartySettingsSchema.prefault({}),
  tokens: tokenLifetimesSchema.prefault({}),
  signIn: signInSettingsSchema.prefault({}),
  /** Mail templates the installation uses in place of the defaults. */
  mailTemplates: mailTemplateOverridesSchema.default({}),
  /**
   * The organization kinds that may have customers (`organizations.linkCustomer` refuses another kind
   * as the partner, rule `partner_kind`). Installation-wide: an organization cannot make itself a partner.
   */
  partnerKinds: z.array(boundedString(64)).max(100).default(["partner"]),
});
/** Complete settings, every default applied. */
export type Settings = z.output<typeof settingsSchema>;
/** Settings as a host writes them: every field optional. */
export type SettingsInput = z.input<typeof settingsSchema>;

/** The per-organization overrides of {@link Settings}: what an organization may set for itself. */
export const organizationSettingsSchema = z.object({
  forceVerify: z.boolean().optional(),
  userDataEditors: adminCircleSchema.optional(),
  directoryUpdaters: adminCircleSchema.optional(),
  emailUniqueness: z.enum(["warn", "enforce"]).optional(),
  timeZone: timeZoneSchema.optional(),
  /** Only the fields given override; no default is filled in (it would hide the installation's value). */
  thirdParty: z.object(thirdPartyFields).partial().optional(),
  /** Token lifetimes of this organization; only the fields given override. */
  tokens: z.object(tokenFields).partial().optional(),
  /** Lockout of this organization; only the fields given override. */
  signIn: z.object(signInFields).partial().optional(),
  /** Mail templates this organization uses in place of the installation's (edited by its system admin). */
  mailTemplates: mailTemplateOverridesSchema.optional(),
});
/** See {@link organizationSettingsSchema}. */
export type OrganizationSettings = z.output<typeof organizationSettingsSchema>;

/** A field of a settings change: a value overrides the installation's, `null` drops the override, absent leaves it. */
const change = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/**
 * A change to an organization's settings (`organizations.updateSettings`): only the settings given
 * change; `null` drops the organization's override so the installation's value applies again. The
 * groups (`thirdParty`, `tokens`, `signIn`) change field by field. Mail templates have their own
 * command (`organizations.updateMailTemplates`); an unknown key is refused by name.
 */
export const organizationSettingsChangesSchema = z.strictObject({
  forceVerify: change(z.boolean()),
  userDataEditors: change(adminCircleSchema),
  directoryUpdaters: change(adminCircleSchema),
  emailUniqueness: change(z.enum(["warn", "enforce"])),
  timeZone: change(timeZoneSchema),
  thirdParty: z
    .strictObject({
      enabled: change(thirdPartyFields.enabled),
      maxAccessDays: change(thirdPartyFields.maxAccessDays),
      reminderDaysBefore: change(thirdPartyFields.reminderDaysBefore),
    })
    .optional(),
  tokens: z
    .strictObject({
      invitationMinutes: change(tokenFields.invitationMinutes),
      activationMinutes: change(tokenFields.activationMinutes),
      passwordResetMinutes: change(tokenFields.passwordResetMinutes),
    })
    .optional(),
  signIn: z.strictObject({ maxFailedAttempts: change(signInFields.maxFailedAttempts), lockoutMinutes: change(signInFields.lockoutMinutes) }).optional(),
});
/** See {@link organizationSettingsChangesSchema}. */
export type OrganizationSettingsChanges = z.input<typeof organizationSettingsChangesSchema>;

/** The default settings. */
export const DEFAULT_SETTINGS: Settings = deepFreeze(settingsSchema.parse({}));

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
}

/** The settings in force in one organization: the installation's, overridden by the organization's own. */
export function settingsFor(settings: Settings, overrides: OrganizationSettings): Settings {
  return {
    ...settings,
    ...(overrides.forceVerify === undefined ? {} : { forceVerify: overrides.forceVerify }),
    ...(overrides.userDataEditors === undefined ? {} : { userDataEditors: overrides.userDataEditors }),
    ...(overrides.directoryUpdaters === undefined ? {} : { directoryUpdaters: overrides.directoryUpdaters }),
    ...(overrides.emailUniqueness === undefined ? {} : { emailUniqueness: overrides.emailUniqueness }),
    ...(overrides.timeZone === undefined ? {} : { timeZone: overrides.timeZone }),
    thirdParty: { ...settings.thirdParty, ...definedOnly(overrides.thirdParty ?? {}) },
    tokens: { ...settings.tokens, ...definedOnly(overrides.tokens ?? {}) },
    signIn: { ...settings.signIn, ...definedOnly(overrides.signIn ?? {}) },
  };
}

function definedOnly<T extends object>(value: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]-?: Exclude<T[K], undefined>;
  };
}
