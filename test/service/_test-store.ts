/**
 * The store the service tests run on, chosen by `TENURE_TEST_STORE`: `memory` (the default), `pglite`
 * (PostgreSQL in the process) or `server` (the PostgreSQL server at `TENURE_TEST_DATABASE_URL`). The
 * vitest projects in vitest.config.ts run the lifecycle scenarios and the model-based test on each.
 *
 * Every store offers the memory store's `snapshot()`: on PostgreSQL it is re-read through the
 * repositories after every committed transaction, so tests compare states the same way everywhere.
 */
import { ok, type Result } from "neverthrow";
import { afterAll } from "vitest";
import { sql } from "kysely";
import { compareCodePoints, createMemoryStore, type MemoryStore, type MemoryStoreSnapshot, type OrganizationId, type UserId } from "tenure";
import type { PostgresStore } from "tenure/postgres";
import type { StoreTransaction } from "../../src/ports/tenure-store.js";
import { openPgliteDatabase, openServerDatabase, SERVER_URL, type TestDatabase } from "../adapters/postgres/_databases.js";

/** Which store the service tests of this run use. */
export const TEST_STORE = (process.env["TENURE_TEST_STORE"] ?? "memory") as "memory" | "pglite" | "server";

/** A store with the memory store's test helpers, whatever the backend. */
export type TestStore = Pick<MemoryStore, "transaction" | "close" | "snapshot">;

let database: Promise<TestDatabase> | null = null;
const opened: { close(): Promise<void> }[] = [];

function openDatabase(): Promise<TestDatabase> {
  if (database === null) {
    if (TEST_STORE === "server" && SERVER_URL === undefined) throw new Error("TENURE_TEST_STORE=server needs TENURE_TEST_DATABASE_URL.");
    database = TEST_STORE === "pglite" ? openPgliteDatabase() : Promise.resolve(openServerDatabase(SERVER_URL ?? ""));
  }
  return database;
}

// Registered while the test file is collected (a hook registered inside a running test never runs):
// closing a store drops its schema, then the connection goes.
afterAll(async () => {
  for (const store of opened.splice(0)) await store.close();
  await (await database)?.close();
});

/** A fresh, empty store of the chosen backend (on PostgreSQL, in a schema of its own). */
export async function createTestStore(): Promise<TestStore> {
  if (TEST_STORE === "memory") return createMemoryStore();
  const store = await (await openDatabase()).makeStore();
  opened.push(store);
  return withSnapshots(store);
}

function withSnapshots(store: PostgresStore): TestStore {
  let last: MemoryStoreSnapshot = emptySnapshot();
  // Concurrent commits refresh concurrently, and their reads may finish out of order: keep the read
  // that started last, whose snapshot was taken after every commit that preceded it.
  let started = 0;
  let kept = 0;
  return {
    async transaction(work) {
      const result = await store.transaction(work as never);
      if (result.isOk()) {
        started += 1;
        const order = started;
        const read = await readSnapshot(store);
        if (order > kept) {
          kept = order;
          last = read;
        }
      }
      return result as never;
    },
    snapshot: () => structuredClone(last),
    close: () => store.close(),
  };
}

function emptySnapshot(): MemoryStoreSnapshot {
  return { organizations: [], users: [], groups: [], assignments: [], invitations: [], tokens: [], credentials: [], auditEvents: [], outbox: [], provisioningRuns: [], provisioningOutcomes: [] };
}

const byId = <T extends { id: string }>(rows: T[]): T[] => rows.sort((a, b) => compareCodePoints(a.id, b.id));

/** Everything committed, read through the repositories (so through the adapter's decoding). */
async function readSnapshot(store: PostgresStore): Promise<MemoryStoreSnapshot> {
  const read = await store.transaction(async (tx): Promise<Result<MemoryStoreSnapshot, never>> => {
    const { transaction, schema } = tx.native;
    const s = sql.id(schema);
    const organizations = await tx.organizations.list();
    const snapshot = emptySnapshot() as { -readonly [K in keyof MemoryStoreSnapshot]: MemoryStoreSnapshot[K][number][] };
    snapshot.organizations.push(...organizations);
    for (const organization of organizations) {
      snapshot.users.push(...(await allUsers(tx, organization.id)));
      snapshot.groups.push(...(await tx.groups.list(organization.id)));
      snapshot.assignments.push(...(await tx.assignments.list(organization.id)));
      snapshot.outbox.push(...(await tx.outbox.list(organization.id)));
      for (let after: string | undefined, more = true; more; ) {
        const page = (await tx.provisioningRuns.list(organization.id, { limit: 1000, after }))._unsafeUnwrap();
        snapshot.provisioningRuns.push(...page.items);
        for (const run of page.items) {
          for (let from: string | undefined, rest = true; rest; ) {
            const outcomes = (await tx.provisioningRuns.listOutcomes(organization.id, run.id, { limit: 1000, after: from }))._unsafeUnwrap();
            snapshot.provisioningOutcomes.push(...outcomes.items);
            from = outcomes.nextCursor ?? undefined;
            rest = outcomes.nextCursor !== null;
          }
        }
        after = page.nextCursor ?? undefined;
        more = page.nextCursor !== null;
      }
      let after: string | undefined;
      for (;;) {
        const page = (await tx.audit.query(organization.id, { limit: 1000, ...(after === undefined ? {} : { after }) }))._unsafeUnwrap();
        snapshot.auditEvents.push(...page.items);
        if (page.nextCursor === null) break;
        after = page.nextCursor;
      }
    }
    const owners = await sql<{ organization_id: OrganizationId; user_id: UserId }>`
      SELECT DISTINCT organization_id, user_id FROM ${s}.invitations`.execute(transaction);
    for (const owner of owners.rows) snapshot.invitations.push(...(await tx.invitations.listForUser(owner.organization_id, owner.user_id)));
    const credentials = await sql<{ organization_id: OrganizationId; user_id: UserId }>`
      SELECT organization_id, user_id FROM ${s}.credentials`.execute(transaction);
    for (const row of credentials.rows) {
      const credential = await tx.credentials.get(row.organization_id, row.user_id);
      if (credential !== null) snapshot.credentials.push(credential);
    }
    const hashes = await sql<{ hash: string }>`SELECT hash FROM ${s}.tokens`.execute(transaction);
    for (const { hash } of hashes.rows) {
      const token = await tx.tokens.findByHash(hash);
      if (token !== null) snapshot.tokens.push(token);
    }
    byId(snapshot.organizations);
    byId(snapshot.users);
    byId(snapshot.groups);
    byId(snapshot.assignments);
    byId(snapshot.invitations);
    byId(snapshot.tokens);
    byId(snapshot.auditEvents);
    byId(snapshot.outbox);
    byId(snapshot.provisioningRuns);
    snapshot.provisioningOutcomes.sort(
      (a, b) => compareCodePoints(a.organizationId, b.organizationId) || compareCodePoints(a.runId, b.runId) || a.sequence - b.sequence,
    );
    snapshot.credentials.sort((a, b) => compareCodePoints(a.userId, b.userId));
    return ok(snapshot);
  });
  return read._unsafeUnwrap();
}

async function allUsers(tx: StoreTransaction<Record<never, never>, Record<never, never>>, organizationId: OrganizationId) {
  const users = [];
  let after: string | undefined;
  for (;;) {
    const page = (await tx.users.list(organizationId, {
      filter: {},
      sort: { field: "username", direction: "asc" },
      limit: 1000,
      visibility: { type: "all" },
      ...(after === undefined ? {} : { after }),
    }))._unsafeUnwrap();
    users.push(...page.items);
    if (page.nextCursor === null) return users;
    after = page.nextCursor;
  }
}
