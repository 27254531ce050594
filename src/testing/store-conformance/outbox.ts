import assert from "node:assert/strict";
import { ok } from "neverthrow";
import type { OutboxMail } from "../../model/outbox-mail.js";
import type { ConformanceStore } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { makeTestMail } from "./_internal/fixtures/outbox-mail.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { mailId, organizationId } from "./_internal/ids.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import { registerOutboxRedactionTests } from "./outbox-redaction.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const ORG_A = organizationId(A);

/**
 * Mails created at increasing instants, due when created unless said otherwise: m-1 (org-a), m-2
 * (org-b), m-3 (org-a) pending and due; m-4 pending but due only at minute 100; m-5 sent; m-6 dead.
 */
function outboxFixture(): OutboxMail[] {
  const mail = (id: string, organization: string, minute: number, extra: Partial<OutboxMail> = {}): OutboxMail => ({
    ...makeTestMail({ id, organizationId: organization, createdAt: testInstant(minute), nextAttemptAt: testInstant(minute) }),
    ...extra,
  });
  return [
    mail("m-3", A, 3),
    mail("m-1", A, 1),
    mail("m-2", "org-b", 2),
    mail("m-4", A, 4, { nextAttemptAt: testInstant(100) }),
    mail("m-5", A, 0, { status: "sent", sentAt: testInstant(0), attempts: 1 }),
    mail("m-6", A, 0.5, { status: "dead", attempts: 3, lastError: "mailbox unknown" }),
  ];
}

/** Stores org-a, org-b and the mails. */
async function seedOutbox(store: ConformanceStore, mails: readonly OutboxMail[]): Promise<void> {
  await seed(store, { organizations: [makeTestOrganization({ id: A }), makeTestOrganization({ id: "org-b" })], mails });
}

/** Claims in a committed transaction and returns the ids claimed. */
async function claimIds(store: ConformanceStore, now: number, leaseUntil: number, limit = 10): Promise<string[]> {
  const claimed = await committed(store, (tx) =>
    tx.outbox.claim({ now: testInstant(now), leaseUntil: testInstant(leaseUntil), limit }),
  );
  return claimed.map((mail) => mail.id);
}

/** The claim argument of `markSent` / `markFailed` for a lease ending at minute `leaseUntil`. */
function lease(leaseUntil: number): { readonly leaseUntil: Date } {
  return { leaseUntil: testInstant(leaseUntil) };
}

/** Reads one mail of org-a through `list`. */
async function mailOfA(store: ConformanceStore, id: string): Promise<OutboxMail | undefined> {
  return (await committed(store, (tx) => tx.outbox.list(ORG_A))).find((mail) => mail.id === id);
}

/**
 * Registers the tests of `MailOutbox`: enqueue, list, claim with a lease, markSent, markFailed (both
 * compare-and-set on the claim), copies, and the redaction of secrets (`outbox-redaction.ts`).
 */
export function registerOutboxTests(context: SuiteContext): void {
  const { test, storeTest } = context;
  test.describe("mail outbox", () => {
    storeTest("enqueue returns the mail; list shows an organization's mails oldest first, optionally of one status", async (store) => {
      await seedOutbox(store, []);
      const mail = makeTestMail({
        id: "m-0",
        organizationId: A,
        html: "<p>Hi</p>",
        to: { address: "anna@example.com", name: "Anna" },
        createdAt: testInstant(0.25),
      });
      assert.deepEqual(await committed(store, async (tx) => expectOk(await tx.outbox.enqueue(mail), "enqueue")), mail);
      await seed(store, { mails: outboxFixture() });
      await committed(store, async (tx) => {
        const ids = async (status?: OutboxMail["status"]): Promise<string[]> =>
          (await tx.outbox.list(ORG_A, status === undefined ? {} : { status })).map((listed) => listed.id);
        assert.deepEqual(await ids(), ["m-5", "m-0", "m-6", "m-1", "m-3", "m-4"]);
        assert.deepEqual(await ids("pending"), ["m-0", "m-1", "m-3", "m-4"]);
        assert.deepEqual(await ids("sent"), ["m-5"]);
        assert.deepEqual(await ids("dead"), ["m-6"]);
        assert.deepEqual((await tx.outbox.list(organizationId("org-b"))).map((listed) => listed.id), ["m-2"]);
        assert.deepEqual((await tx.outbox.list(ORG_A)).find((listed) => listed.id === "m-0"), mail);
      });
    });

    storeTest("enqueue with a taken id is a duplicate", async (store) => {
      await seedOutbox(store, [makeTestMail({ id: "m-1", organizationId: A })]);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.outbox.enqueue(makeTestMail({ id: "m-1", organizationId: A, subject: "Again" })), "duplicate", "enqueue"),
      );
      assert.equal(error.entity, "mail");
      assert.equal((await mailOfA(store, "m-1"))?.subject, "Subject of m-1");
    });

    storeTest("claim returns due pending mails of every organization, oldest first, at most limit", async (store) => {
      await seedOutbox(store, outboxFixture());
      assert.deepEqual(await claimIds(store, 10, 20, 2), ["m-1", "m-2"]);
      assert.deepEqual(await claimIds(store, 10, 20, 10), ["m-3"], "leased mails are not claimed again; m-4 is not due");
      assert.deepEqual(await claimIds(store, 10, 20, 10), []);
    });

    storeTest("a claimed mail is not claimed again before its lease ends, and is after", async (store) => {
      await seedOutbox(store, [makeTestMail({ id: "m-1", organizationId: A, createdAt: testInstant(1), nextAttemptAt: testInstant(1) })]);
      const [claimed] = await committed(store, (tx) => tx.outbox.claim({ now: testInstant(10), leaseUntil: testInstant(20), limit: 5 }));
      assert.equal(claimed?.id, "m-1");
      assert.equal(claimed?.status, "pending");
      assert.deepEqual(await claimIds(store, 15, 25), [], "still leased");
      assert.deepEqual(await claimIds(store, 21, 31), ["m-1"], "the lease ended: another process may deliver it");
    });

    storeTest("markSent records the delivery; a sent mail is never claimed again", async (store) => {
      await seedOutbox(store, outboxFixture());
      await claimIds(store, 10, 20);
      const sent = await committed(store, async (tx) => expectOk(await tx.outbox.markSent(mailId("m-1"), testInstant(12), lease(20)), "markSent"));
      assert.equal(sent.id, "m-1");
      assert.equal(sent.status, "sent");
      assert.deepEqual(sent.sentAt, testInstant(12));
      assert.deepEqual(await mailOfA(store, "m-1"), sent);
      assert.deepEqual(await claimIds(store, 1000, 1010), ["m-2", "m-3", "m-4"]);
      const missing = await committed(store, async (tx) => expectErr(await tx.outbox.markSent(mailId("m-missing"), testInstant(1), lease(20)), "not_found", "unknown"));
      assert.equal(missing.entity, "mail");
    });

    storeTest("markFailed with a retry instant keeps the mail pending until then and counts the attempt", async (store) => {
      await seedOutbox(store, [makeTestMail({ id: "m-1", organizationId: A, createdAt: testInstant(1), nextAttemptAt: testInstant(1) })]);
      assert.deepEqual(await claimIds(store, 10, 20), ["m-1"]);
      const failed = await committed(store, async (tx) =>
        expectOk(await tx.outbox.markFailed(mailId("m-1"), "451 try later", testInstant(30), lease(20)), "markFailed"),
      );
      assert.equal(failed.status, "pending");
      assert.equal(failed.lastError, "451 try later");
      assert.deepEqual(failed.nextAttemptAt, testInstant(30));
      assert.ok(failed.attempts >= 1, "the failed attempt is counted");
      assert.deepEqual(await mailOfA(store, "m-1"), failed);
      assert.deepEqual(await claimIds(store, 25, 35), [], "not before the retry instant");
      assert.deepEqual(await claimIds(store, 31, 41), ["m-1"], "after the retry instant");
      const again = await committed(store, async (tx) =>
        expectOk(await tx.outbox.markFailed(mailId("m-1"), "451 still later", testInstant(50), lease(41)), "markFailed again"),
      );
      assert.ok(again.attempts > failed.attempts, "every attempt is counted");
    });

    storeTest("markFailed without a retry instant gives up: the mail is dead and never claimed", async (store) => {
      await seedOutbox(store, [makeTestMail({ id: "m-1", organizationId: A, createdAt: testInstant(1), nextAttemptAt: testInstant(1) })]);
      await claimIds(store, 10, 20);
      const dead = await committed(store, async (tx) => expectOk(await tx.outbox.markFailed(mailId("m-1"), "550 no such mailbox", null, lease(20)), "markFailed"));
      assert.equal(dead.status, "dead");
      assert.equal(dead.lastError, "550 no such mailbox");
      assert.deepEqual(await claimIds(store, 10_000, 10_010), []);
      assert.deepEqual((await committed(store, (tx) => tx.outbox.list(ORG_A, { status: "dead" }))).map((mail) => mail.id), ["m-1"]);
      await committed(store, async (tx) => expectErr(await tx.outbox.markFailed(mailId("m-missing"), "x", null, lease(20)), "not_found", "unknown"));
    });

    storeTest("markSent and markFailed apply under the lease the mail was claimed with", async (store) => {
      const due = (id: string) => makeTestMail({ id, organizationId: A, createdAt: testInstant(1), nextAttemptAt: testInstant(1) });
      await seedOutbox(store, [due("m-1"), due("m-2")]);
      assert.deepEqual(await claimIds(store, 10, 20), ["m-1", "m-2"]);
      const sent = await committed(store, async (tx) => expectOk(await tx.outbox.markSent(mailId("m-1"), testInstant(12), lease(20)), "markSent"));
      assert.equal(sent.status, "sent");
      const failed = await committed(store, async (tx) =>
        expectOk(await tx.outbox.markFailed(mailId("m-2"), "451 try later", testInstant(30), lease(20)), "markFailed"),
      );
      assert.equal(failed.status, "pending");
      assert.deepEqual(failed.nextAttemptAt, testInstant(30));
    });

    storeTest("with a stale lease (the mail was claimed again) markSent and markFailed are a conflict and change nothing", async (store) => {
      await seedOutbox(store, [makeTestMail({ id: "m-1", organizationId: A, createdAt: testInstant(1), nextAttemptAt: testInstant(1) })]);
      assert.deepEqual(await claimIds(store, 10, 20), ["m-1"]);
      assert.deepEqual(await claimIds(store, 21, 31), ["m-1"], "the lease ended: another run claims it");
      const reclaimed = await mailOfA(store, "m-1");
      const sent = await committed(store, async (tx) => expectErr(await tx.outbox.markSent(mailId("m-1"), testInstant(22), lease(20)), "conflict", "stale markSent"));
      assert.equal(sent.entity, "mail");
      assert.equal(sent.id, "m-1");
      await committed(store, async (tx) =>
        expectErr(await tx.outbox.markFailed(mailId("m-1"), "451 try later", testInstant(30), lease(20)), "conflict", "stale markFailed"),
      );
      await committed(store, async (tx) => expectErr(await tx.outbox.markFailed(mailId("m-1"), "550", null, lease(20)), "conflict", "stale give-up"));
      assert.deepEqual(await mailOfA(store, "m-1"), reclaimed, "nothing changed");
      assert.deepEqual(await claimIds(store, 25, 35), [], "still leased to the second claim");
      const current = await committed(store, async (tx) => expectOk(await tx.outbox.markSent(mailId("m-1"), testInstant(23), lease(31)), "current markSent"));
      assert.equal(current.status, "sent");
    });

    storeTest("after markSent, markFailed with the same lease is a conflict: the sent mail stays sent", async (store) => {
      await seedOutbox(store, [makeTestMail({ id: "m-1", organizationId: A, createdAt: testInstant(1), nextAttemptAt: testInstant(1) })]);
      assert.deepEqual(await claimIds(store, 10, 20), ["m-1"]);
      const sent = await committed(store, async (tx) => expectOk(await tx.outbox.markSent(mailId("m-1"), testInstant(12), lease(20)), "markSent"));
      await committed(store, async (tx) =>
        expectErr(await tx.outbox.markFailed(mailId("m-1"), "451 try later", testInstant(30), lease(20)), "conflict", "markFailed after markSent"),
      );
      await committed(store, async (tx) => expectErr(await tx.outbox.markSent(mailId("m-1"), testInstant(13), lease(20)), "conflict", "markSent twice"));
      assert.deepEqual(await mailOfA(store, "m-1"), sent);
      assert.deepEqual(await claimIds(store, 10_000, 10_010), []);
    });

    storeTest("two concurrent claimers: the mail is delivered to exactly one committed claim", async (store) => {
      await seedOutbox(store, [makeTestMail({ id: "m-1", organizationId: A, createdAt: testInstant(1), nextAttemptAt: testInstant(1) })]);
      const claim = () =>
        store.transaction(async (tx) => ok(await tx.outbox.claim({ now: testInstant(10), leaseUntil: testInstant(20), limit: 5 })));
      const results = await Promise.all([claim(), claim()]);
      const claims = results.filter((result) => result.isOk()).map((result) => expectOk(result, "claim").map((mail) => mail.id));
      assert.equal(claims.flat().filter((id) => id === "m-1").length, 1, `committed claims: ${JSON.stringify(claims)}`);
      for (const result of results) if (result.isErr()) expectErr(result, "conflict", "the losing claim");
    });

    storeTest("returned and enqueued mails are copies: mutating them does not change the store", async (store) => {
      const input = makeTestMail({ id: "m-1", organizationId: A, createdAt: testInstant(1), nextAttemptAt: testInstant(1) });
      const expected = structuredClone(input);
      await seedOutbox(store, [input]);
      input.subject = "Mutated";
      input.to.address = "mutated@example.com";
      input.nextAttemptAt.setTime(0);
      const [listed] = await committed(store, (tx) => tx.outbox.list(ORG_A));
      assert.ok(listed !== undefined);
      listed.to.address = "mutated@example.com";
      listed.createdAt.setTime(0);
      assert.deepEqual(await mailOfA(store, "m-1"), expected);
      const [claimed] = await committed(store, (tx) => tx.outbox.claim({ now: testInstant(10), leaseUntil: testInstant(20), limit: 1 }));
      assert.ok(claimed !== undefined);
      claimed.status = "sent";
      claimed.to.address = "mutated@example.com";
      const stored = await mailOfA(store, "m-1");
      assert.equal(stored?.status, "pending");
      assert.equal(stored?.to.address, expected.to.address);
    });
    registerOutboxRedactionTests(context);
  });
}
