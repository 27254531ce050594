// The PostgreSQL outbox keeps no secret in its columns once a mail is finished: the `record` jsonb and
// `last_error` are rewritten in the UPDATE that finishes the mail. Rows written before mails named
// their secrets (no `secrets` key in `record`) need no migration: they read as carrying none.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTION_MARKERS, type MailId, type OrganizationId } from "tenure";
import { makeTestMail, makeTestMailWithLink, makeTestOrganization, TEST_MAIL_LINK, TEST_MAIL_SECRET, testInstant } from "tenure/testing";
import { openPgliteDatabase, openServerDatabase, SERVER_URL, type TestDatabase } from "./_databases.js";
import { committed, withFreshStore, type TestStore } from "./_store-work.js";

const ORG = "org-a" as OrganizationId;
const LEASE = { leaseUntil: testInstant(20) };

/** The outbox row of `id` as PostgreSQL holds it: every column, as text. */
async function rawRow(database: TestDatabase, store: TestStore, id: string): Promise<string> {
  const read = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.id(store.schema, "outbox")} t WHERE id = ${id}`.execute(database.db);
  return read.rows[0]?.row ?? "";
}

/** `record -> 'secrets'` of the outbox row of `id`, as JSON text (`null` when the key is missing). */
async function storedSecrets(database: TestDatabase, store: TestStore, id: string): Promise<string | null> {
  const read = await sql<{ secrets: string | null }>`
    SELECT (record -> 'secrets')::text AS secrets FROM ${sql.id(store.schema, "outbox")} WHERE id = ${id}`.execute(database.db);
  return read.rows[0]?.secrets ?? null;
}

/** Stores org-a and `mails`, then claims the due ones until minute 20. */
async function seedAndClaim(store: TestStore, mails: Parameters<typeof makeTestMail>[0][], withLink = true): Promise<void> {
  await committed(store, async (tx) => {
    (await tx.organizations.insert(makeTestOrganization({ id: ORG })))._unsafeUnwrap();
    for (const mail of mails) (await tx.outbox.enqueue(withLink ? makeTestMailWithLink(mail) : makeTestMail(mail)))._unsafeUnwrap();
  });
  await committed(store, (tx) => tx.outbox.claim({ now: testInstant(10), limit: 10, leaseUntil: LEASE.leaseUntil }));
}

const databases: [string, () => Promise<TestDatabase>][] = [
  ["PGlite", openPgliteDatabase],
  ...(SERVER_URL === undefined ? [] : [["a server", async () => openServerDatabase(SERVER_URL ?? "")] as [string, () => Promise<TestDatabase>]]),
];

describe.each(databases)("PostgreSQL outbox secrets on %s", (_name, open) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await open();
  }, 60_000);
  afterAll(() => database.close());

  it("a pending row holds its link; once sent or dead no column does, and record.secrets is empty", async () => {
    await withFreshStore(database, async (store) => {
      const due = { organizationId: ORG, createdAt: testInstant(1), nextAttemptAt: testInstant(1) };
      await seedAndClaim(store, [{ id: "m-sent", ...due }, { id: "m-dead", ...due }]);
      expect(await rawRow(database, store, "m-sent")).toContain(TEST_MAIL_SECRET);

      await committed(store, async (tx) => (await tx.outbox.markSent("m-sent" as MailId, testInstant(12), LEASE))._unsafeUnwrap());
      await committed(store, async (tx) =>
        (await tx.outbox.markFailed("m-dead" as MailId, `550 refused ${TEST_MAIL_LINK}`, null, LEASE))._unsafeUnwrap(),
      );
      for (const id of ["m-sent", "m-dead"]) {
        const raw = await rawRow(database, store, id);
        expect(raw, id).not.toContain(TEST_MAIL_SECRET);
        expect(await storedSecrets(database, store, id), id).toBe("[]");
      }
      expect(await rawRow(database, store, "m-sent")).toContain(REDACTION_MARKERS.sent);
      expect(await rawRow(database, store, "m-dead")).toContain(REDACTION_MARKERS.dead);
    });
  });

  it("a row written before mails named their secrets reads as carrying none, and is delivered and recorded as before", async () => {
    await withFreshStore(database, async (store) => {
      await seedAndClaim(store, [{ id: "m-old", organizationId: ORG, createdAt: testInstant(1), nextAttemptAt: testInstant(1) }], false);
      await sql`UPDATE ${sql.id(store.schema, "outbox")} SET record = record - 'secrets' WHERE id = 'm-old'`.execute(database.db);
      expect(await storedSecrets(database, store, "m-old")).toBeNull();
      const [listed] = await committed(store, (tx) => tx.outbox.list(ORG));
      expect(listed).toMatchObject({ id: "m-old", status: "pending", secrets: [] });
      const sent = await committed(store, async (tx) => (await tx.outbox.markSent("m-old" as MailId, testInstant(12), LEASE))._unsafeUnwrap());
      expect(sent).toMatchObject({ status: "sent", text: "Body of m-old", secrets: [] });
    });
  });
});
