import type { MailTemplateName } from "../model/mail-template.js";
import type { MailTemplateVariables } from "../model/mail-template-variables.js";

/**
 * The variables of each template whose value is a secret: the single-use links of the invitation,
 * activation, password-reset and welcome mails, which carry a token secret. The service renders mails
 * with them as `renderMail`'s `secretVariables`, so the outbox record lists their rendered forms and the
 * store redacts them once the mail is sent or given up. The optional `link` of `admin_notice` and
 * `expiry_reminder` points to an admin page and carries nothing secret.
 *
 * @example
 * ```ts
 * renderMail(template, variables, { secretVariables: SECRET_MAIL_VARIABLES.invitation }); // ["link"]
 * ```
 */
export const SECRET_MAIL_VARIABLES: { readonly [N in MailTemplateName]: readonly Extract<keyof MailTemplateVariables[N], string>[] } =
  Object.freeze({
    invitation: ["link"],
    activation: ["link"],
    password_reset: ["link"],
    welcome: ["link"],
    welcome_third_party: ["link"],
    admin_notice: [],
    expiry_reminder: [],
    expiry_digest: [],
  });
