import * as z from "zod";
import { auditEventIdSchema, organizationIdSchema, userIdSchema } from "./ids.js";
import { boundedString } from "./bounded-string.js";

/** Who did it: a user, or the system itself (the expiry sweep, a directory sync). */
export const auditActorSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), id: userIdSchema, organizationId: organizationIdSchema }),
  z.object({ type: z.literal("system"), name: z.string().min(1).max(100) }),
]);
/** See {@link auditActorSchema}. */
export type AuditActor = z.output<typeof auditActorSchema>;

/** What the action was done to. */
export const auditTargetSchema = z.object({ entity: z.string().min(1).max(50), id: z.string().min(1).max(256) });
/** See {@link auditTargetSchema}. */
export type AuditTarget = z.output<typeof auditTargetSchema>;

const jsonObject = z.record(z.string(), z.json());

/** One entry of the audit trail: one per successful command, never for a failed one. */
export const auditEventSchema = z.object({
  id: auditEventIdSchema,
  organizationId: organizationIdSchema,
  at: z.date(),
  actor: auditActorSchema,
  /** Dotted action name, e.g. `user.invited`, `user.removed`. */
  action: boundedString(100).regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, { message: "must be a dotted lowercase name" }),
  target: auditTargetSchema,
  /** The changed fields before and after; `null` where the target did not exist before or after. */
  before: jsonObject.nullable(),
  after: jsonObject.nullable(),
  /** Extra facts, e.g. how many documents were transferred. */
  details: jsonObject.nullable(),
});
/** See {@link auditEventSchema}. */
export type AuditEvent = z.output<typeof auditEventSchema>;
