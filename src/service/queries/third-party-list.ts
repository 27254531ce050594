import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { lastAccessDay } from "../../expiry/access-end.js";
import { daysLeft } from "../../expiry/days-left.js";
import { organizationIdSchema } from "../../model/ids.js";
import { thirdPartyQuerySchema } from "../../model/third-party-query.js";
import type { Page } from "../../model/page.js";
import type { TenureError } from "../../model/tenure-error.js";
import { runQuery } from "../_internal/run-query.js";
import type { User } from "../../model/user.js";
import type { Actor } from "../actor.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** A page request of the third-party management view: the store's query without `asOf` (the service judges statuses now), for one organization. */
export const listThirdPartyInputSchema = thirdPartyQuerySchema.omit({ asOf: true }).extend({ organizationId: organizationIdSchema });
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

/**
 * The third-party management view: the organization's third-party users by end of access, soonest first,
 * with the days left, filterable by status and sponsor, paged by keyset. For whoever manages the
 * organization's users. Reads only; writes no audit event. The page's `total` (on the first page unless
 * `total` says otherwise) counts the users these filters admit, by the same store query as the page.
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
    read: async ({ tx, now, settings }, { organizationId, ...query }) => {
      // Filters, order, cursor and total are one store query (statuses judged now), so the total counts exactly the rows paging reaches.
      const page = await tx.users.listThirdParty(organizationId, { ...query, asOf: now });
      if (page.isErr()) return err(page.error);
      const { timeZone } = settings;
      const items = page.value.items.map((user) => ({
        user,
        lastDay: lastAccessDay(user.accessExpiresAt as Date, timeZone),
        daysLeft: daysLeft(user, now, timeZone) ?? 0,
      }));
      return ok({ items, nextCursor: page.value.nextCursor, total: page.value.total });
    },
  });
}
