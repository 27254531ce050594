import * as z from "zod";
import { mailTemplateNameSchema, mailTemplateSchema, type MailTemplate, type MailTemplateName } from "./mail-template.js";
import { MAIL_TEMPLATE_VARIABLES } from "./mail-template-variables.js";
import { checkTemplateParts } from "./template-parts.js";

/**
 * Templates an installation or an organization sets in place of the defaults: a partial record from
 * template name to template. Each template is checked as `validateTemplate` does against the
 * variables of its name, so an edit with an unknown placeholder, an unbalanced section or a missing
 * link is refused with the part and the reason.
 *
 * @example
 * ```ts
 * const parsed = parseInput(mailTemplateOverridesSchema, request.body);
 * ```
 */
export const mailTemplateOverridesSchema = z.partialRecord(mailTemplateNameSchema, mailTemplateSchema).superRefine((overrides, context) => {
  for (const name of mailTemplateNameSchema.options) {
    const template = overrides[name];
    if (template === undefined) continue;
    for (const issue of checkTemplateParts(template, MAIL_TEMPLATE_VARIABLES[name])) {
      context.addIssue({ code: "custom", path: [name, issue.field], message: `${issue.message} (${issue.code})` });
    }
  }
});

/** See {@link mailTemplateOverridesSchema}. */
export type MailTemplateOverrides = { readonly [N in MailTemplateName]?: MailTemplate };
