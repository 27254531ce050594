import assert from "node:assert/strict";
import { Kysely, PostgresDialect, sql } from "kysely";
import { err, ok } from "neverthrow";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditQuerySchema, createMemoryStore, type OutboxMail, type TenureStore } from "tenure";
import { createPostgresStore, type PostgresStore } from "tenure/postgres";
import { makeTestAuditEvent, makeTestMail, makeTestToken, testInstant } from "tenure/testing";
import { openPgliteDatabase, openServerDatabase, SERVER_URL, type TestDatabase } from "./_databases.js";

type TestStore = PostgresStore & { readonly schema: string };

/** A one-shot signal: `open()` releases every `wait()`, which rejects after two seconds instead of hanging. */
function latch(what: string): { open(): void; wait(): Promise<void> } {
  let release: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (release = resolve));
  const timeout = () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 2_000).unref());
  return { open: () => release(), wait: () => Promise.race([opened, timeout()]) };
}

/** Twenty mails due at minute 0, created one minute apart (m-00 oldest). */
function dueMails(): OutboxMail[] {
  return Array.from({ length: 20 }, (_, index) => {
    const id = `m-${String(index).padStart(2, "0")}`;
    return makeTestMail({ id, createdAt: testInstant(index - 30), nextAttemptAt: testInstant(0) });
  });
}

async function enqueueAll(store: TenureStore<object, object>, mails: readonly OutboxMail[]): Promise<void> {
  const stored = await store.transaction(async (tx) => {
    for (const mail of mails) if ((await tx.outbox.enqueue(mail)).isErr()) return err(`enqueue ${mail.id}`);
    return ok(undefined);
  });
  assert.ok(stored.isOk());
}

describe.skipIf(SERVER_URL === undefined)("PostgreSQL delivery duties on a server", () => {
  let database: TestDatabase;
  /** A second pool of the same database, as another process would have; big enough for ten transactions at once. */
  let other: Kysely<any>;
  let store: TestStore;
  beforeAll(async () => {
    database = openServerDatabase(SERVER_URL ?? "");
    other = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: SERVER_URL, max: 12 }) }) });
    store = await database.makeStore();
  });
  afterAll(async () => {
    await store.close();
    await other.destroy();
    await database.close();
  });
  /** Another store instance on the same tables, as a second process would make. */
  const secondInstance = (): PostgresStore => createPostgresStore({ db: other, schema: store.schema });

  it("two instances claiming at once get disjoint sets: SKIP LOCKED passes over the rows the other holds", async () => {
    await sql`TRUNCATE ${sql.id(store.schema)}.outbox`.execute(database.db);
    await enqueueAll(store, dueMails());
    const claimedByFirst = latch("the first claim");
    const secondDone = latch("the second claim");
    const options = { now: testInstant(1), limit: 10, leaseUntil: testInstant(10) };
    const first = store.transaction(async (tx) => {
      const claimed = await tx.outbox.claim(options);
      claimedByFirst.open();
      await secondDone.wait(); // keeps its row locks until the second claimed
      return ok(claimed.map((mail) => mail.id));
    });
    const second = secondInstance().transaction(async (tx) => {
      await tx.outbox.list(makeTestMail().organizationId); // the snapshot predates the first claim
      await claimedByFirst.wait();
      const claimed = await tx.outbox.claim(options);
      secondDone.open();
      return ok(claimed.map((mail) => mail.id));
    });
    const [a, b] = await Promise.all([first, second]);
    const ids = [a._unsafeUnwrap(), b._unsafeUnwrap()];
    expect(ids[0]).toEqual(dueMails().slice(0, 10).map((mail) => mail.id));
    expect(ids[1]).toEqual(dueMails().slice(10).map((mail) => mail.id));
    const listed = await store.transaction(async (tx) => ok(await tx.outbox.list(makeTestMail().organizationId)));
    expect(listed._unsafeUnwrap().map((mail) => mail.nextAttemptAt)).toEqual(Array(20).fill(testInstant(10)));
  });

  it("a claim whose snapshot predates a committed claim of the same mails ends in conflict, claiming nothing", async () => {
    await sql`TRUNCATE ${sql.id(store.schema)}.outbox`.execute(database.db);
    await enqueueAll(store, dueMails());
    const snapshotTaken = latch("the late claimer's snapshot");
    const earlyCommitted = latch("the early claim's commit");
    const options = { now: testInstant(1), limit: 10, leaseUntil: testInstant(10) };
    const late = secondInstance().transaction(async (tx) => {
      await tx.outbox.list(makeTestMail().organizationId);
      snapshotTaken.open();
      await earlyCommitted.wait();
      return ok(await tx.outbox.claim(options));
    });
    await snapshotTaken.wait();
    const early = await store.transaction(async (tx) => ok(await tx.outbox.claim(options)));
    earlyCommitted.open();
    expect(early._unsafeUnwrap()).toHaveLength(10);
    expect((await late)._unsafeUnwrapErr()).toMatchObject({ code: "conflict" });
    const retried = await secondInstance().transaction(async (tx) => ok(await tx.outbox.claim(options)));
    expect(retried._unsafeUnwrap().map((mail) => mail.id)).toEqual(dueMails().slice(10).map((mail) => mail.id));
  });

  it("ten concurrent consumers of one token: exactly one succeeds, the nine others get conflict", async () => {
    const token = makeTestToken({ id: "t-race" });
    assert.ok((await store.transaction(async (tx) => tx.tokens.insert(token))).isOk());
    const instances = Array.from({ length: 10 }, () => secondInstance());
    let arrived = 0;
    const allThere = latch("ten transactions holding a snapshot");
    const results = await Promise.all(
      instances.map((instance, index) =>
        instance.transaction(async (tx) => {
          await tx.tokens.findByHash(token.hash); // every snapshot sees the token unused
          arrived += 1;
          if (arrived === instances.length) allThere.open();
          await allThere.wait();
          const consumed = await tx.tokens.consume(token.organizationId, token.id, testInstant(index));
          return consumed.isOk() ? ok(index) : err(consumed.error);
        }),
      ),
    );
    const winners = results.filter((result) => result.isOk());
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((result) => result.isErr())) {
      expect(loser._unsafeUnwrapErr()).toMatchObject({ code: "conflict", entity: "token", id: "t-race" });
    }
    const stored = await store.transaction(async (tx) => ok(await tx.tokens.findByHash(token.hash)));
    expect(stored._unsafeUnwrap()?.usedAt).toEqual(testInstant(winners[0]?._unsafeUnwrap() ?? -1));
  });
});

describe("PostgreSQL delivery records on PGlite", () => {
  let database: TestDatabase;
  let store: TestStore;
  beforeAll(async () => {
    database = await openPgliteDatabase();
    store = await database.makeStore();
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await database.close();
  });
  const table = (name: string) => sql`${sql.id(store.schema)}.${sql.id(name)}`;

  it("a token row edited into an invalid state reads as corrupt_record naming the row", async () => {
    const token = makeTestToken({ id: "t-bad", organizationId: "org-a" });
    assert.ok((await store.transaction(async (tx) => tx.tokens.insert(token))).isOk());
    await sql`UPDATE ${table("tokens")} SET record = '{"expiresAt": "tomorrow"}' WHERE id = 't-bad'`.execute(database.db);
    const read = await store.transaction(async (tx) => ok(await tx.tokens.findByHash(token.hash)));
    expect(read._unsafeUnwrapErr()).toMatchObject({ code: "corrupt_record", entity: "token", key: { table: "tokens", organizationId: "org-a", id: "t-bad" } });
    const consumed = await store.transaction(async (tx) => tx.tokens.consume(token.organizationId, token.id, testInstant(1)));
    expect(consumed._unsafeUnwrapErr()).toMatchObject({ code: "corrupt_record", key: { id: "t-bad" } });
  });

  it("an outbox row edited into an invalid state reads as corrupt_record naming the row", async () => {
    await enqueueAll(store, [makeTestMail({ id: "m-bad", organizationId: "org-c" })]);
    await sql`UPDATE ${table("outbox")} SET record = jsonb_set(record, '{to}', '"nobody"') WHERE id = 'm-bad'`.execute(database.db);
    const listed = await store.transaction(async (tx) => ok(await tx.outbox.list(makeTestMail({ organizationId: "org-c" }).organizationId)));
    expect(listed._unsafeUnwrapErr()).toMatchObject({ code: "corrupt_record", entity: "mail", key: { table: "outbox", id: "m-bad" } });
    const claimed = await store.transaction(async (tx) => ok(await tx.outbox.claim({ now: testInstant(1), limit: 5, leaseUntil: testInstant(2) })));
    expect(claimed._unsafeUnwrapErr()).toMatchObject({ code: "corrupt_record", key: { id: "m-bad" } });
  });

  it("an audit row edited into an invalid state, or whose index columns disagree with it, reads as corrupt_record", async () => {
    const event = makeTestAuditEvent({ id: "ev-bad", organizationId: "org-d" });
    assert.ok((await store.transaction(async (tx) => tx.audit.append(event))).isOk());
    const query = () => store.transaction(async (tx) => tx.audit.query(event.organizationId, auditQuerySchema.parse({})));
    const key = { table: "audit_events", organizationId: "org-d", id: "ev-bad" };
    await sql`UPDATE ${table("audit_events")} SET action = 'Not A Name' WHERE id = 'ev-bad'`.execute(database.db);
    expect((await query())._unsafeUnwrapErr()).toMatchObject({ code: "corrupt_record", entity: "audit_event", key });
    await sql`UPDATE ${table("audit_events")} SET action = ${event.action}, target_id = 'someone-else' WHERE id = 'ev-bad'`.execute(database.db);
    expect((await query())._unsafeUnwrapErr()).toMatchObject({ code: "corrupt_record", key, issues: [{ field: "target.id" }] });
  });

  it("audit cursors are the memory store's: a page started on one adapter continues on the other", async () => {
    const events = [10, 20, 20, 30, 40].map((minute, index) => makeTestAuditEvent({ id: `ev-${index}`, organizationId: "org-e", at: testInstant(minute) }));
    const memory = createMemoryStore();
    for (const target of [memory, store] as TenureStore<object, object>[]) {
      const appended = await target.transaction(async (tx) => {
        for (const event of events) if ((await tx.audit.append(event)).isErr()) return err(event.id);
        return ok(undefined);
      });
      assert.ok(appended.isOk());
    }
    const page = (target: TenureStore<object, object>, after?: string) =>
      target.transaction(async (tx) => tx.audit.query(events[0]!.organizationId, auditQuerySchema.parse({ limit: 2, ...(after === undefined ? {} : { after }) })));
    const fromMemory = (await page(memory))._unsafeUnwrap();
    const fromPostgres = (await page(store))._unsafeUnwrap();
    expect(fromPostgres.nextCursor).toBe(fromMemory.nextCursor);
    const next = (await page(store, fromMemory.nextCursor ?? undefined))._unsafeUnwrap();
    expect(next.items.map((event) => event.id)).toEqual(["ev-2", "ev-1"]);
    const bogus = Buffer.from(JSON.stringify(["audit:desc", "yesterday", "ev-1"]), "utf8").toString("base64url");
    expect((await page(store, bogus))._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "after" });
  });
});
