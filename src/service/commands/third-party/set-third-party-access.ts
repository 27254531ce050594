import { errorAtInput } from "../../../model/field-path.js";
import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { clearExpiry, endThirdParty, makeThirdParty, moveExpiry } from "../../../expiry/third-party-change.js";
import { organizationIdSchema, userIdSchema, type UserId } from "../../../model/ids.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { changedFields } from "../../_internal/audit-values.js";
import { adminsBefore, ensureAdminRemains } from "../../_internal/ensure-admin-remains.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { boundedString } from "../../../model/bounded-string.js";

/** A requested end of access: the last day of access as `YYYY-MM-DD` (recommended), or an instant. */
const requestedExpirySchema = z.union([boundedString(10).regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date YYYY-MM-DD" }), z.date()]);

/** What changing a user's third-party access takes. */
export const setThirdPartyAccessInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  expectedVersion: z.number().int().nonnegative(),
  change: z.discriminatedUnion("type", [
    /** Make a regular or directory user third party; without a date, access runs for the configured maximum. */
    z.object({ type: z.literal("make"), lastDay: requestedExpirySchema.optional() }),
    /** Move the end of access, within the maximum. */
    z.object({ type: z.literal("move"), lastDay: requestedExpirySchema }),
    /** Clear the date: the user is de-activated at once. */
    z.object({ type: z.literal("clear") }),
    /** Make the user a regular user again. */
    z.object({ type: z.literal("end") }),
  ]),
});
/** See {@link setThirdPartyAccessInputSchema}. */
export type SetThirdPartyAccessInput = z.input<typeof setThirdPartyAccessInputSchema>;

/**
 * Changes a user's third-party access (the zoned workspace): converting a user to third party sets the
 * end of access to the configured maximum unless a date is given; a date beyond the maximum is refused,
 * naming the latest allowed day; the date can be moved at any time within the maximum; clearing it
 * de-activates the user at once. Needs the permission to edit user data (third-party status and dates
 * are user data), and third-party management switched on. Nobody changes their own third-party access,
 * and a change that would leave the organization without a lasting admin (one who is not third party)
 * is refused (`last_admin`).
 */
export function setThirdPartyAccess<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: SetThirdPartyAccessInput,
): ResultAsync<User<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: setThirdPartyAccessInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "user_data_editor", targets: [userId], notOnOwnAccount: { verb: "change the third-party access of", userIds: [userId] } }),
    work: async (c, { organizationId, userId, expectedVersion, change }) => {
      const user = await c.tx.users.get(organizationId, userId as UserId);
      if (user === null) return err(TenureErrors.notFound("user", userId));
      if (user.version !== expectedVersion) return err(TenureErrors.conflict("user", userId, expectedVersion, user.version));
      const changed =
        change.type === "make"
          ? makeThirdParty(user, c.now, c.settings, change.lastDay === undefined ? {} : { expiresOn: change.lastDay })
          : change.type === "move"
            ? moveExpiry(user, change.lastDay, c.now, c.settings)
            : change.type === "clear"
              ? clearExpiry(user, c.now, c.settings)
              : endThirdParty(user, c.now, c.settings);
      if (changed.isErr()) return err(errorAtInput(changed.error, () => "change.lastDay"));
      const admins = change.type === "end" ? null : await adminsBefore(context, c);
      const updated = await c.tx.users.update(changed.value);
      if (updated.isErr()) return err(updated.error);
      if (admins !== null) {
        const kept = await ensureAdminRemains(context, c, admins);
        if (kept.isErr()) return err(kept.error);
      }
      const diff = changedFields(user as unknown as Record<string, unknown>, updated.value as unknown as Record<string, unknown>, ["thirdParty", "accessExpiresAt", "account"]);
      return ok({
        value: updated.value,
        audit: { action: `user.third_party_${change.type === "make" ? "granted" : change.type === "move" ? "moved" : change.type === "clear" ? "cleared" : "ended"}`, target: { entity: "user", id: userId }, ...diff },
        invalidate: { users: [userId] },
      });
    },
  });
}
