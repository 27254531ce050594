import * as z from "zod";
import { accountStateSchema } from "./account-state.js";
import { organizationIdSchema, userIdSchema } from "./ids.js";
import { boundedString } from "./bounded-string.js";
import { PROVISIONING_SOURCE_KINDS } from "./provisioning-action.js";

/** Who a user is to the account, which decides what they may see (the document workspace manual). */
export const audienceSchema = z.enum(["internal", "external", "guest"]);
/** See {@link audienceSchema}. */
export type Audience = z.output<typeof audienceSchema>;

/**
 * Where a user record comes from: entered locally, or provisioned by a configured source (a directory,
 * a spreadsheet import, an identity provider over SCIM). A provisioned user names its source, so one
 * organization may be fed by several sources of one kind, and carries the source's stable id of the
 * record, which survives renames. `source` defaults to the kind's name.
 */
export const userSourceSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("local") }),
    z.object({
      type: z.enum(PROVISIONING_SOURCE_KINDS),
      /** The configured source's name (e.g. `"corp-ldap"`). */
      source: z.string().min(1).max(200).optional(),
      /** The source's stable id of the record (e.g. LDAP `entryUUID`, a SCIM `externalId`). */
      externalId: z.string().min(1).max(512),
    }),
  ])
  .transform((source) =>
    source.type === "local" ? source : { type: source.type, source: source.source ?? source.type, externalId: source.externalId },
  );
/** See {@link userSourceSchema}. */
export type UserSource = z.output<typeof userSourceSchema>;

/** Hard upper bounds: anything longer is refused outright. The soft limits of `Settings.fieldLimits` only warn. */
export const USER_FIELD_HARD_MAX = {
  username: 256,
  fullName: 400,
  firstName: 256,
  lastName: 256,
  email: 512,
  phone: 128,
  pager: 128,
  cellphone: 128,
  location: 400,
  company: 400,
} as const;

const NO_CONTROL_CHARS = /^[^\p{Cc}]*$/u;
const text = (max: number): z.ZodString =>
  boundedString(max).regex(NO_CONTROL_CHARS, { message: "must not contain control characters" });
const optionalText = (max: number): z.ZodNullable<z.ZodString> => text(max).nullable();
/** Text whose surrounding white space is dropped before it is checked (pasted names and addresses often carry some). */
const trimmedText = (max: number): z.ZodString =>
  boundedString(max, { trim: true }).regex(NO_CONTROL_CHARS, { message: "must not contain control characters" });

/** Built-in fields of a user, as stored. */
export const userBaseShape = {
  id: userIdSchema,
  organizationId: organizationIdSchema,
  /**
   * Sign-in name; unique in the organization (compared by its sort key) and immutable after creation.
   * Surrounding white space is dropped, like the full name's and the e-mail's (a username typed with
   * spaces around it is the same username); one line.
   */
  username: trimmedText(USER_FIELD_HARD_MAX.username).min(1).regex(/^[^\u2028\u2029]*$/u, { message: "must be one line" }),
  fullName: trimmedText(USER_FIELD_HARD_MAX.fullName).min(1),
  firstName: optionalText(USER_FIELD_HARD_MAX.firstName),
  lastName: optionalText(USER_FIELD_HARD_MAX.lastName),
  email: trimmedText(USER_FIELD_HARD_MAX.email).min(1),
  phone: optionalText(USER_FIELD_HARD_MAX.phone),
  pager: optionalText(USER_FIELD_HARD_MAX.pager),
  cellphone: optionalText(USER_FIELD_HARD_MAX.cellphone),
  location: optionalText(USER_FIELD_HARD_MAX.location),
  company: optionalText(USER_FIELD_HARD_MAX.company),
  audience: audienceSchema,
  /** A third-party user's access ends at `accessExpiresAt`. */
  thirdParty: z.boolean(),
  accessExpiresAt: z.date().nullable(),
  source: userSourceSchema,
  invitedBy: userIdSchema.nullable(),
  account: accountStateSchema,
  twoFactorRequired: z.boolean(),
  workflowAccess: z.boolean(),
  version: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
};

/** Schema of a user without host attributes. */
export const userBaseSchema = z.object(userBaseShape);

/** A user with the host's own attributes `A` (e.g. the zoned workspace's `showVersion` flag). */
export type User<A extends object = Record<never, never>> = z.output<typeof userBaseSchema> & {
  readonly attributes: A;
};

/** The user fields an admin may edit, i.e. everything but identity, lifecycle and bookkeeping. */
export const EDITABLE_USER_FIELDS = [
  "fullName",
  "firstName",
  "lastName",
  "email",
  "phone",
  "pager",
  "cellphone",
  "location",
  "company",
] as const;
/** See {@link EDITABLE_USER_FIELDS}. */
export type EditableUserField = (typeof EDITABLE_USER_FIELDS)[number];
