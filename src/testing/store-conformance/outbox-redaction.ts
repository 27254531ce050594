import assert from "node:assert/strict";
import { REDACTION_MARKERS } from "../../mail/apply-delivery-outcome.js";
import type { OutboxMail } from "../../model/outbox-mail.js";
import type { ConformanceStore } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { makeTestMailWithLink, TEST_MAIL_LINK, TEST_MAIL_SECRET } from "./_internal/fixtures/outbox-mail.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { mailId, organizationId } from "./_internal/ids.js";
import { expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const LINK_HTML = TEST_MAIL_LINK.replaceAll("&", "&amp;");
const LEASE = { leaseUntil: testInstant(20) };

/** Stores org-a with one pending mail carrying the test link, due at minute 1, and claims it until minute 20. */
async function claimedMailWithLink(store: ConformanceStore): Promise<OutboxMail> {
  const mail = makeTestMailWithLink({ id: "m-1", organizationId: A, createdAt: testInstant(1), nextAttemptAt: testInstant(1) });
  await seed(store, { organizations: [makeTestOrganization({ id: A })], mails: [mail] });
  const claimed = await committed(store, (tx) => tx.outbox.claim({ now: testInstant(10), limit: 5, leaseUntil: LEASE.leaseUntil }));
  assert.equal(claimed.length, 1);
  return mail;
}

/** The mail as a committed transaction lists it. */
async function stored(store: ConformanceStore): Promise<OutboxMail | undefined> {
  return (await committed(store, (tx) => tx.outbox.list(organizationId(A)))).find((mail) => mail.id === "m-1");
}

/** `value` with both forms of the test link replaced by `marker`: what a redacted part must read. */
function redacted(value: string, marker: string): string {
  return value.replaceAll(LINK_HTML, marker).replaceAll(TEST_MAIL_LINK, marker);
}

/** Asserts that `mail` holds the test secret nowhere, in any field. */
function assertNoSecret(mail: OutboxMail | undefined, what: string): void {
  assert.ok(mail !== undefined, `${what}: the mail is listed`);
  assert.ok(!JSON.stringify(mail).includes(TEST_MAIL_SECRET), `${what} still holds the secret: ${JSON.stringify(mail)}`);
  assert.deepEqual(mail.secrets, [], `${what}: secrets`);
}

/**
 * Registers the redaction duty of `MailOutbox`: a pending mail keeps the secrets its delivery needs;
 * recording it as sent or dead replaces them by the marker in the same write, and nothing else in the
 * message changes; the error of a retried attempt is stored redacted.
 */
export function registerOutboxRedactionTests({ test, storeTest }: SuiteContext): void {
  test.describe("secrets of outbox mails", () => {
    storeTest("a pending mail keeps its link and secrets, as delivery needs them: enqueue, list and claim return them", async (store) => {
      const mail = makeTestMailWithLink({ id: "m-1", organizationId: A, createdAt: testInstant(1), nextAttemptAt: testInstant(1) });
      await seed(store, { organizations: [makeTestOrganization({ id: A })], mails: [mail] });
      assert.deepEqual(await stored(store), mail);
      const [claimed] = await committed(store, (tx) => tx.outbox.claim({ now: testInstant(10), limit: 5, leaseUntil: LEASE.leaseUntil }));
      assert.deepEqual(claimed, { ...mail, nextAttemptAt: LEASE.leaseUntil });
    });

    storeTest("markSent redacts in the same write: every link becomes the marker, secrets is emptied, nothing else changes", async (store) => {
      const mail = await claimedMailWithLink(store);
      const marker = REDACTION_MARKERS.sent;
      const sent = await committed(store, async (tx) => expectOk(await tx.outbox.markSent(mailId("m-1"), testInstant(12), LEASE), "markSent"));
      const expected = { subject: redacted(mail.subject, marker), text: redacted(mail.text, marker), html: redacted(mail.html ?? "", marker) };
      assert.deepEqual({ subject: sent.subject, text: sent.text, html: sent.html }, expected);
      assert.equal(sent.text, `Hello,\n\nAccept the invitation here:\n${marker}\n\nOr paste it: ${marker}\nBye`);
      assertNoSecret(sent, "the mail markSent returned");
      const listed = await stored(store);
      assertNoSecret(listed, "the sent mail as listed");
      assert.deepEqual(listed, sent);
      assert.equal(listed?.status, "sent");
    });

    storeTest("markFailed with a retry keeps the link for the next attempt but stores the error redacted", async (store) => {
      const mail = await claimedMailWithLink(store);
      const failed = await committed(store, async (tx) =>
        expectOk(await tx.outbox.markFailed(mailId("m-1"), `451 rejected "${TEST_MAIL_LINK}"`, testInstant(30), LEASE), "markFailed"),
      );
      assert.equal(failed.status, "pending");
      assert.equal(failed.lastError, `451 rejected "${REDACTION_MARKERS.pending}"`);
      assert.deepEqual({ subject: failed.subject, text: failed.text, html: failed.html, secrets: failed.secrets }, {
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        secrets: mail.secrets,
      });
      assert.deepEqual(await stored(store), failed);
    });

    storeTest("markFailed without a retry (given up, dead) redacts the message and the error in the same write", async (store) => {
      const mail = await claimedMailWithLink(store);
      const marker = REDACTION_MARKERS.dead;
      const dead = await committed(store, async (tx) =>
        expectOk(await tx.outbox.markFailed(mailId("m-1"), `550 no such mailbox for ${TEST_MAIL_LINK}`, null, LEASE), "markFailed"),
      );
      assert.equal(dead.status, "dead");
      assert.equal(dead.lastError, `550 no such mailbox for ${marker}`);
      assert.deepEqual({ subject: dead.subject, text: dead.text, html: dead.html }, {
        subject: redacted(mail.subject, marker),
        text: redacted(mail.text, marker),
        html: redacted(mail.html ?? "", marker),
      });
      assertNoSecret(dead, "the mail markFailed returned");
      const listed = await stored(store);
      assertNoSecret(listed, "the dead mail as listed");
      assert.deepEqual(listed, dead);
    });

    storeTest("a mail retried and then sent is redacted once sent", async (store) => {
      await claimedMailWithLink(store);
      await committed(store, async (tx) => expectOk(await tx.outbox.markFailed(mailId("m-1"), "451 later", testInstant(30), LEASE), "markFailed"));
      const [again] = await committed(store, (tx) => tx.outbox.claim({ now: testInstant(31), limit: 5, leaseUntil: testInstant(40) }));
      assert.ok(again?.text.includes(TEST_MAIL_LINK), "the retry is sent with its link");
      await committed(store, async (tx) => expectOk(await tx.outbox.markSent(mailId("m-1"), testInstant(32), { leaseUntil: testInstant(40) }), "markSent"));
      assertNoSecret(await stored(store), "the mail sent on its second attempt");
    });
  });
}
