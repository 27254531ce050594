import * as z from "zod";
import { auditActorSchema } from "./audit-event.js";
import { organizationIdSchema, provisioningRunIdSchema, userIdSchema } from "./ids.js";
import { PROVISIONING_ACTIONS, PROVISIONING_SOURCE_KINDS } from "./provisioning-action.js";

const count = z.number().int().nonnegative();

/**
 * One sync or import of a configured source's records into an organization: who started it, what it
 * read, and how many records each action touched. Written `running` in the unit of work that plans
 * the run, then `completed` or `failed` (with `finishedAt`) by the one that finishes it; its per-record
 * details are {@link ProvisioningRecordOutcome}s.
 *
 * @example
 * ```ts
 * const run = provisioningRunSchema.parse(row); // a stored run, checked
 * run.counts.create; // accounts the run created
 * ```
 */
export const provisioningRunSchema = z.object({
  id: provisioningRunIdSchema,
  organizationId: organizationIdSchema,
  /** The configured source's name, e.g. `corp-ldap`. */
  source: z.string().min(1).max(200),
  sourceKind: z.enum(PROVISIONING_SOURCE_KINDS),
  /** `new_only`: only records not yet linked are created (Partial Update); `all`: every record is compared (Full Update). */
  mode: z.enum(["new_only", "all"]),
  /** What the read was limited to (e.g. a directory group), as recorded; `null` for the whole source. */
  scope: z.string().min(1).max(2000).nullable(),
  /** Who started the run, in the shape audit events use. */
  actor: auditActorSchema,
  status: z.enum(["running", "completed", "failed"]),
  startedAt: z.date(),
  /** `null` while `running`. */
  finishedAt: z.date().nullable(),
  /** Records per planned action, plus `failed` (records whose write was refused) and `errors` (records the plan refused). */
  counts: z.record(z.enum([...PROVISIONING_ACTIONS, "failed", "errors"]), count),
  version: count,
});
/** See {@link provisioningRunSchema}. */
export type ProvisioningRun = z.output<typeof provisioningRunSchema>;

/**
 * What one run did with one record of the source (or one linked user it de-activated): the action the
 * plan chose, the user it reached, and whether the write landed. `sequence` is the record's place in
 * the plan (0, 1, …), unique within its run, so outcomes read back in plan order.
 *
 * @example
 * ```ts
 * provisioningRecordOutcomeSchema.parse({
 *   runId: "run_1", organizationId: "org_1", sequence: 4, externalId: "e-17", position: "row 5",
 *   action: "error", userId: null, status: "refused",
 *   error: { code: "invalid_email", field: "fields.email", message: "Not an e-mail address." },
 * });
 * ```
 */
export const provisioningRecordOutcomeSchema = z.object({
  runId: provisioningRunIdSchema,
  organizationId: organizationIdSchema,
  /** 0, 1, … in plan order; at most 2³¹ − 1, what a SQL `integer` holds. */
  sequence: count.max(2_147_483_647),
  externalId: z.string().min(1).max(512).nullable(),
  /** The record's place in the source, e.g. `row 5` or a DN. */
  position: z.string().min(1).max(2000).nullable(),
  /** The planned action, or `error` for a record the plan refused. */
  action: z.enum([...PROVISIONING_ACTIONS, "error"]),
  /** The user the record reached; `null` for a refused record or a create that failed. */
  userId: userIdSchema.nullable(),
  /** `applied` (written), `unchanged` (nothing to write), `failed` (the write was refused), `refused` (by the plan). */
  status: z.enum(["applied", "unchanged", "failed", "refused"]),
  /**
   * Why the record failed or was refused; `null` otherwise. The writer keeps every field within its
   * limits (a refused record's own `externalId` may be what was wrong with it: store `null` then, or a
   * shortened form), since a store reading back a row that breaks them reports it as `corrupt_record`.
   */
  error: z
    .object({ code: z.string().min(1).max(100), field: z.string().max(1000).nullable(), message: z.string().max(10_000) })
    .nullable(),
});
/** See {@link provisioningRecordOutcomeSchema}. */
export type ProvisioningRecordOutcome = z.output<typeof provisioningRecordOutcomeSchema>;
