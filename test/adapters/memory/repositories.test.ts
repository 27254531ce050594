import { err, ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import { encodeCursor } from "../../../src/model/cursor.js";
import type { AuditEvent } from "../../../src/model/audit-event.js";
import { auditQuerySchema, type AuditQueryInput } from "../../../src/model/audit-query.js";
import type { Credential } from "../../../src/model/credential.js";
import type { GroupId, InvitationId, MailId, OrganizationId, RoleAssignmentId, TokenId, UserId } from "../../../src/model/ids.js";
import type { Invitation } from "../../../src/model/invitation.js";
import type { MemoryStore } from "../../../src/adapters/memory/memory-store.js";
import {
  ORG_A,
  ORG_B,
  T0,
  at,
  makeAssignment,
  makeAuditEvent,
  makeGroup,
  makeMail,
  makeOrganization,
  makeToken,
  makeUser,
  storeWith,
  unwrap,
} from "./fixtures.js";

describe("memory store: users (scoping and uniqueness)", () => {
  it("never reads or changes a user of another organization", async () => {
    const store = await storeWith([makeUser("bob", { organizationId: ORG_B })]);
    const before = store.snapshot();
    const seen = unwrap(
      await store.transaction(async (tx) =>
        ok({
          get: await tx.users.get(ORG_A, "bob" as UserId),
          many: await tx.users.getMany(ORG_A, ["bob" as UserId]),
          byUsername: await tx.users.findByUsername(ORG_A, "bob"),
          byEmail: await tx.users.findByEmail(ORG_A, "bob@example.com"),
          update: (await tx.users.update(makeUser("bob", { fullName: "Hijacked" }))).isErr(),
          delete: await tx.users.delete(ORG_A, "bob" as UserId, 0),
        }),
      ),
    );
    expect(seen).toMatchObject({ get: null, many: [], byUsername: null, byEmail: [], update: true });
    expect(seen.delete.isErr() && seen.delete.error.code).toBe("not_found");
    expect(store.snapshot()).toEqual(before);
  });

  it("refuses a taken username by sort key, and frees it when the user is deleted", async () => {
    const store = await storeWith([makeUser("ann", { username: "Anna" })]);
    const duplicate = await store.transaction(async (tx) => tx.users.insert(makeUser("u2", { username: "ＡＮＮＡ" })));
    expect(duplicate.isErr() && duplicate.error).toMatchObject({ code: "duplicate", field: "username" });
    unwrap(await store.transaction(async (tx) => tx.users.delete(ORG_A, "ann" as UserId, 0)));
    unwrap(await store.transaction(async (tx) => tx.users.insert(makeUser("u2", { username: "anna" }))));
  });

  it("versions: update stores version + 1, a stale version is a conflict naming both, insert needs version 0", async () => {
    const store = await storeWith([makeUser("ann")]);
    const updated = unwrap(await store.transaction(async (tx) => tx.users.update(makeUser("ann", { fullName: "Ann 2" }))));
    expect(updated.version).toBe(1);
    const stale = await store.transaction(async (tx) => tx.users.update(makeUser("ann", { fullName: "Ann 3" })));
    expect(stale.isErr() && stale.error).toMatchObject({ code: "conflict", expectedVersion: 0, actualVersion: 1 });
    const staleDelete = await store.transaction(async (tx) => tx.users.delete(ORG_A, "ann" as UserId, 0));
    expect(staleDelete.isErr() && staleDelete.error.code).toBe("conflict");
    await expect(store.transaction(async (tx) => tx.users.insert(makeUser("u9", { version: 3 })))).rejects.toThrow(/version 0/);
  });

  it("finds directory users by external id", async () => {
    const store = await storeWith([makeUser("ann", { source: { type: "directory", source: "directory", externalId: "e-1" } })]);
    const found = unwrap(await store.transaction(async (tx) => ok(await tx.users.findBySourceRecord(ORG_A, "directory", "e-1"))));
    expect(found?.id).toBe("ann");
    const other = unwrap(await store.transaction(async (tx) => ok(await tx.users.findBySourceRecord(ORG_B, "directory", "e-1"))));
    expect(other).toBeNull();
  });
});

describe("memory store: organizations, groups, invitations, credentials", () => {
  it("lists customers of a partner by id", async () => {
    const store = await storeWith();
    unwrap(
      await store.transaction(async (tx) => {
        for (const id of ["c2", "c1"]) {
          const inserted = await tx.organizations.insert(makeOrganization(id as OrganizationId, { partnerId: ORG_A }));
          if (inserted.isErr()) return err(inserted.error);
        }
        return ok(undefined);
      }),
    );
    const customers = unwrap(await store.transaction(async (tx) => ok(await tx.organizations.listCustomers(ORG_A))));
    expect(customers.map((organization) => organization.id)).toEqual(["c1", "c2"]);
  });

  it("orders groups by name key then id, and finds a member's groups", async () => {
    const store = await storeWith([makeUser("ann")]);
    unwrap(
      await store.transaction(async (tx) => {
        for (const group of [makeGroup("g2", ["ann"], { name: "beta" }), makeGroup("g1", [], { name: "Beta" }), makeGroup("g3", ["ann"], { name: "Alpha" })]) {
          const inserted = await tx.groups.insert(group);
          if (inserted.isErr()) return err(inserted.error);
        }
        return tx.groups.insert(makeGroup("g9", ["ann"], { organizationId: ORG_B }));
      }),
    );
    const seen = unwrap(
      await store.transaction(async (tx) =>
        ok({ all: await tx.groups.list(ORG_A), mine: await tx.groups.listForMember(ORG_A, "ann" as UserId) }),
      ),
    );
    expect(seen.all.map((group) => group.id)).toEqual(["g3", "g1", "g2"]);
    expect(seen.mine.map((group) => group.id)).toEqual(["g3", "g2"]);
    const removed = await store.transaction(async (tx) => tx.groups.delete(ORG_A, "g9" as GroupId, 0));
    expect(removed.isErr() && removed.error.code).toBe("not_found");
  });

  it("invitations newest first, credentials one per user", async () => {
    const store = await storeWith([makeUser("ann")]);
    const invitation = (id: string, minutes: number): Invitation => ({
      id: id as InvitationId,
      organizationId: ORG_A,
      userId: "ann" as UserId,
      email: "ann@example.com",
      roles: [],
      message: null,
      invitedBy: null,
      tokenId: null,
      sentAt: null,
      expiresAt: null,
      state: { status: "pending" },
      version: 0,
      createdAt: at(minutes),
      updatedAt: at(minutes),
    });
    const credential: Credential = {
      userId: "ann" as UserId,
      organizationId: ORG_A,
      passwordHash: null,
      mustChangePassword: false,
      failedAttempts: 0,
      lockedUntil: null,
      version: 0,
      updatedAt: T0,
    };
    unwrap(
      await store.transaction(async (tx) => {
        for (const item of [invitation("i1", 1), invitation("i2", 2)]) {
          const inserted = await tx.invitations.insert(item);
          if (inserted.isErr()) return err(inserted.error);
        }
        return tx.credentials.insert(credential);
      }),
    );
    const seen = unwrap(
      await store.transaction(async (tx) =>
        ok({
          invitations: (await tx.invitations.listForUser(ORG_A, "ann" as UserId)).map((item) => item.id),
          again: await tx.credentials.insert(credential),
          updated: await tx.credentials.update({ ...credential, failedAttempts: 1 }),
          otherOrganization: await tx.credentials.get(ORG_B, "ann" as UserId),
        }),
      ),
    );
    expect(seen.invitations).toEqual(["i2", "i1"]);
    expect(seen.again.isErr() && seen.again.error.code).toBe("duplicate");
    expect(seen.updated.isOk() && seen.updated.value.version).toBe(1);
    expect(seen.otherOrganization).toBeNull();
  });
});

describe("memory store: role assignments", () => {
  it("a principal holds a role in a scope once; revoking frees it", async () => {
    const store = await storeWith([makeUser("ann")]);
    const ann = { type: "user" as const, id: "ann" as UserId };
    unwrap(await store.transaction(async (tx) => tx.assignments.insert(makeAssignment("a1", ann, "admin"))));
    const again = await store.transaction(async (tx) => tx.assignments.insert(makeAssignment("a2", ann, "admin")));
    expect(again.isErr() && again.error).toMatchObject({ code: "duplicate", field: "role" });
    unwrap(await store.transaction(async (tx) => tx.assignments.insert(makeAssignment("a3", ann, "admin", { scope: { kind: "zone", id: "z1" } }))));
    const listed = unwrap(
      await store.transaction(async (tx) =>
        ok({
          mine: await tx.assignments.listForPrincipals(ORG_A, [ann, ann]),
          scoped: await tx.assignments.listForScope(ORG_A, { kind: "zone", id: "z1" }),
          admins: await tx.assignments.list(ORG_A, { role: "admin" }),
          elsewhere: await tx.assignments.list(ORG_B),
        }),
      ),
    );
    expect(listed.mine.map((assignment) => assignment.id)).toEqual(["a1", "a3"]);
    expect(listed.scoped.map((assignment) => assignment.id)).toEqual(["a3"]);
    expect(listed.admins).toHaveLength(2);
    expect(listed.elsewhere).toEqual([]);
    const wrongOrganization = await store.transaction(async (tx) => tx.assignments.delete(ORG_B, "a1" as RoleAssignmentId));
    expect(wrongOrganization.isErr() && wrongOrganization.error.code).toBe("not_found");
    unwrap(await store.transaction(async (tx) => tx.assignments.delete(ORG_A, "a1" as RoleAssignmentId)));
    unwrap(await store.transaction(async (tx) => tx.assignments.insert(makeAssignment("a4", ann, "admin"))));
  });
});

describe("memory store: tokens", () => {
  it("finds by hash in any organization, consumes once, invalidates a user's unused tokens of one purpose", async () => {
    const store = await storeWith();
    unwrap(
      await store.transaction(async (tx) => {
        for (const token of [
          makeToken("t1"),
          makeToken("t2", { purpose: "password_reset" }),
          makeToken("t3", { purpose: "password_reset" }),
          makeToken("t4", { purpose: "password_reset", usedAt: T0 }),
        ]) {
          const inserted = await tx.tokens.insert(token);
          if (inserted.isErr()) return err(inserted.error);
        }
        return ok(undefined);
      }),
    );
    const hash = makeToken("t1").hash;
    expect(unwrap(await store.transaction(async (tx) => ok(await tx.tokens.findByHash(hash))))?.id).toBe("t1");
    const consumed = unwrap(await store.transaction(async (tx) => tx.tokens.consume(ORG_A, "t1" as TokenId, at(1))));
    expect(consumed.usedAt).toEqual(at(1));
    const twice = await store.transaction(async (tx) => tx.tokens.consume(ORG_A, "t1" as TokenId, at(2)));
    expect(twice.isErr() && twice.error.code).toBe("conflict");
    const elsewhere = await store.transaction(async (tx) => tx.tokens.consume(ORG_B, "t2" as TokenId, at(2)));
    expect(elsewhere.isErr() && elsewhere.error.code).toBe("not_found");
    const count = unwrap(await store.transaction(async (tx) => ok(await tx.tokens.invalidateForUser(ORG_A, "u1" as UserId, "password_reset", at(3)))));
    expect(count).toBe(2);
    expect(store.snapshot().tokens.map((token) => token.usedAt)).toEqual([at(1), at(3), at(3), T0]);
  });
});

describe("memory store: audit log", () => {
  async function withEvents(events: readonly AuditEvent[]): Promise<MemoryStore> {
    const store = await storeWith();
    unwrap(
      await store.transaction(async (tx) => {
        for (const event of events) {
          const appended = await tx.audit.append(event);
          if (appended.isErr()) return err(appended.error);
        }
        return ok(undefined);
      }),
    );
    return store;
  }
  async function queryAll(store: MemoryStore, input: AuditQueryInput, organizationId = ORG_A): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = unwrap(
        await store.transaction((tx) => tx.audit.query(organizationId, auditQuerySchema.parse({ ...input, ...(after === undefined ? {} : { after }) }))),
      );
      ids.push(...page.items.map((event) => event.id));
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
    return ids;
  }

  const events = [
    makeAuditEvent("e1", 1),
    makeAuditEvent("e2", 2, { action: "user.invited", target: { entity: "user", id: "u2" } }),
    makeAuditEvent("e3", 2, { actor: { type: "system", name: "expiry" } }),
    makeAuditEvent("e4", 3, { target: { entity: "user", id: "u2" } }),
    makeAuditEvent("e5", 4, { organizationId: ORG_B }),
  ];

  it("newest first by (at, id), paged, scoped to the organization", async () => {
    const store = await withEvents(events);
    expect(await queryAll(store, { limit: 1 })).toEqual(["e4", "e3", "e2", "e1"]);
    expect(await queryAll(store, { limit: 3 })).toEqual(["e4", "e3", "e2", "e1"]);
    expect(await queryAll(store, {}, ORG_B)).toEqual(["e5"]);
  });

  it("filters by target, actor, actions and a [from, to) range", async () => {
    const store = await withEvents(events);
    expect(await queryAll(store, { targetId: "u2", limit: 1 })).toEqual(["e4", "e2"]);
    expect(await queryAll(store, { actorId: "admin" })).toEqual(["e4", "e2", "e1"]);
    expect(await queryAll(store, { actions: ["user.invited", "nothing"] })).toEqual(["e2"]);
    expect(await queryAll(store, { from: at(2), to: at(3) })).toEqual(["e3", "e2"]);
    expect(await queryAll(store, { targetId: "u2", from: at(2), to: at(3) })).toEqual(["e2"]);
  });

  it("refuses a cursor of another list and a taken id", async () => {
    const store = await withEvents(events);
    const after = encodeCursor({ order: "fullName:asc", key: "x", id: "y" });
    const refused = await store.transaction((tx) => tx.audit.query(ORG_A, auditQuerySchema.parse({ after })));
    expect(refused.isErr() && refused.error.code).toBe("validation");
    const duplicate = await store.transaction(async (tx) => tx.audit.append(makeAuditEvent("e1", 9)));
    expect(duplicate.isErr() && duplicate.error.code).toBe("duplicate");
  });
});

describe("memory store: mail outbox", () => {
  it("claims due pending mails oldest first, leases them, and records sends and failures", async () => {
    const store = await storeWith();
    unwrap(
      await store.transaction(async (tx) => {
        for (const mail of [makeMail("m3", 3), makeMail("m1", 1), makeMail("m2", 2), makeMail("m9", 9), makeMail("mb", 0, { organizationId: ORG_B })]) {
          const queued = await tx.outbox.enqueue(mail);
          if (queued.isErr()) return err(queued.error);
        }
        return ok(undefined);
      }),
    );
    const claim = (now: Date, limit: number) =>
      store.transaction(async (tx) => ok((await tx.outbox.claim({ now, limit, leaseUntil: at(60) })).map((mail) => mail.id)));
    expect(unwrap(await claim(at(5), 2))).toEqual(["mb", "m1"]);
    expect(unwrap(await claim(at(5), 10))).toEqual(["m2", "m3"]);
    expect(unwrap(await claim(at(5), 10))).toEqual([]);
    expect(unwrap(await claim(at(60), 1))).toEqual(["mb"]);

    const sent = unwrap(await store.transaction(async (tx) => tx.outbox.markSent("m1" as MailId, at(6), { leaseUntil: at(60) })));
    expect(sent).toMatchObject({ status: "sent", sentAt: at(6), attempts: 1 });
    const retry = unwrap(await store.transaction(async (tx) => tx.outbox.markFailed("m2" as MailId, "timeout", at(30), { leaseUntil: at(60) })));
    expect(retry).toMatchObject({ status: "pending", attempts: 1, lastError: "timeout", nextAttemptAt: at(30) });
    const dead = unwrap(await store.transaction(async (tx) => tx.outbox.markFailed("m3" as MailId, "no such mailbox", null, { leaseUntil: at(60) })));
    expect(dead).toMatchObject({ status: "dead", attempts: 1 });
    const missing = await store.transaction(async (tx) => tx.outbox.markSent("nope" as MailId, at(6), { leaseUntil: at(60) }));
    expect(missing.isErr() && missing.error.code).toBe("not_found");

    expect(unwrap(await claim(at(30), 10))).toEqual(["m2", "m9"]);
    const listed = unwrap(
      await store.transaction(async (tx) =>
        ok({ all: await tx.outbox.list(ORG_A), pending: await tx.outbox.list(ORG_A, { status: "pending" }) }),
      ),
    );
    expect(listed.all.map((mail) => mail.id)).toEqual(["m1", "m2", "m3", "m9"]);
    expect(listed.pending.map((mail) => mail.id)).toEqual(["m2", "m9"]);
  });

  it("two concurrent claims of the same mail: the second commit conflicts", async () => {
    const store = await storeWith();
    unwrap(await store.transaction(async (tx) => tx.outbox.enqueue(makeMail("m1", 1))));
    const claims = await Promise.all(
      [0, 1].map(() => store.transaction(async (tx) => ok(await tx.outbox.claim({ now: at(5), limit: 5, leaseUntil: at(60) })))),
    );
    expect(claims.map((claim) => (claim.isOk() ? claim.value.length : claim.error.code))).toEqual([1, "conflict"]);
  });
});
