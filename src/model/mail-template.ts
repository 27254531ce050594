import * as z from "zod";
import { boundedString } from "./bounded-string.js";

/** The names of the mails `tenure` sends, one template each. */
export const MAIL_TEMPLATE_NAMES = [
  "invitation",
  "activation",
  "password_reset",
  "welcome",
  "welcome_third_party",
  "admin_notice",
  "expiry_reminder",
  "expiry_digest",
] as const;

/** Schema of a {@link MailTemplateName}. */
export const mailTemplateNameSchema = z.enum(MAIL_TEMPLATE_NAMES);

/**
 * The name of a mail template:
 * - `invitation`: an invitation to join an organization, with an accept link;
 * - `activation`: a link to set the first password of an account an admin created;
 * - `password_reset`: a link to choose a new password;
 * - `welcome`: greets a regular user, with the username and a set-password link;
 * - `welcome_third_party`: greets a third-party (time-limited) user, with the date access ends;
 * - `admin_notice`: a notice to administrators (e.g. the system admins);
 * - `expiry_reminder`: tells a sponsor that a third-party user's access ends soon;
 * - `expiry_digest`: tells the system admins whose third-party access expired.
 */
export type MailTemplateName = z.output<typeof mailTemplateNameSchema>;

/** Longest subject template, in characters. */
export const MAIL_SUBJECT_TEMPLATE_MAX = 500;
/** Longest plain-text body template, in characters. */
export const MAIL_TEXT_TEMPLATE_MAX = 50_000;
/** Longest HTML body template, in characters. */
export const MAIL_HTML_TEMPLATE_MAX = 200_000;

/**
 * A mail template: a subject, a plain-text body and an optional HTML body, each with `{{variable}}`
 * placeholders and optional sections `{{#variable}}…{{/variable}}`. The subject is one header line: it
 * may not contain a line break or any other control character.
 */
export const mailTemplateSchema = z.object({
  subject: boundedString(MAIL_SUBJECT_TEMPLATE_MAX)
    .min(1)
    .regex(/^[^\p{Cc}\u2028\u2029]*$/u, { message: "must be one line without control characters" }),
  // Bounded before the template checks of `mailTemplateOverridesSchema` parse them.
  text: boundedString(MAIL_TEXT_TEMPLATE_MAX).min(1),
  html: boundedString(MAIL_HTML_TEMPLATE_MAX).min(1).nullable(),
});

/** See {@link mailTemplateSchema}. */
export interface MailTemplate {
  /** The subject line (a header): rendered values have every control character replaced by a space. */
  readonly subject: string;
  /** The plain-text body: rendered values are inserted as they are, minus control characters other than line feed and tab. */
  readonly text: string;
  /** The HTML body, or `null` for a text-only mail: rendered values are HTML-escaped. */
  readonly html: string | null;
}

/** A value a template variable may take. `null` and `undefined` mean "not given". */
export type MailValue = string | number | Date | null | undefined;
