import assert from "node:assert/strict";
import type { AuditEvent } from "../../model/audit-event.js";
import { auditQuerySchema, type AuditQueryInput } from "../../model/audit-query.js";
import type { OrganizationId } from "../../model/ids.js";
import type { Page } from "../../model/page.js";
import type { ConformanceStore, ConformanceTransaction } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestAuditEvent } from "./_internal/fixtures/audit-event.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { organizationId } from "./_internal/ids.js";
import { PAGE_TOTALS, assertPageTotals } from "./_internal/page-totals.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const ORG_A = organizationId(A);

/**
 * Five events of org-a (ev-2 and ev-3 at the same instant) and one of org-b:
 * ev-1 @10 u-1 user.invited u-5; ev-2 @20 system user.updated u-5; ev-3 @20 u-2 group.created g-1;
 * ev-4 @30 u-1 user.removed u-6; ev-5 @40 u-1 user.updated u-5; ev-b @25 (org-b) u-1 user.updated u-5.
 */
function auditFixture(): AuditEvent[] {
  const event = makeTestAuditEvent;
  const byUser = (id: string, organization = A) => ({ type: "user", id, organizationId: organization }) as const;
  return [
    event({ id: "ev-3", organizationId: A, at: testInstant(20), actor: byUser("u-2"), action: "group.created", target: { entity: "group", id: "g-1" } }),
    event({ id: "ev-1", organizationId: A, at: testInstant(10), actor: byUser("u-1"), action: "user.invited", target: { entity: "user", id: "u-5" } }),
    event({ id: "ev-5", organizationId: A, at: testInstant(40), actor: byUser("u-1"), action: "user.updated", target: { entity: "user", id: "u-5" } }),
    event({ id: "ev-2", organizationId: A, at: testInstant(20), actor: { type: "system", name: "expiry" }, action: "user.updated", target: { entity: "user", id: "u-5" } }),
    event({ id: "ev-4", organizationId: A, at: testInstant(30), actor: byUser("u-1"), action: "user.removed", target: { entity: "user", id: "u-6" } }),
    event({ id: "ev-b", organizationId: "org-b", at: testInstant(25), actor: byUser("u-1", "org-b"), action: "user.updated", target: { entity: "user", id: "u-5" } }),
  ];
}

/** Stores org-a, org-b and the events. */
async function seedAudit(store: ConformanceStore, auditEvents: readonly AuditEvent[]): Promise<void> {
  await seed(store, { organizations: [makeTestOrganization({ id: A }), makeTestOrganization({ id: "org-b" })], auditEvents });
}

/** Follows the query's pages to the end and returns every event id, in order. */
async function queryAllIds(tx: ConformanceTransaction, organization: OrganizationId, input: AuditQueryInput): Promise<string[]> {
  const ids: string[] = [];
  const pages: Page<unknown>[] = [];
  let after: string | null = null;
  for (let count = 0; count < 1000; count += 1) {
    const query = auditQuerySchema.parse(after === null ? input : { ...input, after });
    const page = expectOk(await tx.audit.query(organization, query), "audit.query");
    pages.push(page);
    ids.push(...page.items.map((event) => event.id));
    if (page.nextCursor === null) {
      // Paged from the first page (no cursor given): its totals are the events reached.
      if (input.after === undefined) assertPageTotals(pages, input.total, `audit.query ${JSON.stringify(input)}`);
      return ids;
    }
    after = page.nextCursor;
  }
  assert.fail("audit.query returned a next cursor 1000 times: its cursors loop");
}

/** Registers the tests of `AuditLog`: append, query filters, newest-first order, pagination, copies. */
export function registerAuditLogTests({ test, storeTest }: SuiteContext): void {
  test.describe("audit log", () => {
    storeTest("append returns the event and query reads it back", async (store) => {
      const event = makeTestAuditEvent({
        id: "ev-1",
        organizationId: A,
        actor: { type: "user", id: "u-1", organizationId: A },
        before: { fullName: "Anna" },
        after: { fullName: "Anna Berg", tags: ["a", 1, null, { nested: true }] },
        details: { transferred: 12 },
      });
      await seedAudit(store, []);
      const appended = await committed(store, async (tx) => expectOk(await tx.audit.append(event), "append"));
      assert.deepEqual(appended, event);
      const page = await committed(store, async (tx) => expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({})), "query"));
      assert.deepEqual(page, { items: [event], nextCursor: null, total: 1 });
    });

    storeTest("append with a taken id is a duplicate", async (store) => {
      const original = makeTestAuditEvent({ id: "ev-1", organizationId: A });
      await seedAudit(store, [original]);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.audit.append({ ...original, action: "user.removed" }), "duplicate", "append"),
      );
      assert.equal(error.entity, "audit_event");
      assert.deepEqual(await committed(store, (tx) => queryAllIds(tx, ORG_A, {})), ["ev-1"]);
    });

    storeTest("query lists the organization's events newest first, ties on the instant by id descending", async (store) => {
      await seedAudit(store, auditFixture());
      await committed(store, async (tx) => {
        assert.deepEqual(await queryAllIds(tx, ORG_A, {}), ["ev-5", "ev-4", "ev-3", "ev-2", "ev-1"]);
        assert.deepEqual(await queryAllIds(tx, organizationId("org-b"), {}), ["ev-b"]);
        assert.deepEqual(await queryAllIds(tx, organizationId("org-missing"), {}), []);
      });
    });

    storeTest("query filters by target, actor, actions and time range, combined with AND", async (store) => {
      await seedAudit(store, auditFixture());
      await committed(store, async (tx) => {
        const expectIds = async (input: AuditQueryInput, expected: string[]): Promise<void> => {
          assert.deepEqual(await queryAllIds(tx, ORG_A, input), expected, JSON.stringify(input));
          for (const total of PAGE_TOTALS) {
            assert.deepEqual(await queryAllIds(tx, ORG_A, { ...input, limit: 1, total }), expected, `${JSON.stringify(input)} by 1, total ${total}`);
          }
        };
        await expectIds({ targetId: "u-5" }, ["ev-5", "ev-2", "ev-1"]);
        await expectIds({ actorId: "u-1" }, ["ev-5", "ev-4", "ev-1"]);
        await expectIds({ actions: ["user.updated"] }, ["ev-5", "ev-2"]);
        await expectIds({ actions: ["user.invited", "group.created"] }, ["ev-3", "ev-1"]);
        await expectIds({ from: testInstant(20) }, ["ev-5", "ev-4", "ev-3", "ev-2"]);
        await expectIds({ to: testInstant(30) }, ["ev-3", "ev-2", "ev-1"]);
        await expectIds({ from: testInstant(20), to: testInstant(30) }, ["ev-3", "ev-2"]);
        await expectIds({ actorId: "u-1", targetId: "u-5", from: testInstant(10) }, ["ev-5", "ev-1"]);
        await expectIds({ actorId: "u-1", targetId: "u-5", actions: ["user.updated"] }, ["ev-5"]);
        await expectIds({ targetId: "g-1", actorId: "u-1" }, []);
      });
    });

    storeTest("query pages neither skip nor repeat, and nextCursor is null on the last page", async (store) => {
      await seedAudit(store, auditFixture());
      await committed(store, async (tx) => {
        const first = expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({ limit: 2 })), "page 1");
        assert.deepEqual(first.items.map((event) => event.id), ["ev-5", "ev-4"]);
        assert.ok(first.nextCursor !== null);
        const second = expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({ limit: 2, after: first.nextCursor })), "page 2");
        assert.deepEqual(second.items.map((event) => event.id), ["ev-3", "ev-2"]);
        assert.ok(second.nextCursor !== null);
        const third = expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({ limit: 2, after: second.nextCursor })), "page 3");
        assert.deepEqual(third, { items: third.items, nextCursor: null, total: null }, "pages after the first are not counted by default");
        assert.deepEqual(third.items.map((event) => event.id), ["ev-1"]);
        const whole = expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({ limit: 5 })), "exactly full");
        assert.equal(whole.items.length, 5);
        assert.equal(whole.nextCursor, null, "a full last page has no next cursor");
      });
    });

    storeTest("events appended between pages are neither repeated nor make a page skip a row", async (store) => {
      await seedAudit(store, auditFixture());
      const first = await committed(store, async (tx) => expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({ limit: 2 })), "page 1"));
      assert.ok(first.nextCursor !== null);
      await seed(store, {
        auditEvents: [
          makeTestAuditEvent({ id: "ev-6", organizationId: A, at: testInstant(50) }),
          makeTestAuditEvent({ id: "ev-0", organizationId: A, at: testInstant(5) }),
          // Ties on the cursor row's instant (ev-4 @30): ev-41 sorts before it (newest first, id descending), ev-35 after.
          makeTestAuditEvent({ id: "ev-41", organizationId: A, at: testInstant(30) }),
          makeTestAuditEvent({ id: "ev-35", organizationId: A, at: testInstant(30) }),
        ],
      });
      const rest = await committed(store, (tx) => queryAllIds(tx, ORG_A, { limit: 2, after: first.nextCursor ?? "" }));
      assert.deepEqual([...first.items.map((event) => event.id), ...rest], ["ev-5", "ev-4", "ev-35", "ev-3", "ev-2", "ev-1", "ev-0"]);
    });

    storeTest("a garbage cursor is a validation error on field after", async (store) => {
      await seedAudit(store, auditFixture());
      await committed(store, async (tx) => {
        for (const after of ["this is not a cursor", "bm90LWpzb24", Buffer.from('{"at":1}', "utf8").toString("base64url")]) {
          const error = expectErr(await tx.audit.query(ORG_A, auditQuerySchema.parse({ after })), "validation", after);
          assert.equal(error.field, "after");
        }
      });
    });

    storeTest("returned and appended events are copies: mutating them does not change the store", async (store) => {
      const input = makeTestAuditEvent({ id: "ev-1", organizationId: A, details: { count: 1 }, after: { list: [1, 2] } });
      const expected = structuredClone(input);
      await seedAudit(store, [input]);
      (input.details ?? {})["count"] = 2;
      input.at.setTime(0);
      const read = await committed(store, async (tx) => expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({})), "query").items[0]);
      assert.ok(read !== undefined);
      (read.details ?? {})["count"] = 3;
      const list = read.after?.["list"];
      if (Array.isArray(list)) list.push(3);
      read.target.id = "mutated";
      read.at.setTime(0);
      const again = await committed(store, async (tx) => expectOk(await tx.audit.query(ORG_A, auditQuerySchema.parse({})), "query").items);
      assert.deepEqual(again, [expected]);
    });
  });
}
