import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { standsAtLeast } from "../../access/guards/standing.js";
import { canSee, SHOWN_TO_MEMBERS } from "../../access/visibility.js";
import { effectiveStatus } from "../../model/account-state.js";
import { organizationIdSchema, userIdSchema, type UserId } from "../../model/ids.js";
import { TenureErrors, type TenureError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import type { Actor } from "../actor.js";
import { runQuery } from "../_internal/run-query.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** What reading one user takes. */
export const getUserInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
});
/** See {@link getUserInputSchema}. */
export type GetUserInput = z.input<typeof getUserInputSchema>;

/**
 * Reads one user of an organization, with its `version` (the `expectedVersion` every command on the
 * user takes), for a profile or an edit screen. Visible as in the user list: administrators and super
 * admins read everyone, de-activated users included; members read themselves and whom their audience
 * lets them see (internal: the active members; external: those sharing a group; guests: nobody else).
 * A user the actor may not see is `not_found`, exactly like a user who does not exist.
 *
 * @example
 * ```ts
 * const ann = (await tenure.users.get(actor, { organizationId: acme.id, userId: annId }))._unsafeUnwrap();
 * await tenure.accounts.block(actor, { organizationId: acme.id, userId: ann.id, expectedVersion: ann.version, until: null });
 * ```
 */
export function getUser<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: GetUserInput,
): ResultAsync<User<UA>, TenureError> {
  return runQuery(context, {
    actor,
    schema: getUserInputSchema,
    input,
    rule: () => ({ needs: "member" }),
    read: async ({ tx, now, actor: party, standing }, { organizationId, userId }) => {
      const user = await tx.users.get(organizationId, userId as UserId);
      if (user === null) return err(TenureErrors.notFound("user", userId));
      if (standsAtLeast(standing, "administrator") || party.type !== "user") return ok(user);
      const viewer = { user: party.user, isAdmin: false };
      if (user.id === party.user.id) return ok(user);
      // The list's rule, judged the same way as the list judges it in the store.
      const status = effectiveStatus(user.account, now);
      const hidden = !SHOWN_TO_MEMBERS.includes(status);
      const groups = await tx.groups.listForMember(organizationId, party.user.id);
      return !hidden && canSee(viewer, user, groups) ? ok(user) : err(TenureErrors.notFound("user", userId));
    },
  });
}
