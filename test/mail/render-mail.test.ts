// Mail templates: values from users (names, e-mails, personal messages) can never inject headers or
// markup, every default template renders with its declared variables, and no mail carries a password.
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseInput } from "tenure";
import { DEFAULT_MAIL_TEMPLATES } from "../../src/mail/default-templates.js";
import { MAIL_TEMPLATE_NAMES, type MailTemplate, type MailTemplateName } from "../../src/model/mail-template.js";
import { mailTemplateOverridesSchema, resolveMailTemplate } from "../../src/mail/mail-template-overrides.js";
import { MAIL_TEMPLATE_VARIABLES, type MailTemplateVariables } from "../../src/model/mail-template-variables.js";
import { createMailDateFormatter } from "../../src/mail/mail-date-formatter.js";
import { renderMail } from "../../src/mail/render-mail.js";
import { validateTemplate } from "../../src/mail/validate-template.js";

const template = (subject: string, text: string, html: string | null = null): MailTemplate => ({ subject, text, html });

const hostile = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.constantFrom("\r", "\n", "\r\n", "\u0000", "\u0085", "\u2028", "\u2029", "<", ">", "&", '"', "'", "a", " ", ":", "Bcc") }),
  fc.constantFrom("Ann\r\nBcc: victim@example.com", "x\nSubject: pwned", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"),
);

describe("header injection through the subject", () => {
  fcTest.prop([hostile, hostile])("the rendered subject never contains CR, LF or another control character", (name, email) => {
    const rendered = renderMail(template("Welcome {{name}} <{{email}}>", "Hello {{name}}"), { name, email });
    expect(rendered.isOk()).toBe(true);
    const { subject } = rendered._unsafeUnwrap();
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
  });

  it("replaces each line break of a value by a space", () => {
    const rendered = renderMail(template("Hi {{name}}", "x"), { name: "Ann\r\nBcc: victim@example.com" })._unsafeUnwrap();
    expect(rendered.subject).toBe("Hi Ann  Bcc: victim@example.com");
  });

  it("cuts an over-long subject to one legal header line", () => {
    const rendered = renderMail(template("{{name}}", "x"), { name: "😀".repeat(600) })._unsafeUnwrap();
    expect(rendered.subject.length).toBeLessThanOrEqual(998);
    expect(rendered.subject).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe("HTML escaping", () => {
  fcTest.prop([hostile])("a value never brings a raw < > or quote into the HTML body", (value) => {
    const rendered = renderMail(template("s", "{{v}}", '<p title="{{v}}">{{v}}</p>'), { v: value })._unsafeUnwrap();
    const html = rendered.html ?? "";
    expect(html.startsWith('<p title="')).toBe(true);
    expect(html.endsWith("</p>")).toBe(true);
    const inner = html.slice('<p title="'.length, -"</p>".length);
    expect(inner.replace('">', "")).not.toMatch(/[<>"']/);
  });

  it("escapes the five characters", () => {
    const rendered = renderMail(template("s", "{{v}}", "{{v}}"), { v: `<a href="x">'&'</a>` })._unsafeUnwrap();
    expect(rendered.html).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(rendered.text).toBe(`<a href="x">'&'</a>`);
  });
});

describe("plain text", () => {
  it("keeps line feeds and tabs, turns CR LF into LF and drops other control characters", () => {
    const rendered = renderMail(template("s", "[{{v}}]"), { v: "a\r\nb\tc\rd\u0000e\u0007f\u009bg" })._unsafeUnwrap();
    expect(rendered.text).toBe("[a\nb\tc\nd" + "efg]");
  });

  fcTest.prop([fc.string({ unit: "binary" })])("no control character but LF and tab comes from a value", (value) => {
    const rendered = renderMail(template("s", "{{v}}"), { v: value })._unsafeUnwrap();
    expect(rendered.text).not.toMatch(/[^\P{Cc}\n\t]/u);
  });
});

describe("variables and sections", () => {
  it("names every missing variable", () => {
    const rendered = renderMail(template("{{a}}", "{{b}} {{a}}", "{{c}}"), { a: null });
    expect(rendered.isErr()).toBe(true);
    const error = rendered._unsafeUnwrapErr();
    expect(error.code).toBe("validation");
    expect(error.issues.map((issue) => issue.field)).toEqual(["variables.a", "variables.b", "variables.c"]);
    expect(error.issues.every((issue) => issue.code === "missing_variable")).toBe(true);
  });

  it("renders a section only when its variable is a non-blank string", () => {
    const t = template("s", "A{{#note}}<{{note}}>{{/note}}B");
    expect(renderMail(t, { note: "hi" })._unsafeUnwrap().text).toBe("A<hi>B");
    expect(renderMail(t, { note: "" })._unsafeUnwrap().text).toBe("AB");
    expect(renderMail(t, { note: "  " })._unsafeUnwrap().text).toBe("AB");
    expect(renderMail(t, { note: null })._unsafeUnwrap().text).toBe("AB");
    expect(renderMail(t, {})._unsafeUnwrap().text).toBe("AB");
  });

  it("never expands a placeholder that comes from a value", () => {
    const rendered = renderMail(template("{{a}}", "{{a}}", "{{a}}"), { a: "{{b}} {{#b}}x{{/b}}", b: "secret" })._unsafeUnwrap();
    expect(rendered.text).toBe("{{b}} {{#b}}x{{/b}}");
    expect(rendered.subject).toBe("{{b}} {{#b}}x{{/b}}");
  });

  it("needs no value for a variable inside a skipped section", () => {
    expect(renderMail(template("s", "{{#a}}{{b}}{{/a}}ok"), {})._unsafeUnwrap().text).toBe("ok");
  });

  it("refuses unbalanced sections and stray braces", () => {
    for (const text of ["{{#a}}x", "x{{/a}}", "{{#a}}{{#b}}{{/a}}{{/b}}", "{{ not a tag }}", "{{a"]) {
      const rendered = renderMail(template("s", text), { a: "1", b: "2" });
      expect(rendered.isErr(), text).toBe(true);
      expect(rendered._unsafeUnwrapErr().field).toBe("template.text");
    }
  });

  it("formats Dates ISO, or with formatDate", () => {
    const at = new Date("2026-03-01T10:00:00Z");
    const t = template("Due {{at}}", "{{at}} / {{n}}");
    expect(renderMail(t, { at, n: 3 })._unsafeUnwrap()).toEqual({ subject: "Due 2026-03-01T10:00:00.000Z", text: "2026-03-01T10:00:00.000Z / 3", html: null });
    const formatted = renderMail(t, { at, n: 3 }, { formatDate: (date) => date.toISOString().slice(0, 10) })._unsafeUnwrap();
    expect(formatted.subject).toBe("Due 2026-03-01");
    expect(renderMail(t, { at: new Date(Number.NaN), n: 1 })._unsafeUnwrapErr().issues[0]?.code).toBe("invalid_date");
  });

  it("createMailDateFormatter writes dates for people, in the reader's time zone", () => {
    const formatDate = createMailDateFormatter({ timeZone: "Europe/Berlin" });
    const rendered = renderMail(template("Ends {{at}}", "{{at}}"), { at: new Date("2026-05-04T08:00:00Z") }, { formatDate })._unsafeUnwrap();
    expect(rendered.subject).toMatch(/^Ends 4 May 2026\b.*\b10:00\b/);
    expect(() => createMailDateFormatter({ timeZone: "Nowhere/Town" })).toThrow(RangeError);
  });

  it("a formatDate that returns a line break still cannot break the subject", () => {
    const rendered = renderMail(template("Due {{at}}", "x"), { at: new Date(0) }, { formatDate: () => "1970\r\nBcc: x@y.z" });
    expect(rendered._unsafeUnwrap().subject).toBe("Due 1970  Bcc: x@y.z");
  });
});

const at = new Date("2026-05-04T08:00:00Z");
const PASSWORD = "Tr0ub4dor&3-secret";
const sample: { readonly [N in MailTemplateName]: MailTemplateVariables[N] } = {
  invitation: { recipientName: "Ann Lee", organizationName: "Acme", inviterName: "Bob", link: "https://app.example/i?t=abc", expiresAt: at, personalMessage: "Welcome aboard!" },
  activation: { recipientName: "Ann Lee", organizationName: "Acme", username: "ann", link: "https://app.example/a?t=abc", expiresAt: at },
  password_reset: { recipientName: "Ann Lee", organizationName: "Acme", username: "ann", link: "https://app.example/r?t=abc", expiresAt: at },
  welcome: { recipientName: "Ann Lee", organizationName: "Acme", username: "ann", link: "https://app.example/p?t=abc", expiresAt: at, personalMessage: "See you Monday." },
  welcome_third_party: {
    recipientName: "Gus Guest",
    organizationName: "Acme",
    username: "gus",
    link: "https://app.example/p?t=abc",
    expiresAt: at,
    accessEndsAt: new Date("2026-08-02T00:00:00Z"),
    sponsorName: "Ann Lee",
    personalMessage: null,
  },
  admin_notice: { recipientName: "Sys Admin", organizationName: "Acme", summary: "Directory sync failed", details: "3 entries refused", link: "https://app.example/log" },
  expiry_reminder: { recipientName: "Ann Lee", organizationName: "Acme", userName: "Gus Guest", username: "gus", accessEndsAt: at, daysLeft: 3, link: null },
  expiry_digest: { recipientName: "Sys Admin", organizationName: "Acme", expiredCount: 2, expiredList: "gus (Gus Guest)\nhal (Hal Helper)", asOf: at },
};

describe("default templates", () => {
  it.each(MAIL_TEMPLATE_NAMES)("%s renders with its declared variables, and carries no password", (name) => {
    const spec = MAIL_TEMPLATE_VARIABLES[name];
    expect(Object.keys(sample[name]).sort()).toEqual([...spec.given, ...spec.optional].sort());
    expect(validateTemplate(DEFAULT_MAIL_TEMPLATES[name], spec).isOk()).toBe(true);
    const rendered = renderMail(DEFAULT_MAIL_TEMPLATES[name], { ...sample[name], password: PASSWORD });
    expect(rendered.isOk(), JSON.stringify(rendered)).toBe(true);
    const { subject, text, html } = rendered._unsafeUnwrap();
    for (const part of [subject, text, html ?? ""]) {
      expect(part).not.toContain(PASSWORD);
      expect(part).not.toContain("{{");
    }
    for (const part of Object.values(DEFAULT_MAIL_TEMPLATES[name])) expect(part ?? "").not.toMatch(/\{\{\s*[#/]?\s*\w*pass/i);
    if ("link" in sample[name] && typeof sample[name].link === "string") expect(text).toContain(sample[name].link);
  });

  it("no template declares a variable that could carry a password", () => {
    for (const spec of Object.values(MAIL_TEMPLATE_VARIABLES)) {
      for (const variable of [...spec.given, ...spec.optional]) expect(variable).not.toMatch(/pass|secret|credential/i);
    }
  });

  it("the welcome mail gives the username and a set-password link", () => {
    const { text } = renderMail(DEFAULT_MAIL_TEMPLATES.welcome, sample.welcome)._unsafeUnwrap();
    expect(text).toContain("Your username is: ann");
    expect(text).toContain("https://app.example/p?t=abc");
  });

  it("the invitation leaves out the personal message section when there is none", () => {
    const without = renderMail(DEFAULT_MAIL_TEMPLATES.invitation, { ...sample.invitation, personalMessage: null })._unsafeUnwrap();
    expect(without.text).not.toContain("Their message");
    expect(without.html).not.toContain("blockquote");
    const withMessage = renderMail(DEFAULT_MAIL_TEMPLATES.invitation, { ...sample.invitation, personalMessage: "<b>hi</b>" })._unsafeUnwrap();
    expect(withMessage.text).toContain("Their message:\n\n<b>hi</b>\n\nAccept");
    expect(withMessage.html).toContain("&lt;b&gt;hi&lt;/b&gt;");
  });
});

describe("validateTemplate and overrides", () => {
  it("names unknown placeholders, optional variables outside their section, and a missing link", () => {
    const result = validateTemplate(
      template("Hi {{recipientName}}", "{{pasword}} {{personalMessage}} {{#x}}{{/x}}", null),
      MAIL_TEMPLATE_VARIABLES.invitation,
    );
    const codes = result._unsafeUnwrapErr().issues.map((issue) => `${issue.field}:${issue.code}`);
    expect(codes).toEqual(["text:unknown_placeholder", "text:optional_outside_section", "text:unknown_placeholder", "text:required_placeholder_missing"]);
  });

  it("accepts a plain list of variables and refuses a subject with a line break", () => {
    expect(validateTemplate(template("Hi {{a}}", "{{a}}"), ["a"]).isOk()).toBe(true);
    expect(validateTemplate(template("Hi\r\nBcc: x", "{{a}}"), ["a"])._unsafeUnwrapErr().field).toBe("subject");
    expect(validateTemplate(template("Hi", "{{#a}}"), ["a"])._unsafeUnwrapErr().issues[0]?.code).toBe("section_unclosed");
  });

  it("an organization's override replaces the default; a broken one is refused by the schema", () => {
    const custom = { welcome: template("Hello from {{organizationName}}", "{{username}}: {{link}}") };
    const parsed = parseInput(mailTemplateOverridesSchema, custom);
    expect(parsed.isOk()).toBe(true);
    expect(resolveMailTemplate("welcome", parsed._unsafeUnwrap(), undefined)).toEqual(custom.welcome);
    expect(resolveMailTemplate("invitation", parsed._unsafeUnwrap())).toBe(DEFAULT_MAIL_TEMPLATES.invitation);
    const broken = parseInput(mailTemplateOverridesSchema, { welcome: template("Hi", "{{password}}") });
    expect(broken._unsafeUnwrapErr().issues.map((issue) => issue.field)).toEqual(["welcome.text", "welcome.text", "welcome.text"]);
    expect(parseInput(mailTemplateOverridesSchema, { nope: template("a", "b") }).isErr()).toBe(true);
  });
});
