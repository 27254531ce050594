import type { MailTemplate, MailTemplateName } from "../model/mail-template.js";

const footer = {
  text: "\n\n-- \nThis mail was sent automatically by {{organizationName}}. Please do not reply to it.\n",
  html: '<p style="color:#666;font-size:12px">This mail was sent automatically by {{organizationName}}. Please do not reply to it.</p>',
};

/** Wraps HTML body paragraphs in a minimal document. */
function page(body: string): string {
  return `<!doctype html>\n<html><body style="font-family:sans-serif;line-height:1.5">\n${body}\n${footer.html}\n</body></html>\n`;
}

/**
 * The English templates `tenure` uses when neither the installation nor the organization overrides one.
 * The variables each receives are listed in `MAIL_TEMPLATE_VARIABLES`:
 *
 * | template | variables (optional in brackets) |
 * | --- | --- |
 * | `invitation` | recipientName, organizationName, inviterName, link, expiresAt, [personalMessage] |
 * | `activation` | recipientName, organizationName, username, link, expiresAt |
 * | `password_reset` | recipientName, organizationName, username, link, expiresAt |
 * | `welcome` | recipientName, organizationName, username, link, expiresAt, [personalMessage] |
 * | `welcome_third_party` | recipientName, organizationName, username, link, expiresAt, accessEndsAt, sponsorName, [personalMessage] |
 * | `admin_notice` | recipientName, organizationName, summary, details, [link] |
 * | `expiry_reminder` | recipientName, organizationName, userName, username, accessEndsAt, daysLeft, [link] |
 * | `expiry_digest` | recipientName, organizationName, expiredCount, expiredList, asOf |
 *
 * No template contains a password, and none can: there is no password variable. A new account gets its
 * username and a single-use link to choose a password.
 */
export const DEFAULT_MAIL_TEMPLATES: { readonly [N in MailTemplateName]: MailTemplate } = Object.freeze({
  invitation: Object.freeze({
    subject: "{{inviterName}} invited you to {{organizationName}}",
    text:
      "Hello {{recipientName}},\n\n" +
      "{{inviterName}} invited you to join {{organizationName}}.\n" +
      "{{#personalMessage}}\nTheir message:\n\n{{personalMessage}}\n{{/personalMessage}}\n" +
      "Accept the invitation here:\n{{link}}\n\n" +
      "The link works once and expires on {{expiresAt}}. If you did not expect this invitation, ignore this mail." +
      footer.text,
    html: page(
      "<p>Hello {{recipientName}},</p>\n" +
        "<p>{{inviterName}} invited you to join {{organizationName}}.</p>\n" +
        '{{#personalMessage}}<p>Their message:</p>\n<blockquote style="white-space:pre-line">{{personalMessage}}</blockquote>\n{{/personalMessage}}' +
        '<p><a href="{{link}}">Accept the invitation</a></p>\n' +
        "<p>The link works once and expires on {{expiresAt}}. If you did not expect this invitation, ignore this mail.</p>",
    ),
  }),
  activation: Object.freeze({
    subject: "Activate your {{organizationName}} account",
    text:
      "Hello {{recipientName}},\n\n" +
      "An account was created for you at {{organizationName}}. Your username is: {{username}}\n\n" +
      "Choose your password here to activate it:\n{{link}}\n\n" +
      "The link works once and expires on {{expiresAt}}." +
      footer.text,
    html: page(
      "<p>Hello {{recipientName}},</p>\n" +
        "<p>An account was created for you at {{organizationName}}. Your username is: <strong>{{username}}</strong></p>\n" +
        '<p><a href="{{link}}">Choose your password</a> to activate it.</p>\n' +
        "<p>The link works once and expires on {{expiresAt}}.</p>",
    ),
  }),
  password_reset: Object.freeze({
    subject: "Reset your {{organizationName}} password",
    text:
      "Hello {{recipientName}},\n\n" +
      "Someone asked to reset the password of your account {{username}} at {{organizationName}}.\n\n" +
      "Choose a new password here:\n{{link}}\n\n" +
      "The link works once and expires on {{expiresAt}}. If you did not ask for this, ignore this mail: your password stays as it is." +
      footer.text,
    html: page(
      "<p>Hello {{recipientName}},</p>\n" +
        "<p>Someone asked to reset the password of your account <strong>{{username}}</strong> at {{organizationName}}.</p>\n" +
        '<p><a href="{{link}}">Choose a new password</a></p>\n' +
        "<p>The link works once and expires on {{expiresAt}}. If you did not ask for this, ignore this mail: your password stays as it is.</p>",
    ),
  }),
  welcome: Object.freeze({
    subject: "Welcome to {{organizationName}}",
    text:
      "Hello {{recipientName}},\n\n" +
      "Welcome to {{organizationName}}. Your username is: {{username}}\n\n" +
      "{{#personalMessage}}{{personalMessage}}\n\n{{/personalMessage}}" +
      "Choose your password here before you sign in for the first time:\n{{link}}\n\n" +
      "The link works once and expires on {{expiresAt}}. We never send passwords by mail." +
      footer.text,
    html: page(
      "<p>Hello {{recipientName}},</p>\n" +
        "<p>Welcome to {{organizationName}}. Your username is: <strong>{{username}}</strong></p>\n" +
        '{{#personalMessage}}<p style="white-space:pre-line">{{personalMessage}}</p>\n{{/personalMessage}}' +
        '<p><a href="{{link}}">Choose your password</a> before you sign in for the first time.</p>\n' +
        "<p>The link works once and expires on {{expiresAt}}. We never send passwords by mail.</p>",
    ),
  }),
  welcome_third_party: Object.freeze({
    subject: "Your guest access to {{organizationName}}",
    text:
      "Hello {{recipientName}},\n\n" +
      "{{sponsorName}} gave you guest access to {{organizationName}}. Your username is: {{username}}\n" +
      "Your access ends on {{accessEndsAt}}.\n\n" +
      "{{#personalMessage}}{{personalMessage}}\n\n{{/personalMessage}}" +
      "Choose your password here before you sign in for the first time:\n{{link}}\n\n" +
      "The link works once and expires on {{expiresAt}}. We never send passwords by mail." +
      footer.text,
    html: page(
      "<p>Hello {{recipientName}},</p>\n" +
        "<p>{{sponsorName}} gave you guest access to {{organizationName}}. Your username is: <strong>{{username}}</strong></p>\n" +
        "<p>Your access ends on <strong>{{accessEndsAt}}</strong>.</p>\n" +
        '{{#personalMessage}}<p style="white-space:pre-line">{{personalMessage}}</p>\n{{/personalMessage}}' +
        '<p><a href="{{link}}">Choose your password</a> before you sign in for the first time.</p>\n' +
        "<p>The link works once and expires on {{expiresAt}}. We never send passwords by mail.</p>",
    ),
  }),
  admin_notice: Object.freeze({
    subject: "[{{organizationName}}] {{summary}}",
    text:
      "Hello {{recipientName}},\n\n{{summary}}\n\n{{details}}" +
      "{{#link}}\n\nMore: {{link}}{{/link}}" +
      footer.text,
    html: page(
      "<p>Hello {{recipientName}},</p>\n<p><strong>{{summary}}</strong></p>\n" +
        '<p style="white-space:pre-line">{{details}}</p>\n' +
        '{{#link}}<p><a href="{{link}}">More</a></p>\n{{/link}}',
    ),
  }),
  expiry_reminder: Object.freeze({
    subject: "Guest access of {{userName}} ends on {{accessEndsAt}}",
    text:
      "Hello {{recipientName}},\n\n" +
      "The guest access you sponsor for {{userName}} ({{username}}) at {{organizationName}} ends on {{accessEndsAt}} (days left: {{daysLeft}}).\n" +
      "If they still need it, extend it before then; otherwise nothing needs doing." +
      "{{#link}}\n\nExtend it here: {{link}}{{/link}}" +
      footer.text,
    html: page(
      "<p>Hello {{recipientName}},</p>\n" +
        "<p>The guest access you sponsor for {{userName}} (<strong>{{username}}</strong>) at {{organizationName}} ends on " +
        "<strong>{{accessEndsAt}}</strong> (days left: {{daysLeft}}).</p>\n" +
        "<p>If they still need it, extend it before then; otherwise nothing needs doing.</p>\n" +
        '{{#link}}<p><a href="{{link}}">Extend the access</a></p>\n{{/link}}',
    ),
  }),
  expiry_digest: Object.freeze({
    subject: "[{{organizationName}}] Guest accounts expired: {{expiredCount}}",
    text:
      "Hello {{recipientName}},\n\n" +
      "The expiry run of {{asOf}} de-activated these guest accounts of {{organizationName}} ({{expiredCount}}):\n\n" +
      "{{expiredList}}" +
      footer.text,
    html: page(
      "<p>Hello {{recipientName}},</p>\n" +
        "<p>The expiry run of {{asOf}} de-activated these guest accounts of {{organizationName}} ({{expiredCount}}):</p>\n" +
        '<p style="white-space:pre-line">{{expiredList}}</p>',
    ),
  }),
});
