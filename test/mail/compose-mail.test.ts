// An outbox mail is built from a rendered template; a recipient address that could inject a header, or
// that is not an address at all, is refused before anything is queued.
import { describe, expect, it } from "vitest";
import { outboxMailSchema, type MailId, type OrganizationId } from "tenure";
import { composeOutboxMail } from "../../src/mail/compose-mail.js";

const now = new Date("2026-01-05T09:00:00Z");
const base = {
  id: "mail-1" as MailId,
  organizationId: "org-a" as OrganizationId,
  template: "welcome",
  rendered: { subject: "Welcome", text: "Hello", html: "<p>Hello</p>" },
  now,
} as const;

describe("composeOutboxMail", () => {
  it("builds a pending mail due now, never attempted", () => {
    const mail = composeOutboxMail({ ...base, to: { address: "ann@example.com", name: "Ann Lee" } })._unsafeUnwrap();
    expect(outboxMailSchema.parse(mail)).toEqual(mail);
    expect(mail).toMatchObject({
      id: "mail-1",
      template: "welcome",
      to: { address: "ann@example.com", name: "Ann Lee" },
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      sentAt: null,
      lastError: null,
    });
  });

  it.each(["ann@example.com\r\nBcc: victim@example.com", "ann@example.com\n", "ann@exa\rmple.com", "not an address", "", "ann@localhost"])(
    "refuses the address %j",
    (address) => {
      const result = composeOutboxMail({ ...base, to: { address, name: null } });
      expect(result._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "to.address" });
    },
  );

  it("makes the display name header-safe, and an empty one null", () => {
    const named = composeOutboxMail({ ...base, to: { address: "ann@example.com", name: " Ann\r\nBcc: x@y.z " } })._unsafeUnwrap();
    expect(named.to.name).toBe("Ann  Bcc: x@y.z");
    const blank = composeOutboxMail({ ...base, to: { address: "ann@example.com", name: "\r\n" } })._unsafeUnwrap();
    expect(blank.to.name).toBeNull();
  });

  it("refuses a subject with a line break (one not made by renderMail)", () => {
    const result = composeOutboxMail({ ...base, to: { address: "ann@example.com", name: null }, rendered: { ...base.rendered, subject: "Hi\r\nBcc: x" } });
    expect(result._unsafeUnwrapErr().field).toBe("rendered.subject");
  });
});
