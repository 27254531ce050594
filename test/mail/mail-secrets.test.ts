// The secrets of a mail: renderMail lists the link of every template that carries one, exactly as
// inserted; the outbox record names them; and once the mail is sent or given up, applyDeliveryOutcome
// leaves the mail exactly as if it had been rendered with the marker instead of the link.
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  applyDeliveryOutcome,
  composeOutboxMail,
  DEFAULT_MAIL_TEMPLATES,
  REDACTION_MARKERS,
  renderMail,
  RENDERED_SUBJECT_MAX,
  SECRET_MAIL_VARIABLES,
  type MailId,
  type MailTemplateName,
  type OrganizationId,
  type OutboxMail,
  type RenderedMail,
} from "tenure";

const NOW = new Date("2026-01-05T09:00:00Z");
const LINK = "https://app.example/invitation?token=S3cret-Token_abcdefghijklmnop&lang=en";
const LINK_HTML = "https://app.example/invitation?token=S3cret-Token_abcdefghijklmnop&amp;lang=en";

function outboxMail(rendered: RenderedMail): OutboxMail {
  return composeOutboxMail({
    id: "mail-1" as MailId,
    organizationId: "org-a" as OrganizationId,
    template: "invitation",
    to: { address: "ann@example.com", name: "Ann" },
    rendered,
    now: NOW,
  })._unsafeUnwrap();
}

const invitationVariables = (link: string, others: Partial<Record<string, string>> = {}) => ({
  recipientName: "Ann Lee",
  organizationName: "Acme",
  inviterName: "Bob",
  username: "ann",
  sponsorName: "Carl",
  personalMessage: "See you",
  link,
  expiresAt: new Date("2026-01-12T09:00:00Z"),
  accessEndsAt: new Date("2026-03-01T00:00:00Z"),
  ...others,
});

describe("renderMail with secretVariables", () => {
  it("lists each inserted form of a secret variable once: as in the text, and HTML-escaped", () => {
    const rendered = renderMail(DEFAULT_MAIL_TEMPLATES.invitation, invitationVariables(LINK), { secretVariables: SECRET_MAIL_VARIABLES.invitation })._unsafeUnwrap();
    expect(rendered.text).toContain(LINK);
    expect(rendered.html).toContain(LINK_HTML);
    expect(rendered.secrets).toEqual([LINK, LINK_HTML]);
  });

  it("lists nothing for a template without a secret, and adds no field when not asked", () => {
    const notice = { recipientName: "Ann", organizationName: "Acme", summary: "Hi", details: "More", link: "https://app.example/admin" };
    expect(renderMail(DEFAULT_MAIL_TEMPLATES.admin_notice, notice, { secretVariables: SECRET_MAIL_VARIABLES.admin_notice })._unsafeUnwrap().secrets).toEqual([]);
    expect(renderMail(DEFAULT_MAIL_TEMPLATES.invitation, invitationVariables(LINK))._unsafeUnwrap()).not.toHaveProperty("secrets");
  });

  it("cuts an over-long subject before a secret rather than through it", () => {
    const template = { subject: "{{pad}} {{link}}", text: "{{link}}", html: null };
    const pad = "x".repeat(RENDERED_SUBJECT_MAX - 20);
    const rendered = renderMail(template, { pad, link: LINK }, { secretVariables: ["link"] })._unsafeUnwrap();
    expect(rendered.subject).toBe(`${pad} `);
    const fits = renderMail(template, { pad: "x".repeat(10), link: LINK }, { secretVariables: ["link"] })._unsafeUnwrap();
    expect(fits.subject).toBe(`xxxxxxxxxx ${LINK}`);
  });

  it("composeOutboxMail copies the secrets into the pending record", () => {
    const rendered = renderMail(DEFAULT_MAIL_TEMPLATES.invitation, invitationVariables(LINK), { secretVariables: ["link"] })._unsafeUnwrap();
    expect(outboxMail(rendered)).toMatchObject({ status: "pending", secrets: [LINK, LINK_HTML] });
    expect(outboxMail({ subject: "s", text: "t", html: null }).secrets).toEqual([]);
  });
});

describe("applyDeliveryOutcome", () => {
  const pending = outboxMail(
    renderMail(DEFAULT_MAIL_TEMPLATES.invitation, invitationVariables(LINK), { secretVariables: ["link"] })._unsafeUnwrap(),
  );

  it("sent: status, sentAt, one more attempt, and the link replaced by the marker everywhere", () => {
    const sent = applyDeliveryOutcome(pending, { kind: "sent", at: NOW });
    expect(sent).toMatchObject({ status: "sent", sentAt: NOW, attempts: 1, secrets: [] });
    expect(sent.text).toBe(pending.text.replaceAll(LINK, REDACTION_MARKERS.sent));
    expect(sent.html).toBe(pending.html?.replaceAll(LINK_HTML, REDACTION_MARKERS.sent));
    expect(JSON.stringify(sent)).not.toContain("S3cret-Token");
    expect(pending.text).toContain(LINK); // the input is not changed
  });

  it("a retry keeps the body and the secrets, redacts the error; giving up redacts everything", () => {
    const retryAt = new Date(NOW.getTime() + 60_000);
    const retried = applyDeliveryOutcome(pending, { kind: "failed", error: `451 later (${LINK})`, retryAt });
    expect(retried).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: retryAt, text: pending.text, secrets: pending.secrets });
    expect(retried.lastError).toBe(`451 later (${REDACTION_MARKERS.pending})`);
    const dead = applyDeliveryOutcome(retried, { kind: "failed", error: `550 gone: ${LINK_HTML}`, retryAt: null });
    expect(dead).toMatchObject({ status: "dead", attempts: 2, secrets: [], lastError: `550 gone: ${REDACTION_MARKERS.dead}` });
    expect(JSON.stringify(dead)).not.toContain("S3cret-Token");
  });

  it("keeps a redacted subject and error within their limits, and reads a record without `secrets` as having none", () => {
    const short = "https://a.example/?t=Zz";
    const subject = `${short} `.repeat(Math.floor(RENDERED_SUBJECT_MAX / (short.length + 1)));
    const sent = applyDeliveryOutcome({ ...pending, subject, secrets: [short] }, { kind: "sent", at: NOW });
    expect(sent.subject.length).toBeLessThanOrEqual(RENDERED_SUBJECT_MAX);
    expect(sent.subject).not.toContain(short);
    const dead = applyDeliveryOutcome({ ...pending, secrets: [short] }, { kind: "failed", error: short.repeat(200), retryAt: null });
    expect(dead.lastError?.length).toBe(2000);
    expect(dead.lastError).not.toContain(short);
    const { secrets: _, ...legacy } = pending;
    expect(applyDeliveryOutcome(legacy as OutboxMail, { kind: "sent", at: NOW })).toMatchObject({ status: "sent", text: pending.text, secrets: [] });
  });

  const templates = (Object.keys(SECRET_MAIL_VARIABLES) as MailTemplateName[]).filter((name) => SECRET_MAIL_VARIABLES[name].length > 0);
  const token = fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), minLength: 16, maxLength: 43 });
  const tail = fc.constantFrom("", "&lang=en", "&next=/home's", '&q="<x>"');
  const value = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("Ann & <Bob>", "O'Brien", "https://app.example/"));

  fcTest.prop([fc.constantFrom(...templates), token, tail, value, value, fc.constantFrom<"sent" | "dead">("sent", "dead")])(
    "a finished mail of every template with a link is the mail rendered with the marker in place of the link",
    (name, secret, query, recipientName, personalMessage, outcome) => {
      const link = `https://app.example/${name}?token=${secret}${query}`;
      const others = { recipientName, personalMessage };
      const render = (linkValue: string) =>
        renderMail(DEFAULT_MAIL_TEMPLATES[name], invitationVariables(linkValue, others), { secretVariables: SECRET_MAIL_VARIABLES[name] })._unsafeUnwrap();
      const mail = outboxMail(render(link));
      // The people's values do not contain the link by chance.
      fc.pre(!JSON.stringify(others).includes(secret));
      const finished = applyDeliveryOutcome(
        mail,
        outcome === "sent" ? { kind: "sent", at: NOW } : { kind: "failed", error: "550", retryAt: null },
      );
      const expected = render(REDACTION_MARKERS[outcome]);
      expect({ subject: finished.subject, text: finished.text, html: finished.html }).toEqual({
        subject: expected.subject,
        text: expected.text,
        html: expected.html,
      });
      expect(finished.secrets).toEqual([]);
      expect(JSON.stringify(finished)).not.toContain(secret);
    },
  );
});
