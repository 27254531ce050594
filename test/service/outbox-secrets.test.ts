// Secrets after delivery: every mail with a link (invitation, activation, welcome, third-party welcome,
// an admin's reset, a forgotten password) is delivered with its link, and afterwards no stored row holds
// it: the row reads "[link removed after delivery]", only the token's hash is kept, and the link works
// from the mail the recipient got, once. A mail that fails for good is redacted too.
import { sql } from "kysely";
import { ok, type Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  createMemoryMailer,
  deliverOutbox,
  REDACTION_MARKERS,
  type MailDeliveryError,
  type OrganizationId,
  type OutboxMail,
  type TenureError,
} from "tenure";
import type { PostgresNative } from "tenure/postgres";
import { setupWorld, type World } from "./_harness.js";
import { TEST_STORE } from "./_test-store.js";

const PASSWORD = "correct horse battery";
const MINUTE = 60_000;

/** The token a mail's link carries, as the recipient would read it from the text; `null` if there is none. */
const tokenIn = (text: string): string | null => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;

/** Every outbox row of the organization, read back from the store. */
async function storedRows(world: World, organizationId: OrganizationId): Promise<OutboxMail[]> {
  return (await world.store.transaction(async (tx) => ok(await tx.outbox.list(organizationId))))._unsafeUnwrap();
}

/**
 * Everything the store holds, as text: on PostgreSQL every row of every table of the store's schema,
 * cast to text (so columns no repository returns are searched too); in memory, the committed snapshot.
 */
async function everythingStored(world: World): Promise<string> {
  if (TEST_STORE === "memory") return JSON.stringify(world.store.snapshot());
  const dumped = await world.store.transaction(async (tx) => {
    const { transaction, schema } = tx.native as unknown as PostgresNative;
    const tables = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ${schema}`.execute(transaction);
    const rows: string[] = [];
    for (const { name } of tables.rows) {
      const read = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.id(schema, name)} t`.execute(transaction);
      rows.push(...read.rows.map((row) => row.row));
    }
    return ok(rows.join("\n"));
  });
  return dumped._unsafeUnwrap();
}

/** One mail with a link the test sent, and how the recipient redeems its secret. */
interface Sent {
  readonly what: string;
  readonly address: string;
  readonly secret: string;
  readonly redeem: (secret: string) => Promise<Result<unknown, TenureError>>;
}

describe("no outbox row holds a usable secret once its mail is sent or given up", () => {
  it("invitation, activation, welcome, third-party welcome, admin reset, forgot password: the mailer gets the link, the stored row a marker", async () => {
    const world = await setupWorld({ settings: { thirdParty: { enabled: true, maxAccessDays: 90 } } });
    const { tenure } = world;
    const admin = world.as(world.partnerAdmin);
    const organizationId = world.partner.id;
    const sent: Sent[] = [];
    const newestSecret = (): string => world.links.at(-1)?.secret ?? "";
    const accept: Sent["redeem"] = async (secret) => await tenure.onboarding.acceptInvitation({ secret, password: PASSWORD });
    const activate: Sent["redeem"] = async (secret) => await tenure.onboarding.completeActivation({ secret, password: PASSWORD });
    const reset: Sent["redeem"] = async (secret) => await tenure.credentials.resetPassword({ secret, password: PASSWORD });

    (await tenure.onboarding.invite(admin, { organizationId, user: { username: "ann", fullName: "Ann Lee", email: "ann@example.org" } }))._unsafeUnwrap();
    sent.push({ what: "invitation", address: "ann@example.org", secret: newestSecret(), redeem: accept });

    const bob = (
      await tenure.onboarding.invite(admin, { organizationId, user: { username: "bob", fullName: "Bob Ode", email: "bob@example.org" }, sendInvitation: false })
    )._unsafeUnwrap().user;
    (await tenure.onboarding.sendActivation(admin, { organizationId, userId: bob.id }))._unsafeUnwrap();
    sent.push({ what: "activation", address: "bob@example.org", secret: newestSecret(), redeem: activate });

    const carl = await world.seedUser(organizationId, "carl");
    (await tenure.thirdParty.sendWelcome(admin, { organizationId, userId: carl.id, message: "Welcome aboard" }))._unsafeUnwrap();
    sent.push({ what: "welcome", address: carl.email, secret: newestSecret(), redeem: activate });

    const gus = await world.seedUser(organizationId, "gus");
    (await tenure.thirdParty.setAccess(admin, { organizationId, userId: gus.id, expectedVersion: gus.version, change: { type: "make" } }))._unsafeUnwrap();
    (await tenure.thirdParty.sendWelcome(admin, { organizationId, userId: gus.id }))._unsafeUnwrap();
    sent.push({ what: "third-party welcome", address: gus.email, secret: newestSecret(), redeem: activate });

    const dora = await world.seedUser(organizationId, "dora");
    (await tenure.credentials.requestReset(admin, { organizationId, userId: dora.id }))._unsafeUnwrap();
    sent.push({ what: "admin reset", address: dora.email, secret: newestSecret(), redeem: reset });

    const erin = await world.seedUser(organizationId, "erin");
    (await tenure.credentials.forgotPassword({ organizationId, login: "erin" }))._unsafeUnwrap();
    sent.push({ what: "forgot password", address: erin.email, secret: newestSecret(), redeem: reset });

    expect(new Set(sent.map((mail) => mail.secret)).size).toBe(sent.length);
    const templates = ["invitation", "activation", "welcome", "welcome_third_party", "password_reset", "password_reset"];
    // Pending, a row holds what its delivery needs: the link, and the secrets to redact later.
    const pending = await storedRows(world, organizationId);
    expect(pending.map((row) => row.template)).toEqual(templates);
    for (const [index, row] of pending.entries()) {
      expect(row, sent[index]?.what).toMatchObject({ status: "pending", to: { address: sent[index]?.address } });
      expect(row.text).toContain(sent[index]?.secret);
      expect(row.secrets.length).toBeGreaterThan(0);
    }

    const mailer = createMemoryMailer();
    expect(await deliverOutbox({ store: world.store, mailer, clock: world.clock })).toMatchObject({ claimed: 6, sent: 6, dead: 0 });

    const rows = await storedRows(world, organizationId);
    expect(rows.map((row) => row.status)).toEqual(templates.map(() => "sent"));
    for (const mail of sent) {
      const delivered = mailer.sent.find((copy) => copy.to.address === mail.address);
      const row = rows.find((stored) => stored.to.address === mail.address);
      expect(delivered, mail.what).toBeDefined();
      expect(row, mail.what).toBeDefined();
      if (delivered === undefined || row === undefined) continue;
      // The mailer got the link; the stored row keeps the rest of the message, with a marker where the link was.
      expect(tokenIn(delivered.text), mail.what).toBe(mail.secret);
      expect(delivered.html, mail.what).toContain(mail.secret);
      expect(JSON.stringify(row), mail.what).not.toContain(mail.secret);
      expect(row.secrets).toEqual([]);
      expect(row.text).toBe(delivered.text.replaceAll(/https:\/\/app\.example\/\S+/g, REDACTION_MARKERS.sent));
      expect(row.html).toContain(`href="${REDACTION_MARKERS.sent}"`);
      expect(row.subject).toBe(delivered.subject);
      expect(tokenIn(row.text), mail.what).toBeNull();

      // What the row holds where the link was does not work; the mailed link does, once.
      expect((await mail.redeem(REDACTION_MARKERS.sent))._unsafeUnwrapErr(), mail.what).toMatchObject({ code: "invalid_token" });
      expect((await mail.redeem(mail.secret)).isOk(), `${mail.what}: the mailed link works`).toBe(true);
      expect((await mail.redeem(mail.secret))._unsafeUnwrapErr(), `${mail.what}: used`).toMatchObject({ code: "invalid_token" });
    }

    // Nothing else keeps a secret either: tokens hold hashes, the audit log and invitations no link.
    const everything = await everythingStored(world);
    for (const mail of sent) expect(everything.includes(mail.secret), `${mail.what}: secret stored somewhere`).toBe(false);
    expect(everything).toContain(REDACTION_MARKERS.sent);
  });

  it("a mail that fails for good, past its attempts or refused at once, is redacted when it goes dead; its error too", async () => {
    const world = await setupWorld();
    const { tenure } = world;
    const admin = world.as(world.partnerAdmin);
    const organizationId = world.partner.id;
    (await tenure.onboarding.invite(admin, { organizationId, user: { username: "gina", fullName: "Gina Fox", email: "gina@busy.example" } }))._unsafeUnwrap();
    const invitation = world.links.at(-1)?.secret ?? "";
    const hank = await world.seedUser(organizationId, "hank", [], { email: "hank@gone.example" });
    (await tenure.credentials.requestReset(admin, { organizationId, userId: hank.id }))._unsafeUnwrap();
    const reset = world.links.at(-1)?.secret ?? "";

    // A server that is busy for Gina, and that refuses Hank quoting the mail's text in its reply.
    const mailer = createMemoryMailer({
      fail: (mail): MailDeliveryError =>
        mail.to.address === "gina@busy.example"
          ? { code: "mail_delivery", message: "421 try later", retryable: true }
          : { code: "mail_delivery", message: `550 no such user; message was: ${mail.text}`, retryable: false },
    });
    const deliver = () => deliverOutbox({ store: world.store, mailer, clock: world.clock, backoff: [MINUTE] });

    expect(await deliver()).toMatchObject({ claimed: 2, retried: 1, dead: 1 });
    const [retrying, refused] = await storedRows(world, organizationId);
    expect(retrying).toMatchObject({ status: "pending", attempts: 1, lastError: "421 try later" });
    expect(retrying?.text, "the retry still needs its link").toContain(invitation);
    expect(refused).toMatchObject({ status: "dead", secrets: [] });
    expect(refused?.lastError).toContain(`550 no such user; message was: `);
    expect(refused?.lastError).toContain(REDACTION_MARKERS.dead);
    expect(refused?.text).toContain(REDACTION_MARKERS.dead);
    expect(JSON.stringify(refused)).not.toContain(reset);

    world.clock.advance(MINUTE);
    expect(await deliver()).toMatchObject({ claimed: 1, dead: 1 });
    const [gaveUp] = await storedRows(world, organizationId);
    expect(gaveUp).toMatchObject({ status: "dead", attempts: 2, lastError: "421 try later", secrets: [] });
    expect(gaveUp?.text).toContain(REDACTION_MARKERS.dead);
    expect(tokenIn(gaveUp?.text ?? "")).toBeNull();
    expect(mailer.sent).toEqual([]);

    const everything = await everythingStored(world);
    expect(everything.includes(invitation)).toBe(false);
    expect(everything.includes(reset)).toBe(false);
  });
});
