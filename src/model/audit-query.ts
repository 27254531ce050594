import * as z from "zod";
import { pageTotalSchema } from "./page-total.js";

/** A query over the audit trail of one organization; every filter optional, combined with AND. */
export const auditQuerySchema = z.object({
  /** Events about this target id. */
  targetId: z.string().min(1).max(256).optional(),
  /** Events by this acting user. */
  actorId: z.string().min(1).max(256).optional(),
  /** Events with one of these action names. */
  actions: z.array(z.string().min(1).max(100)).min(1).optional(),
  /** Inclusive start of the time range. */
  from: z.date().optional(),
  /** Exclusive end of the time range. */
  to: z.date().optional(),
  limit: z.number().int().min(1).max(1000).default(50),
  after: z.string().max(2048).optional(),
  /** When the page carries the trail's `total` under these filters (`"first_page"` when absent): see `PageTotal`. */
  total: pageTotalSchema.optional(),
});
/** A parsed audit query, defaults applied. */
export type AuditQuery = z.output<typeof auditQuerySchema>;
/** An audit query as a caller writes it. */
export type AuditQueryInput = z.input<typeof auditQuerySchema>;
