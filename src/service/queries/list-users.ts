import { ok, type ResultAsync } from "neverthrow";
import { standsAtLeast } from "../../access/guards/standing.js";
import * as z from "zod";
import { SHOWN_TO_MEMBERS, userVisibilityFor } from "../../access/visibility.js";
import { ACCOUNT_STATUSES } from "../../model/account-state.js";
import { organizationIdSchema } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import { countsTotal } from "../../model/page-total.js";
import type { TenureError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import { userQuerySchema } from "../../model/user-query.js";
import type { Actor } from "../actor.js";
import { runQuery } from "../_internal/run-query.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** A page request over an organization's users, as a viewer asks it: the store's query without `visibility` and `asOf`, which the service sets. */
export const listUsersInputSchema = userQuerySchema.omit({ visibility: true, asOf: true }).extend({ organizationId: organizationIdSchema });
/** See {@link listUsersInputSchema}. */
export type ListUsersInput = z.input<typeof listUsersInputSchema>;


/**
 * Lists the users of an organization as the actor may see them, filtered, sorted and paged in the store:
 * administrators see everyone, de-activated users included (the zoned workspace shows them greyed out);
 * internal users see the active members; external users only those who share a group with them; guests
 * only themselves (the document workspace). Reads only; writes no audit event.
 *
 * The page's `total` (on the first page unless `total` says otherwise) counts what this viewer may see
 * under these filters: the visibility and the statuses shown to members are part of the one store
 * query that both the page and the count read.
 */
export function listUsers<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ListUsersInput,
): ResultAsync<Page<User<UA>>, TenureError> {
  return runQuery(context, {
    actor,
    schema: listUsersInputSchema,
    input,
    rule: () => ({ needs: "member" }),
    read: async ({ tx, now, actor: party, standing }, { organizationId, ...query }) => {
      const administers = standsAtLeast(standing, "administrator");
      const visibility = party.type === "user" && !administers ? userVisibilityFor({ user: party.user, isAdmin: false }) : { type: "all" as const };
      const asked = query.filter.statuses ?? ACCOUNT_STATUSES;
      const statuses = administers ? query.filter.statuses : asked.filter((status) => SHOWN_TO_MEMBERS.includes(status));
      // Nothing the viewer asked for is shown to them: an empty list, whose total is 0.
      if (statuses !== undefined && statuses.length === 0) return ok({ items: [], nextCursor: null, total: countsTotal(query) ? 0 : null });
      return tx.users.list(organizationId, {
        ...query,
        filter: { ...query.filter, ...(statuses === undefined ? {} : { statuses: [...statuses] }) },
        visibility,
        asOf: now,
      });
    },
  });
}
