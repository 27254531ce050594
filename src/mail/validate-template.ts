import { err, ok, type Result } from "neverthrow";
import { zodIssuesToDiagnostics } from "../model/parse-input.js";
import { TenureErrors, type Diagnostic, type ValidationError } from "../model/tenure-error.js";
import { checkTemplateParts } from "../model/template-parts.js";
import { mailTemplateSchema, type MailTemplate } from "../model/mail-template.js";
import type { MailTemplateVariableSpec } from "../model/mail-template-variables.js";

/**
 * Checks a template before it is stored (a system admin editing a mail): sizes and a one-line subject
 * ({@link mailTemplateSchema}), syntax (a stray `{{`, unbalanced or crossed sections), placeholders
 * naming no allowed variable (`unknown_placeholder`), an optional variable used outside its own section
 * (`optional_outside_section`: it would fail whenever it is not given), and a required variable missing
 * from the text or HTML body (`required_placeholder_missing`). Every problem is listed, by part.
 *
 * `allowed` is either a plain list of variables (all always given) or a {@link MailTemplateVariableSpec},
 * such as `MAIL_TEMPLATE_VARIABLES.invitation`.
 *
 * @example
 * ```ts
 * const checked = validateTemplate(edited, MAIL_TEMPLATE_VARIABLES.welcome);
 * if (checked.isErr()) return reply(400, checked.error); // e.g. "text: {{pasword}} is not a variable of this template"
 * ```
 */
export function validateTemplate(
  template: MailTemplate,
  allowed: readonly string[] | MailTemplateVariableSpec,
): Result<MailTemplate, ValidationError> {
  const spec: MailTemplateVariableSpec = isSpec(allowed) ? allowed : { given: allowed, optional: [], required: [] };
  const shape = mailTemplateSchema.safeParse(template);
  const issues: Diagnostic[] = shape.success ? [] : zodIssuesToDiagnostics(shape.error.issues);
  issues.push(...checkTemplateParts(template, spec));
  return issues.length === 0 ? ok(template) : err(TenureErrors.validation(issues));
}

function isSpec(allowed: readonly string[] | MailTemplateVariableSpec): allowed is MailTemplateVariableSpec {
  return "given" in allowed;
}
