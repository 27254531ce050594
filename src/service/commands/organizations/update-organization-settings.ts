import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema } from "../../../model/ids.js";
import { changeOrganizationSettings } from "../../../model/organization-settings-change.js";
import type { Organization } from "../../../model/organization.js";
import { organizationSettingsChangesSchema } from "../../../model/settings.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { toJson } from "../../_internal/audit-values.js";
import { runParsedCommand, type JsonObject } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { organizationAsRead } from "./_internal/organization-as-read.js";

/** What changing an organization's settings takes: its version read and the settings to change (see {@link organizationSettingsChangesSchema}). */
export const updateOrganizationSettingsInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** The version read (`organizations.get`); a stale one is a `conflict`. */
  expectedVersion: z.number().int().nonnegative(),
  settings: organizationSettingsChangesSchema,
});
/** See {@link updateOrganizationSettingsInputSchema}. */
export type UpdateOrganizationSettingsInput = z.input<typeof updateOrganizationSettingsInputSchema>;

/**
 * Changes the settings the manuals make configurable per organization: who may edit user data
 * (`userDataEditors`), who may update from the directory (`directoryUpdaters`, the zoned workspace's
 * `AdminsCanUpdateFromLDAP`), Force Verify User (`forceVerify`), third-party management and its maximum
 * (`thirdParty`), token lifetimes (`tokens`), the lockout (`signIn`), plus e-mail uniqueness and the time
 * zone. Super admins only: these settings decide what the organization's own admins may do. `null`
 * drops an override (the installation's value applies again).
 *
 * Audited with exactly the changed overrides before and after (`null`: not overridden). Every command
 * reads the settings from the organization in its own unit of work, so a change holds from the next
 * command on (the next sign-in counts against the new lockout, the next sign-up follows the new Force
 * Verify); nothing is cached.
 *
 * @example
 * ```ts
 * await tenure.organizations.updateSettings(operator, {
 *   organizationId: acme.id,
 *   expectedVersion: acme.version,
 *   settings: { directoryUpdaters: "super_admins", signIn: { maxFailedAttempts: 3 }, forceVerify: null },
 * });
 * ```
 */
export function updateOrganizationSettings<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: UpdateOrganizationSettingsInput,
): ResultAsync<Organization<OA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: updateOrganizationSettingsInputSchema,
    input,
    rule: () => ({ needs: "super_admin" }),
    work: async (c, { expectedVersion, settings }) => {
      const read = organizationAsRead(c.organization, expectedVersion);
      if (read.isErr()) return err(read.error);
      const changed = changeOrganizationSettings(read.value.settings, settings);
      const updated = await c.tx.organizations.update({ ...read.value, settings: changed.settings, updatedAt: c.now });
      if (updated.isErr()) return err(updated.error);
      return ok({
        value: updated.value,
        audit: {
          action: "organization.settings_updated",
          target: { entity: "organization", id: c.organization.id },
          before: toJson(changed.before) as JsonObject,
          after: toJson(changed.after) as JsonObject,
        },
      });
    },
  });
}
