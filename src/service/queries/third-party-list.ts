import { accountStatusNow } from "../../access/account-standing.js";
import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { lastAccessDay } from "../../expiry/access-end.js";
import { daysLeft } from "../../expiry/days-left.js";
import { ACCOUNT_STATUSES, type AccountStatus } from "../../model/account-state.js";
import { decodeCursor, encodeCursor } from "../../model/cursor.js";
import { organizationIdSchema, userIdSchema, type UserId } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import type { TenureError } from "../../model/tenure-error.js";
import { runQuery } from "../_internal/run-query.js";
import type { User } from "../../model/user.js";
import type { Actor } from "../actor.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** A page request of the third-party management view. */
export const listThirdPartyInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** Only users in these account statuses (judged now); all by default. */
  statuses: z.array(z.enum(ACCOUNT_STATUSES as [AccountStatus, ...AccountStatus[]])).min(1).optional(),
  /** Only users sponsored by (invited by) this user. */
  sponsorId: userIdSchema.optional(),
  limit: z.number().int().min(1).max(500).default(50),
  after: z.string().max(2048).optional(),
});
/** See {@link listThirdPartyInputSchema}. */
export type ListThirdPartyInput = z.input<typeof listThirdPartyInputSchema>;

/** One row of the third-party management view. */
export interface ThirdPartyRow<UA extends object> {
  readonly user: User<UA>;
  /** The last day of access, `YYYY-MM-DD` in the organization's time zone. */
  readonly lastDay: string;
  /** Calendar days of access left, today included; 0 once expired. */
  readonly daysLeft: number;
}

const ORDER = "access:asc";
const FAR_FUTURE = new Date(8.64e15);

/**
 * The third-party management view: the organization's third-party users by end of access, soonest first,
 * with the days left, filterable by status and sponsor, paged by keyset. For whoever manages the
 * organization's users. Reads only; writes no audit event.
 */
export function listThirdParty<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ListThirdPartyInput,
): ResultAsync<Page<ThirdPartyRow<UA>>, TenureError> {
  return runQuery(context, {
    actor,
    schema: listThirdPartyInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    read: async ({ tx, now, settings }, { organizationId, statuses, sponsorId, limit, after }) => {
      const position = after === undefined ? null : decodeCursor(after, ORDER);
      if (position !== null && position.isErr()) return err(position.error);
      const timeZone = settings.timeZone;
      const rows: ThirdPartyRow<UA>[] = [];
      let cursor = position === null ? undefined : { at: new Date(position.value.key), id: position.value.id as UserId };
      let more = true;
      while (rows.length <= limit && more) {
        const batch = await tx.users.listAccessExpiring(organizationId, { before: FAR_FUTURE, limit: limit + 1, ...(cursor === undefined ? {} : { after: cursor }) });
        more = batch.length === limit + 1;
        for (const user of batch) {
          cursor = { at: user.accessExpiresAt as Date, id: user.id };
          if (statuses !== undefined && !statuses.includes(accountStatusNow(user, now))) continue;
          if (sponsorId !== undefined && user.invitedBy !== sponsorId) continue;
          rows.push({ user, lastDay: lastAccessDay(user.accessExpiresAt as Date, timeZone), daysLeft: daysLeft(user, now, timeZone) ?? 0 });
          if (rows.length > limit) break;
        }
      }
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      const nextCursor =
        rows.length > limit && last !== undefined ? encodeCursor({ order: ORDER, key: (last.user.accessExpiresAt as Date).toISOString(), id: last.user.id }) : null;
      return ok({ items, nextCursor });
    },
  });
}
