// The nodemailer adapter against a real SMTP server on loopback: what arrives is exactly what was queued,
// with the outbox id as Message-ID; a refused mailbox is final, an unreachable server is worth a retry.
import type { AddressInfo } from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MailId, OrganizationId, OutboxMail } from "tenure";
import { createNodemailerMailer } from "tenure/nodemailer";
import { composeOutboxMail } from "../../../src/mail/compose-mail.js";

interface Received {
  readonly from: string | null;
  readonly to: readonly string[];
  readonly raw: string;
}

const received: Received[] = [];

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

function startServer(): Promise<{ server: SMTPServer; port: number }> {
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("nobody@")) callback(smtpError("5.1.1 No such user here", 550));
      else if (address.address.startsWith("busy@")) callback(smtpError("4.2.1 Mailbox busy, try later", 450));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.server.address() as AddressInfo).port }));
  });
}

function stopServer(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function mail(id: string, address: string, name: string | null, html: string | null = "<p>Hello <b>Ann</b></p>"): OutboxMail {
  return composeOutboxMail({
    id: id as MailId,
    organizationId: "org-a" as OrganizationId,
    template: "welcome",
    to: { address, name },
    rendered: { subject: "Welcome to Acme", text: "Hello Ann,\nyour username is ann.", html },
    now: new Date("2026-01-05T09:00:00Z"),
  })._unsafeUnwrap();
}

/** The unfolded value of the first header `name` of a raw message. */
function header(raw: string, name: string): string | null {
  const head = raw.split("\r\n\r\n")[0] ?? "";
  const unfolded = head.replace(/\r\n[ \t]+/g, " ");
  const line = unfolded.split("\r\n").find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? null : line.slice(name.length + 1).trim();
}

let server: SMTPServer;
let port: number;
let transport: Transporter;

beforeAll(async () => {
  ({ server, port } = await startServer());
  transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 2000, greetingTimeout: 2000, socketTimeout: 5000 });
});

afterEach(() => {
  received.length = 0;
});

afterAll(async () => {
  transport.close();
  await stopServer(server);
});

describe("createNodemailerMailer over SMTP", () => {
  it("delivers the exact subject, recipient and body, with the outbox id as Message-ID", async () => {
    const mailer = createNodemailerMailer({ transport, from: { name: "Acme", address: "no-reply@acme.example" } });
    const result = await mailer.send(mail("mail-42", "ann@example.com", "Ann Lee"));
    expect(result.isOk(), JSON.stringify(result)).toBe(true);
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message?.from).toBe("no-reply@acme.example");
    expect(message?.to).toEqual(["ann@example.com"]);
    const raw = message?.raw ?? "";
    expect(header(raw, "Subject")).toBe("Welcome to Acme");
    expect(header(raw, "To")).toBe("Ann Lee <ann@example.com>");
    expect(header(raw, "From")).toBe("Acme <no-reply@acme.example>");
    expect(header(raw, "Message-ID")).toBe("<mail-42@tenure>");
    expect(header(raw, "Auto-Submitted")).toBe("auto-generated");
    expect(header(raw, "Content-Type")).toMatch(/^multipart\/alternative/);
    expect(raw).toContain("Hello Ann,\r\nyour username is ann.");
    expect(raw).toContain("<p>Hello <b>Ann</b></p>");
  });

  it("sends a text-only mail without an HTML part, and a nameless recipient as a bare address", async () => {
    const mailer = createNodemailerMailer({ transport, from: "no-reply@acme.example", messageIdDomain: "acme.example" });
    expect((await mailer.send(mail("m:1", "bob@example.com", null, null))).isOk()).toBe(true);
    const raw = received[0]?.raw ?? "";
    expect(header(raw, "Content-Type")).toMatch(/^text\/plain/);
    expect(header(raw, "To")).toBe("bob@example.com");
    expect(header(raw, "Message-ID")).toBe("<m=3A1@acme.example>");
  });

  it("a recipient refused with 550 is a non-retryable error", async () => {
    const mailer = createNodemailerMailer({ transport, from: "no-reply@acme.example" });
    const result = await mailer.send(mail("m-2", "nobody@example.com", "Nobody"));
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: "mail_delivery", retryable: false });
    expect(result._unsafeUnwrapErr().message).toContain("550");
    expect(received).toHaveLength(0);
  });

  it("a recipient refused with 450 (try later) is retryable", async () => {
    const mailer = createNodemailerMailer({ transport, from: "no-reply@acme.example" });
    const result = await mailer.send(mail("m-3", "busy@example.com", null));
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: "mail_delivery", retryable: true });
  });

  it("a server that is gone is a retryable error, and nothing throws", async () => {
    const { server: doomed, port: doomedPort } = await startServer();
    await stopServer(doomed);
    const unreachable = nodemailer.createTransport({ host: "127.0.0.1", port: doomedPort, secure: false, ignoreTLS: true, connectionTimeout: 2000 });
    try {
      const mailer = createNodemailerMailer({ transport: unreachable, from: "no-reply@acme.example" });
      const result = await mailer.send(mail("m-4", "ann@example.com", "Ann Lee"));
      expect(result._unsafeUnwrapErr()).toMatchObject({ code: "mail_delivery", retryable: true });
    } finally {
      unreachable.close();
    }
  });

  it("refuses a sender with a line break at creation", () => {
    expect(() => createNodemailerMailer({ transport, from: "a@b.example\r\nBcc: x@y.z" })).toThrow(TypeError);
  });
});
