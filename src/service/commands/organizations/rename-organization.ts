import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema } from "../../../model/ids.js";
import { organizationBaseShape, type Organization } from "../../../model/organization.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { changedFields } from "../../_internal/audit-values.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { organizationAsRead } from "./_internal/organization-as-read.js";

/** What renaming an organization takes: its version read and the new name (trimmed, 1–200 characters, as `organizations.create`). */
export const renameOrganizationInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** The version read (`organizations.get`); a stale one is a `conflict`. */
  expectedVersion: z.number().int().nonnegative(),
  name: organizationBaseShape.name,
});
/** See {@link renameOrganizationInputSchema}. */
export type RenameOrganizationInput = z.input<typeof renameOrganizationInputSchema>;

/**
 * Renames an organization. The partner portal: company admins "can edit company info", and a
 * customer manager "acts as an admin in all customers' companies" (so renames a customer, by
 * delegation, but not his own company); super admins rename any. So: whoever administers the
 * organization. Audited with the name before and after; permissions do not depend on a name, so no
 * cached permission is forgotten.
 *
 * @example
 * ```ts
 * await tenure.organizations.rename(actor, { organizationId: acme.id, expectedVersion: acme.version, name: "Acme Europe" });
 * ```
 */
export function renameOrganization<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RenameOrganizationInput,
): ResultAsync<Organization<OA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: renameOrganizationInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    work: async (c, { expectedVersion, name }) => {
      const read = organizationAsRead(c.organization, expectedVersion);
      if (read.isErr()) return err(read.error);
      const updated = await c.tx.organizations.update({ ...read.value, name, updatedAt: c.now });
      if (updated.isErr()) return err(updated.error);
      return ok({
        value: updated.value,
        audit: { action: "organization.renamed", target: { entity: "organization", id: c.organization.id }, ...changedFields(read.value, updated.value, ["name"]) },
      });
    },
  });
}
