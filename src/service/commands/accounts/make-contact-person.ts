import { accountStatusNow } from "../../../access/account-standing.js";
import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema } from "../../../model/ids.js";
import type { Organization } from "../../../model/organization.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { changedFields } from "../../_internal/audit-values.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";

/** What making a user the contact person takes: the organization as read (its version) and the user. */
export const makeContactPersonInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** The user who becomes the contact person; a user of this organization. */
  userId: userIdSchema,
  /** The organization's version as read (the contact person is a field of the organization); a stale one is a `conflict`. */
  expectedVersion: z.number().int().nonnegative(),
});
/** See {@link makeContactPersonInputSchema}. */
export type MakeContactPersonInput = z.input<typeof makeContactPersonInputSchema>;

/**
 * Makes a user the organization's contact person (the partner portal's "Make Contact Person" button).
 * The contact person role carries no privilege: it only shows the partner whom to contact, so no
 * permission changes and no cached permission is touched. Needs the organization's user-management
 * permission. The user must belong to the organization and be neither de-activated nor removed; making
 * the current contact person the contact person again is `invalid_state`.
 *
 * @example
 * ```ts
 * await makeContactPerson(context, userActor(acme, adminId), { organizationId: acme, userId: ann.id, expectedVersion: organization.version });
 * ```
 */
export function makeContactPerson<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: MakeContactPersonInput,
): ResultAsync<Organization<OA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: makeContactPersonInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "administrator", targets: [userId] }),
    work: async (c, { organizationId, userId, expectedVersion }) => {
      if (c.organization.version !== expectedVersion) {
        return err(TenureErrors.conflict("organization", organizationId, expectedVersion, c.organization.version));
      }
      const user = await c.tx.users.get(organizationId, userId);
      if (user === null) return err(TenureErrors.notFound("user", userId));
      const status = accountStatusNow(user, c.now);
      if (status === "removed" || status === "deactivated") {
        return err(TenureErrors.invalidState("user", userId, status, `A ${status} user cannot be the contact person.`));
      }
      if (c.organization.contactPersonId === userId) {
        return err(TenureErrors.invalidState("organization", organizationId, "contact_person", "This user is already the contact person."));
      }
      const updated = await c.tx.organizations.update({ ...c.organization, contactPersonId: userId, updatedAt: c.now });
      if (updated.isErr()) return err(updated.error);
      return ok({
        value: updated.value,
        audit: {
          action: "organization.contact_person_changed",
          target: { entity: "organization", id: organizationId },
          ...changedFields(
            c.organization as unknown as Record<string, unknown>,
            updated.value as unknown as Record<string, unknown>,
            ["contactPersonId"],
          ),
          details: { username: user.username },
        },
      });
    },
  });
}
