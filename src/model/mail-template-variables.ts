import type { MailTemplateName } from "./mail-template.js";

/**
 * The variables each template receives, typed: what the service passes to {@link renderMail} for it.
 * Optional variables (`personalMessage`, `link` of a notice) may only be used inside their own section,
 * `{{#personalMessage}}…{{/personalMessage}}`.
 */
export interface MailTemplateVariables {
  readonly invitation: {
    readonly recipientName: string;
    readonly organizationName: string;
    readonly inviterName: string;
    /** The accept link, carrying the single-use invitation token. */
    readonly link: string;
    readonly expiresAt: Date;
    readonly personalMessage?: string | null;
  };
  readonly activation: {
    readonly recipientName: string;
    readonly organizationName: string;
    readonly username: string;
    /** The set-password link, carrying the single-use activation token. */
    readonly link: string;
    readonly expiresAt: Date;
  };
  readonly password_reset: {
    readonly recipientName: string;
    readonly organizationName: string;
    readonly username: string;
    /** The reset link, carrying the single-use reset token. */
    readonly link: string;
    readonly expiresAt: Date;
  };
  readonly welcome: {
    readonly recipientName: string;
    readonly organizationName: string;
    readonly username: string;
    /** The set-password link: the welcome mail never carries a password. */
    readonly link: string;
    readonly expiresAt: Date;
    /** The admin's own words added to the standard message when sending it. */
    readonly personalMessage?: string | null;
  };
  readonly welcome_third_party: {
    readonly recipientName: string;
    readonly organizationName: string;
    readonly username: string;
    readonly link: string;
    readonly expiresAt: Date;
    /** The end of the third-party access window. */
    readonly accessEndsAt: Date;
    /** The user who sponsors this third-party account. */
    readonly sponsorName: string;
    /** The admin's own words added to the standard message when sending it. */
    readonly personalMessage?: string | null;
  };
  readonly admin_notice: {
    readonly recipientName: string;
    readonly organizationName: string;
    /** One line saying what happened; it goes into the subject. */
    readonly summary: string;
    /** The details, several lines if need be. */
    readonly details: string;
    readonly link?: string | null;
  };
  readonly expiry_reminder: {
    /** The sponsor being reminded. */
    readonly recipientName: string;
    readonly organizationName: string;
    /** Full name of the third-party user whose access ends. */
    readonly userName: string;
    readonly username: string;
    readonly accessEndsAt: Date;
    readonly daysLeft: number;
    /** Where the sponsor may extend the access. */
    readonly link?: string | null;
  };
  readonly expiry_digest: {
    readonly recipientName: string;
    /** The organization, or the installation, the digest covers. */
    readonly organizationName: string;
    readonly expiredCount: number;
    /** One expired user per line, already formatted. */
    readonly expiredList: string;
    /** The instant of the sweep. */
    readonly asOf: Date;
  };
}

/**
 * What a template may use: `given` variables are always passed, `optional` ones sometimes (use them only
 * inside their own section), and each `required` one must appear in the text body (and in the HTML body,
 * if any), or the mail is useless (an invitation without its link).
 */
export interface MailTemplateVariableSpec {
  readonly given: readonly string[];
  readonly optional: readonly string[];
  readonly required: readonly string[];
}

type KeyOf<T> = Extract<keyof T, string>;
type OptionalKeyOf<T> = { [K in KeyOf<T>]-?: undefined extends T[K] ? K : never }[KeyOf<T>];
type GivenKeyOf<T> = Exclude<KeyOf<T>, OptionalKeyOf<T>>;
type SpecOf<T> = {
  readonly given: readonly GivenKeyOf<T>[];
  readonly optional: readonly OptionalKeyOf<T>[];
  readonly required: readonly GivenKeyOf<T>[];
};

const common = ["recipientName", "organizationName"] as const;

/**
 * The variables of every template (see {@link MailTemplateVariables}), used to check a template a
 * system admin edits.
 */
export const MAIL_TEMPLATE_VARIABLES: { readonly [N in MailTemplateName]: MailTemplateVariableSpec } = {
  invitation: { given: [...common, "inviterName", "link", "expiresAt"], optional: ["personalMessage"], required: ["link"] },
  activation: { given: [...common, "username", "link", "expiresAt"], optional: [], required: ["link"] },
  password_reset: { given: [...common, "username", "link", "expiresAt"], optional: [], required: ["link"] },
  welcome: { given: [...common, "username", "link", "expiresAt"], optional: ["personalMessage"], required: ["username", "link"] },
  welcome_third_party: {
    given: [...common, "username", "link", "expiresAt", "accessEndsAt", "sponsorName"],
    optional: ["personalMessage"],
    required: ["username", "link", "accessEndsAt"],
  },
  admin_notice: { given: [...common, "summary", "details"], optional: ["link"], required: ["details"] },
  expiry_reminder: {
    given: [...common, "userName", "username", "accessEndsAt", "daysLeft"],
    optional: ["link"],
    required: ["username", "accessEndsAt"],
  },
  expiry_digest: { given: [...common, "expiredCount", "expiredList", "asOf"], optional: [], required: ["expiredList"] },
} satisfies { readonly [N in MailTemplateName]: SpecOf<MailTemplateVariables[N]> };
