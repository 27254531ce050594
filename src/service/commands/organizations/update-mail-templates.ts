import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { mailTemplateNameSchema } from "../../../model/mail-template.js";
import { mailTemplateOverridesSchema } from "../../../model/mail-template-overrides.js";
import { organizationIdSchema } from "../../../model/ids.js";
import type { Organization } from "../../../model/organization.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { toJson } from "../../_internal/audit-values.js";
import { runParsedCommand, type JsonObject } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";

/** What editing an organization's mail templates takes: the organization's version read, and the templates to set or reset. */
export const updateMailTemplatesInputSchema = z.object({
  organizationId: organizationIdSchema,
  expectedVersion: z.number().int().nonnegative(),
  /** Templates to use instead of the installation's; each is checked against its template's variables. */
  set: mailTemplateOverridesSchema.default({}),
  /** Templates to drop, so the installation's (or the default) applies again. */
  reset: z.array(mailTemplateNameSchema).default([]),
});
/** See {@link updateMailTemplatesInputSchema}. */
export type UpdateMailTemplatesInput = z.input<typeof updateMailTemplatesInputSchema>;

/**
 * Edits the mail templates of an organization (the zoned workspace: "only the System Admin can access
 * the button to edit" the welcome messages): super admins only. A template with an unknown placeholder,
 * an unbalanced section or no link where one is needed is refused, naming the template and the part.
 */
export function updateMailTemplates<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: UpdateMailTemplatesInput,
): ResultAsync<Organization<OA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: updateMailTemplatesInputSchema,
    input,
    rule: () => ({ needs: "super_admin" }),
    work: async (c, { expectedVersion, set, reset }) => {
      if (c.organization.version !== expectedVersion) {
        return err(TenureErrors.conflict("organization", c.organization.id, expectedVersion, c.organization.version));
      }
      const before = c.organization.settings.mailTemplates ?? {};
      const after = { ...before, ...set };
      for (const name of reset) delete after[name];
      const updated = await c.tx.organizations.update({ ...c.organization, settings: { ...c.organization.settings, mailTemplates: after }, updatedAt: c.now });
      if (updated.isErr()) return err(updated.error);
      return ok({
        value: updated.value,
        audit: {
          action: "organization.mail_templates_updated",
          target: { entity: "organization", id: c.organization.id },
          before: toJson(before) as JsonObject,
          after: toJson(after) as JsonObject,
        },
      });
    },
  });
}
