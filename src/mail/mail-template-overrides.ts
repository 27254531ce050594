import type { MailTemplate, MailTemplateName } from "../model/mail-template.js";
import type { MailTemplateOverrides } from "../model/mail-template-overrides.js";
import { DEFAULT_MAIL_TEMPLATES } from "./default-templates.js";

export { mailTemplateOverridesSchema, type MailTemplateOverrides } from "../model/mail-template-overrides.js";

/**
 * The template in force for `name`: the first override layer that sets it (list the organization's
 * before the installation's), else the default.
 *
 * @example
 * ```ts
 * const template = resolveMailTemplate("welcome", organizationTemplates, installationTemplates);
 * ```
 */
export function resolveMailTemplate(
  name: MailTemplateName,
  ...layers: readonly (MailTemplateOverrides | null | undefined)[]
): MailTemplate {
  for (const layer of layers) {
    const template = layer?.[name];
    if (template !== undefined) return template;
  }
  return DEFAULT_MAIL_TEMPLATES[name];
}
