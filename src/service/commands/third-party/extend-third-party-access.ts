import { fieldPath } from "../../../model/field-path.js";
import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { extendMany } from "../../../expiry/extend-many.js";
import { organizationIdSchema, userIdSchema, type UserId } from "../../../model/ids.js";
import { TenureErrors, type Diagnostic, type TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import { toJson } from "../../_internal/audit-values.js";
import { runParsedCommand, type JsonObject } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { boundedString } from "../../../model/bounded-string.js";

/** What extending several third-party users at once takes (the third-party management view's "extend selected"). */
export const extendThirdPartyAccessInputSchema = z.object({
  organizationId: organizationIdSchema,
  userIds: z.array(userIdSchema).min(1).max(1000),
  /** The new last day of access, `YYYY-MM-DD`, or an instant; never beyond the configured maximum. */
  lastDay: z.union([boundedString(10).regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date YYYY-MM-DD" }), z.date()]),
});
/** See {@link extendThirdPartyAccessInputSchema}. */
export type ExtendThirdPartyAccessInput = z.input<typeof extendThirdPartyAccessInputSchema>;

/**
 * Moves the end of access of several third-party users at once, all or nothing: if any user cannot be
 * extended (not third party, removed, a date beyond the maximum), nothing changes and the error lists
 * every refusal by user: on `lastDay` when the date is refused (malformed, past, beyond the maximum), on
 * `userIds.<index in the input>` when the user is (not third party, removed). One audit event lists the users and their old and new dates. Needs the
 * permission to edit user data; nobody extends their own access (`own_account`).
 */
export function extendThirdPartyAccess<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ExtendThirdPartyAccessInput,
): ResultAsync<readonly User<UA>[], TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: extendThirdPartyAccessInputSchema,
    input,
    rule: ({ userIds }) => ({ needs: "user_data_editor", targets: userIds, notOnOwnAccount: { verb: "extend the access of", userIds } }),
    work: async (c, { organizationId, userIds, lastDay }) => {
      const unique = [...new Set(userIds)] as UserId[];
      const users = await c.tx.users.getMany(organizationId, unique);
      const missing = unique.find((id) => !users.some((user) => user.id === id));
      if (missing !== undefined) return err(TenureErrors.notFound("user", missing));
      const outcomes = extendMany(users, lastDay, c.now, c.settings);
      const refusals: Diagnostic[] = outcomes.flatMap(({ userId, result }) =>
        result.isOk() ? [] : [{ severity: "error" as const, field: result.error.code === "validation" ? "lastDay" : fieldPath("userIds", userIds.indexOf(userId)), code: result.error.code, message: `${userId}: ${result.error.message}` }],
      );
      if (refusals.length > 0) return err(TenureErrors.validation(refusals));
      const saved: User<UA>[] = [];
      for (const outcome of outcomes) {
        if (outcome.result.isErr()) continue;
        const updated = await c.tx.users.update(outcome.result.value);
        if (updated.isErr()) return err(updated.error);
        saved.push(updated.value);
      }
      const before: JsonObject = Object.fromEntries(users.map((user) => [user.id, toJson(user.accessExpiresAt)]));
      const after: JsonObject = Object.fromEntries(saved.map((user) => [user.id, toJson(user.accessExpiresAt)]));
      return ok({
        value: saved,
        audit: { action: "user.third_party_extended", target: { entity: "organization", id: organizationId }, before, after, details: { count: saved.length } },
        invalidate: { users: saved.map((user) => user.id) },
      });
    },
  });
}
