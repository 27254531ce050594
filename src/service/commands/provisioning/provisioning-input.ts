import * as z from "zod";
import { boundedString } from "../../../model/bounded-string.js";
import { organizationIdSchema } from "../../../model/ids.js";
import { scopeRefSchema } from "../../../model/scope.js";
import { audienceSchema } from "../../../model/user.js";

/** Most records one provisioning request may carry; a larger source is applied in several requests. */
export const PROVISIONING_RECORDS_MAX = 100_000;

/** Longest text a source record's field may carry in a request; the user-data rules refuse what is too long for a user, record by record. */
const RECORD_TEXT_MAX = 10_000;
const recordText = z.string().max(RECORD_TEXT_MAX);

/**
 * The user fields a source record may provide. Only their shape is checked here: the bounds and
 * rules of user data run when each record is applied, so one record with an over-long name fails
 * alone (recorded with its error) instead of refusing the whole read.
 */
export const sourceRecordFieldsSchema = z
  .object({
    username: recordText.optional(),
    fullName: recordText.optional(),
    email: recordText.optional(),
    firstName: recordText.nullable().optional(),
    lastName: recordText.nullable().optional(),
    phone: recordText.nullable().optional(),
    pager: recordText.nullable().optional(),
    cellphone: recordText.nullable().optional(),
    location: recordText.nullable().optional(),
    company: recordText.nullable().optional(),
    audience: audienceSchema.optional(),
    thirdParty: z.boolean().optional(),
    workflowAccess: z.boolean().optional(),
  })
  .strict();

/** One record a source says should exist, as a host hands it to `provisioning.plan` / `provisioning.apply`. */
export const sourceRecordSchema = z
  .object({
    /** The source's stable id of the record (an LDAP `entryUUID`, a SCIM `externalId`, a spreadsheet's username). */
    externalId: z.string().max(512),
    /** Where the record sits in the source, for messages: "row 5", a DN. */
    position: boundedString(200).optional(),
    fields: sourceRecordFieldsSchema.prefault({}),
    attributes: z.record(z.string(), z.unknown()).optional(),
    roles: z.array(z.object({ role: z.string().min(1).max(200), scope: scopeRefSchema.optional() })).max(100).optional(),
    groups: z.array(boundedString(200)).max(1000).optional(),
    active: z.boolean().optional(),
    thirdPartyLastDay: boundedString(10).regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date YYYY-MM-DD" }).optional(),
  })
  .strict();

/** What planning or applying a provisioning run takes: the source, the records it read, and how to read them. */
export const provisioningRequestSchema = z.object({
  organizationId: organizationIdSchema,
  /** The name of a source configured in `TenureOptions.sources`. */
  source: boundedString(200),
  records: z.array(sourceRecordSchema).max(PROVISIONING_RECORDS_MAX),
  /** `new_only`: the manual's Partial Update (only new users are added); `all`: Full Update. */
  mode: z.enum(["new_only", "all"]).default("all"),
  /** `complete` when `records` is the source's whole population (of `scope`); anything else never de-activates. */
  read: z.enum(["complete", "partial", "failed"]).default("complete"),
  /** What the read was limited to, e.g. the directory group configured; recorded with the run. */
  scope: boundedString(500).optional(),
  /** Apply a plan that de-activates more than the source's `maxDeactivationShare`. */
  force: z.boolean().default(false),
  /** `immutable`: usernames never follow the source's renames (a directory's logins); see `PlanOptions.usernames`. */
  usernames: z.enum(["follow_source", "immutable"]).default("follow_source"),
});
/** See {@link provisioningRequestSchema}. */
export type ProvisioningRequest = z.input<typeof provisioningRequestSchema>;

/** What applying takes besides the request: how many records one unit of work writes, and what new accounts start as. */
export const applyProvisioningInputSchema = provisioningRequestSchema.extend({
  /** Records per unit of work (1–1000, default 100). */
  batchSize: z.number().int().min(1).max(1000).default(100),
  /** Batches of new users written at the same time (1–8, default 4); every other batch writes alone. */
  concurrency: z.number().int().min(1).max(8).default(4),
  /**
   * How a new account starts: `active` (directory and SCIM users sign in through their source), or
   * `invited` with an invitation sent to choose a password. Defaults by the source's kind: `invited`
   * for a spreadsheet, `active` otherwise.
   */
  newAccounts: z.enum(["active", "invited"]).optional(),
});
/** See {@link applyProvisioningInputSchema}. */
export type ApplyProvisioningInput = z.input<typeof applyProvisioningInputSchema>;
