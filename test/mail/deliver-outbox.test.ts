// Outbox delivery: a mail server outage loses nothing, a mail is delivered at most once per claim, retries
// back off, and a mail that cannot be delivered ends `dead` with its last error.
import { fc, test as fcTest } from "@fast-check/vitest";
import { err, ok, type Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import { createManualClock, createMemoryStore, type MailDeliveryError, type Mailer, type MailId, type OrganizationId, type OutboxMail } from "tenure";
import { createMemoryMailer } from "../../src/adapters/memory/memory-mailer.js";
import { composeOutboxMail } from "../../src/mail/compose-mail.js";
import { DEFAULT_MAIL_BACKOFF_MS } from "../../src/mail/delivery-schedule.js";
import { deliverOutbox } from "../../src/service/jobs/deliver-outbox.js";

const ORG = "org-a" as OrganizationId;
const START = new Date("2026-01-05T09:00:00Z");
const MINUTE = 60_000;

function mail(id: string, now: Date = START): OutboxMail {
  return composeOutboxMail({
    id: id as MailId,
    organizationId: ORG,
    template: "invitation",
    to: { address: `${id}@example.com`, name: `Person ${id}` },
    rendered: { subject: `Subject ${id}`, text: `Body ${id}`, html: null },
    now,
  })._unsafeUnwrap();
}

async function setup(ids: readonly string[]) {
  const store = createMemoryStore();
  const clock = createManualClock(START);
  const enqueued = await store.transaction(async (tx) => {
    for (const id of ids) {
      const result = await tx.outbox.enqueue(mail(id));
      if (result.isErr()) return result;
    }
    return ok(undefined);
  });
  expect(enqueued.isOk()).toBe(true);
  const outbox = async (): Promise<OutboxMail[]> => (await store.transaction(async (tx) => ok(await tx.outbox.list(ORG))))._unsafeUnwrap();
  return { store, clock, outbox };
}

const outage: MailDeliveryError = { code: "mail_delivery", message: "421 try later", retryable: true };
const refused: MailDeliveryError = { code: "mail_delivery", message: "550 no such user", retryable: false };

describe("deliverOutbox", () => {
  it("sends every due mail and records it as sent", async () => {
    const { store, clock, outbox } = await setup(["m1", "m2"]);
    const mailer = createMemoryMailer();
    const report = await deliverOutbox({ store, mailer, clock });
    expect(report).toEqual({ claimed: 2, sent: 2, retried: 0, dead: 0, deferred: 0, conflicts: 0 });
    expect(mailer.sent.map((sent) => sent.id)).toEqual(["m1", "m2"]);
    for (const stored of await outbox()) {
      expect(stored).toMatchObject({ status: "sent", attempts: 1, sentAt: START });
    }
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 0, sent: 0 });
    expect(mailer.sent).toHaveLength(2);
  });

  it("retries after the back-off and then sends exactly once", async () => {
    const { store, clock, outbox } = await setup(["m1"]);
    let failures = 1;
    const mailer = createMemoryMailer({ fail: () => (failures-- > 0 ? outage : null) });
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ retried: 1, sent: 0 });
    const [waiting] = await outbox();
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "421 try later" });
    expect(waiting?.nextAttemptAt).toEqual(new Date(START.getTime() + MINUTE));

    clock.advance(MINUTE - 1);
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 1, sent: 1 });
    clock.advance(24 * 60 * MINUTE);
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 0 });
    expect(mailer.sent.map((sent) => sent.id)).toEqual(["m1"]);
    expect((await outbox())[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("follows the schedule 1 min, 5 min, 30 min, 2 h, 12 h, then gives up: dead", async () => {
    const { store, clock, outbox } = await setup(["m1"]);
    const mailer = createMemoryMailer({ fail: () => outage });
    expect(DEFAULT_MAIL_BACKOFF_MS).toEqual([1, 5, 30, 120, 720].map((minutes) => minutes * MINUTE));
    for (const wait of DEFAULT_MAIL_BACKOFF_MS) {
      expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ retried: 1 });
      clock.advance(wait - 1);
      expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 0 });
      clock.advance(1);
    }
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ dead: 1, retried: 0 });
    expect((await outbox())[0]).toMatchObject({ status: "dead", attempts: 6, lastError: "421 try later" });
    clock.advance(1000 * 24 * 60 * MINUTE);
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 0 });
  });

  it("a non-retryable error makes the mail dead at once", async () => {
    const { store, clock, outbox } = await setup(["m1", "m2"]);
    const mailer = createMemoryMailer({ fail: (sent) => (sent.id === "m1" ? refused : null) });
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ sent: 1, dead: 1, retried: 0 });
    const [first, second] = await outbox();
    expect(first).toMatchObject({ id: "m1", status: "dead", attempts: 1, lastError: "550 no such user", sentAt: null });
    expect(second).toMatchObject({ id: "m2", status: "sent" });
  });

  it("a mailer that throws is a retryable failure and loses nothing", async () => {
    const { store, clock, outbox } = await setup(["m1"]);
    let broken = true;
    const inner = createMemoryMailer();
    const mailer = {
      async send(sent: OutboxMail) {
        if (broken) throw new Error("socket hang up");
        return inner.send(sent);
      },
    };
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ retried: 1 });
    expect((await outbox())[0]).toMatchObject({ status: "pending", lastError: "the mailer threw: socket hang up" });
    broken = false;
    clock.advance(MINUTE);
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ sent: 1 });
    expect(inner.sent.map((sent) => sent.id)).toEqual(["m1"]);
  });

  it("two concurrent runs never send the same mail twice", async () => {
    const ids = Array.from({ length: 20 }, (_, index) => `m${index}`);
    const { store, clock, outbox } = await setup(ids);
    const inner = createMemoryMailer();
    const mailer = {
      async send(sent: OutboxMail) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return inner.send(sent);
      },
    };
    const reports = await Promise.all([deliverOutbox({ store, mailer, clock }), deliverOutbox({ store, mailer, clock })]);
    const sentIds = inner.sent.map((sent) => sent.id);
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(sentIds.length);
    expect(reports.reduce((sum, report) => sum + report.conflicts, 0)).toBeGreaterThan(0);
    await deliverOutbox({ store, mailer, clock });
    expect(inner.sent.map((sent) => sent.id).sort()).toEqual([...ids].sort());
    expect((await outbox()).every((stored) => stored.status === "sent")).toBe(true);
  });

  it("a mail claimed by a process that died is sent again once the lease ends", async () => {
    const { store, clock } = await setup(["m1"]);
    const leaseUntil = new Date(START.getTime() + 5 * MINUTE);
    await store.transaction(async (tx) => ok(await tx.outbox.claim({ now: START, limit: 10, leaseUntil })));
    const mailer = createMemoryMailer();
    clock.advance(5 * MINUTE - 1);
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 1, sent: 1 });
  });

  it("leaves claimed mails unsent once its lease has run out, for a later run", async () => {
    const { store, clock, outbox } = await setup(["m1", "m2", "m3"]);
    const inner = createMemoryMailer();
    const slow = {
      async send(sent: OutboxMail) {
        clock.advance(3 * MINUTE);
        return inner.send(sent);
      },
    };
    expect(await deliverOutbox({ store, mailer: slow, clock, leaseMs: 5 * MINUTE })).toMatchObject({ claimed: 3, sent: 2, deferred: 1 });
    expect((await outbox()).find((stored) => stored.id === "m3")).toMatchObject({ status: "pending", attempts: 0 });
    expect(await deliverOutbox({ store, mailer: inner, clock })).toMatchObject({ claimed: 1, sent: 1 });
    expect(inner.sent.map((sent) => sent.id)).toEqual(["m1", "m2", "m3"]);
  });

  it("records a failure that ends after the lease when no other run took the mail over", async () => {
    const { store, clock, outbox } = await setup(["m1"]);
    const inner = createMemoryMailer();
    let slowFailure = true;
    const mailer: Mailer = {
      async send(sent) {
        if (!slowFailure) return inner.send(sent);
        slowFailure = false;
        clock.advance(6 * MINUTE);
        return err(outage);
      },
    };
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 1, retried: 1, deferred: 0 });
    expect((await outbox())[0]).toMatchObject({ status: "pending", attempts: 1, lastError: "421 try later" });
    expect((await outbox())[0]?.nextAttemptAt).toEqual(new Date(START.getTime() + 7 * MINUTE));
    clock.advance(MINUTE);
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 1, sent: 1 });
    expect(inner.sent).toHaveLength(1);
  });

  it("a run whose lease ran out cannot record its failure over the run that took the mail over and sent it", async () => {
    const { store, clock, outbox } = await setup(["m1"]);
    const inner = createMemoryMailer();
    let releaseA: (outcome: Result<void, MailDeliveryError>) => void = () => undefined;
    let startedA: () => void = () => undefined;
    const aStarted = new Promise<void>((resolve) => {
      startedA = resolve;
    });
    let calls = 0;
    const mailer: Mailer = {
      async send(sent) {
        calls += 1;
        if (calls > 1) return inner.send(sent);
        startedA();
        return new Promise((resolve) => {
          releaseA = resolve;
        });
      },
    };

    const runA = deliverOutbox({ store, mailer, clock, leaseMs: 5 * MINUTE });
    await aStarted;
    clock.advance(5 * MINUTE);
    expect(await deliverOutbox({ store, mailer, clock, leaseMs: 5 * MINUTE })).toMatchObject({ claimed: 1, sent: 1, deferred: 0 });
    expect(inner.sent.map((sent) => sent.id)).toEqual(["m1"]);

    releaseA(err(outage));
    expect(await runA).toEqual({ claimed: 1, sent: 0, retried: 0, dead: 0, deferred: 1, conflicts: 0 });
    expect((await outbox())[0]).toMatchObject({ status: "sent", attempts: 1, lastError: null, sentAt: new Date(START.getTime() + 5 * MINUTE) });

    clock.advance(24 * 60 * MINUTE);
    expect(await deliverOutbox({ store, mailer, clock })).toMatchObject({ claimed: 0, sent: 0 });
    expect(calls).toBe(2);
    expect(inner.sent).toHaveLength(1);
  });

  it("claims at most `limit` mails, oldest first", async () => {
    const { store, clock } = await setup(["m1", "m2", "m3"]);
    const mailer = createMemoryMailer();
    expect(await deliverOutbox({ store, mailer, clock, limit: 2 })).toMatchObject({ claimed: 2, sent: 2 });
    expect(mailer.sent.map((sent) => sent.id)).toEqual(["m1", "m2"]);
  });

  it("refuses nonsense options as programmer errors", async () => {
    const { store, clock } = await setup([]);
    const mailer = createMemoryMailer();
    await expect(deliverOutbox({ store, mailer, clock, limit: 0 })).rejects.toThrow(RangeError);
    await expect(deliverOutbox({ store, mailer, clock, leaseMs: -1 })).rejects.toThrow(RangeError);
    await expect(deliverOutbox({ store, mailer, clock, backoff: [Number.NaN] })).rejects.toThrow(RangeError);
  });
});

/** `slow…`: the attempt outlasts the 5-minute lease. */
type Outcome = "ok" | "retry" | "fatal" | "throw" | "slow-ok" | "slow-retry";

describe("deliverOutbox, property", () => {
  fcTest.prop(
    [
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.constantFrom<Outcome>("ok", "retry", "retry", "fatal", "throw", "slow-ok", "slow-retry"), { maxLength: 40 }),
      fc.array(fc.record({ parallel: fc.boolean(), advanceMinutes: fc.integer({ min: 0, max: 800 }), limit: fc.integer({ min: 1, max: 4 }) }), {
        minLength: 1,
        maxLength: 30,
      }),
    ],
    { numRuns: 60 },
  )("every mail ends sent or dead, and none is sent twice", async (count, plan, runs) => {
    const ids = Array.from({ length: count }, (_, index) => `m${index}`);
    const { store, clock, outbox } = await setup(ids);
    const delivered = new Map<string, number>();
    let step = 0;
    const mailer: Mailer = {
      async send(sent) {
        const outcome = plan[step++] ?? "ok";
        await Promise.resolve();
        if (outcome.startsWith("slow")) clock.advance(6 * MINUTE);
        if (outcome === "throw") throw new Error("boom");
        if (outcome === "retry" || outcome === "slow-retry") return err(outage);
        if (outcome === "fatal") return err(refused);
        delivered.set(sent.id, (delivered.get(sent.id) ?? 0) + 1);
        return ok(undefined);
      },
    };

    for (const run of runs) {
      const runOnce = () => deliverOutbox({ store, mailer, clock, limit: run.limit });
      await (run.parallel ? Promise.all([runOnce(), runOnce()]) : runOnce());
      clock.advance(run.advanceMinutes * MINUTE);
    }
    // Drain: enough time and runs for every retry schedule to end.
    for (let round = 0; round < 10 * count + 10; round += 1) {
      await deliverOutbox({ store, mailer, clock, limit: 4 });
      clock.advance(720 * MINUTE);
    }

    const final = await outbox();
    expect(final).toHaveLength(count);
    for (const stored of final) {
      expect(["sent", "dead"]).toContain(stored.status);
      expect(delivered.get(stored.id) ?? 0).toBe(stored.status === "sent" ? 1 : 0);
      expect(stored.attempts).toBeLessThanOrEqual(DEFAULT_MAIL_BACKOFF_MS.length + 1);
    }
  });
});
