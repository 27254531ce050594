import { err, ok, ResultAsync, type Result } from "neverthrow";
import * as z from "zod";
import { userVisibilityFor } from "../../access/visibility.js";
import { ACCOUNT_STATUSES, type AccountStatus } from "../../model/account-state.js";
import { organizationIdSchema } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import { parseInput } from "../../model/parse-input.js";
import { TenureErrors, type TenureError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import { userQuerySchema } from "../../model/user-query.js";
import type { Actor } from "../actor.js";
import { loadActingParty, permissionsOf } from "../_internal/acting-party.js";
import { targetIn } from "../_internal/load-access.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** A page request over an organization's users, as a viewer asks it: the store's query without `visibility` and `asOf`, which the service sets. */
export const listUsersInputSchema = userQuerySchema.omit({ visibility: true, asOf: true }).extend({ organizationId: organizationIdSchema });
/** See {@link listUsersInputSchema}. */
export type ListUsersInput = z.input<typeof listUsersInputSchema>;

/** The statuses a viewer who does not administer the organization may see: de-activated and removed users are hidden from them. */
const SHOWN_TO_MEMBERS: readonly AccountStatus[] = ACCOUNT_STATUSES.filter((status) => status !== "deactivated" && status !== "removed");

/**
 * Lists the users of an organization as the actor may see them, filtered, sorted and paged in the store:
 * administrators see everyone, de-activated users included (the zoned workspace shows them greyed out);
 * internal users see the active members; external users only those who share a group with them; guests
 * only themselves (the document workspace). Reads only; writes no audit event.
 */
export function listUsers<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ListUsersInput,
): ResultAsync<Page<User<UA>>, TenureError> {
  const run = async (): Promise<Result<Page<User<UA>>, TenureError>> => {
    const parsed = parseInput(listUsersInputSchema, input);
    if (parsed.isErr()) return err(parsed.error);
    const { organizationId, ...query } = parsed.value;
    const now = context.clock.now();
    return context.store.transaction(async (tx): Promise<Result<Page<User<UA>>, TenureError>> => {
      const party = await loadActingParty(tx, actor);
      if (party.isErr()) return err(party.error);
      const organization = await tx.organizations.get(organizationId);
      if (organization === null) return err(TenureErrors.notFound("organization", organizationId));
      const here = permissionsOf(context, party.value, targetIn(organization), now);
      const isAdmin = here.has(context.catalog.spec.administration.manageUsers) || here.has(context.catalog.spec.administration.superAdmin);
      const visibility = party.value.type === "system" ? { type: "all" as const } : userVisibilityFor({ user: party.value.user, isAdmin });
      const asked = query.filter.statuses ?? ACCOUNT_STATUSES;
      const statuses = isAdmin || party.value.type === "system" ? query.filter.statuses : asked.filter((status) => SHOWN_TO_MEMBERS.includes(status));
      if (statuses !== undefined && statuses.length === 0) return ok({ items: [], nextCursor: null });
      const listed = await tx.users.list(organizationId, {
        ...query,
        filter: { ...query.filter, ...(statuses === undefined ? {} : { statuses: [...statuses] }) },
        visibility,
        asOf: now,
      });
      return listed;
    });
  };
  return ResultAsync.fromSafePromise(run()).andThen((result) => result);
}
