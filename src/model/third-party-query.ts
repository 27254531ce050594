import * as z from "zod";
import { ACCOUNT_STATUSES, type AccountStatus } from "./account-state.js";
import { userIdSchema } from "./ids.js";
import { pageTotalSchema } from "./page-total.js";

/**
 * A page request over an organization's third-party users with an end of access, soonest end first
 * (the third-party management view). Filters combine with AND; statuses are judged at `asOf` as every
 * rule of the service judges them (`accountStatusNow`: a block past its end counts as active, access
 * ended on or before `asOf` as de-activated).
 */
export const thirdPartyQuerySchema = z.object({
  /** Only users in these account statuses, judged at `asOf`; all by default. */
  statuses: z.array(z.enum(ACCOUNT_STATUSES as [AccountStatus, ...AccountStatus[]])).min(1).optional(),
  /** Only users sponsored by (invited by) this user. */
  sponsorId: userIdSchema.optional(),
  limit: z.number().int().min(1).max(500).default(50),
  /** Cursor from the previous page's `nextCursor`; absent for the first page. */
  after: z.string().max(2048).optional(),
  /** When the page carries the list's `total` (`"first_page"` when absent): see `PageTotal`. */
  total: pageTotalSchema.optional(),
  /** The instant at which statuses are judged. */
  asOf: z.date(),
});
/** A parsed third-party query, defaults applied. */
export type ThirdPartyQuery = z.output<typeof thirdPartyQuerySchema>;
/** A third-party query as a caller writes it. */
export type ThirdPartyQueryInput = z.input<typeof thirdPartyQuerySchema>;
