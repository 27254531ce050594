import fc from "fast-check";
import { err, ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import type { MemoryStore } from "../../../src/adapters/memory/memory-store.js";
import { encodeCursor } from "../../../src/model/cursor.js";
import type { Group } from "../../../src/model/group.js";
import type { UserId } from "../../../src/model/ids.js";
import type { RoleAssignment } from "../../../src/model/role-assignment.js";
import type { User } from "../../../src/model/user.js";
import { userQuerySchema, type UserQueryInput } from "../../../src/model/user-query.js";
import { ORG_A, ORG_B, at, latch, makeAssignment, makeGroup, makeUser, storeWith, unwrap } from "./fixtures.js";
import { naiveUserList } from "./naive-user-list.js";

/** Pages through a list to its end, checking that only the last page has no cursor. */
async function listAll(store: MemoryStore, input: UserQueryInput, organizationId = ORG_A): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages += 1) {
    const query = userQuerySchema.parse({ ...input, ...(after === undefined ? {} : { after }) });
    const page = unwrap(await store.transaction((tx) => tx.users.list(organizationId, query)));
    ids.push(...page.items.map((user) => user.id));
    if (page.nextCursor === null) return ids;
    expect(page.items).toHaveLength(query.limit);
    after = page.nextCursor;
  }
  throw new Error("too many pages");
}

async function seedExtras(store: MemoryStore, groups: readonly Group[], assignments: readonly RoleAssignment[]): Promise<void> {
  unwrap(
    await store.transaction(async (tx) => {
      for (const group of groups) {
        const inserted = await tx.groups.insert(group);
        if (inserted.isErr()) return err(inserted.error);
      }
      for (const assignment of assignments) {
        const inserted = await tx.assignments.insert(assignment);
        if (inserted.isErr()) return err(inserted.error);
      }
      return ok(undefined);
    }),
  );
}

describe("memory store: users.list", () => {
  const people = [
    makeUser("u1", { fullName: "Åsa Berg", username: "asa", email: "asa@x.org", location: "Berlin" }),
    makeUser("u2", { fullName: "bob", username: "Bob", email: "bob@x.org", location: "Oslo", company: "Acme" }),
    makeUser("u3", { fullName: "Bob", username: "bob2", email: "b@x.org", location: "Berlin", company: "Acme" }),
    makeUser("u4", { fullName: "Mika", username: "mika", email: "m@x.org", account: { status: "blocked", until: at(10), reason: null } }),
    makeUser("u5", { fullName: "Mike", username: "mike", email: "mike@x.org", thirdParty: true, audience: "external" }),
    makeUser("b1", { fullName: "Mike", organizationId: ORG_B }),
  ];

  it("sorts by sort key then id, in both directions, by code point", async () => {
    const store = await storeWith(people);
    expect(await listAll(store, { limit: 2 })).toEqual(["u2", "u3", "u4", "u5", "u1"]);
    expect(await listAll(store, { limit: 2, sort: { direction: "desc" } })).toEqual(["u1", "u5", "u4", "u3", "u2"]);
    expect(await listAll(store, { limit: 10, sort: { field: "username" } })).toEqual(["u1", "u2", "u3", "u4", "u5"]);
    expect(await listAll(store, { limit: 1, sort: { field: "email" } })).toEqual(["u1", "u3", "u2", "u4", "u5"]);
  });

  it("has no cursor on a last page that is exactly full, and none for an empty result", async () => {
    const store = await storeWith(people);
    const page = unwrap(await store.transaction((tx) => tx.users.list(ORG_A, userQuerySchema.parse({ limit: 5 }))));
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
    const empty = unwrap(await store.transaction((tx) => tx.users.list(ORG_A, userQuerySchema.parse({ prefix: "zz" }))));
    expect(empty).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it("jumps to a prefix by sort key, in both directions", async () => {
    const store = await storeWith(people);
    expect(await listAll(store, { prefix: "MI", limit: 1 })).toEqual(["u4", "u5"]);
    expect(await listAll(store, { prefix: "mi", limit: 1, sort: { direction: "desc" } })).toEqual(["u5", "u4"]);
    expect(await listAll(store, { prefix: "b", sort: { direction: "desc" } })).toEqual(["u3", "u2"]);
  });

  it("filters: OR within a field, AND across fields; statuses at asOf", async () => {
    const store = await storeWith(people);
    expect(await listAll(store, { filter: { locations: ["Berlin", "Oslo"], companies: ["Acme"] } })).toEqual(["u2", "u3"]);
    expect(await listAll(store, { filter: { statuses: ["active"] } })).toEqual(["u2", "u3", "u5", "u1"]);
    expect(await listAll(store, { filter: { statuses: ["active"] }, asOf: at(10) })).toEqual(["u2", "u3", "u4", "u5", "u1"]);
    expect(await listAll(store, { filter: { thirdParty: true, audiences: ["external"] } })).toEqual(["u5"]);
  });

  it("roles through groups, group filters and visibility", async () => {
    const store = await storeWith(people);
    await seedExtras(
      store,
      [makeGroup("g1", ["u1", "u2"]), makeGroup("g2", ["u5", "b1"]), makeGroup("gb", ["b1", "u3"], { organizationId: ORG_B })],
      [makeAssignment("a1", { type: "group", id: "g1" as never }, "editor"), makeAssignment("a2", { type: "user", id: "u4" as UserId }, "viewer")],
    );
    expect(await listAll(store, { filter: { roles: ["editor"] } })).toEqual(["u2", "u1"]);
    expect(await listAll(store, { filter: { roles: ["editor", "viewer"] } })).toEqual(["u2", "u4", "u1"]);
    expect(await listAll(store, { filter: { groupIds: ["g2", "gb"] } })).toEqual(["u5"]);
    expect(await listAll(store, { visibility: { type: "shared_groups", viewerId: "u1" } })).toEqual(["u2", "u1"]);
    expect(await listAll(store, { visibility: { type: "shared_groups", viewerId: "u3" } })).toEqual(["u3"]);
    expect(await listAll(store, { visibility: { type: "self", viewerId: "u4" } })).toEqual(["u4"]);
    expect(await listAll(store, { visibility: { type: "self", viewerId: "b1" } })).toEqual([]);
  });

  it("refuses a malformed cursor and a cursor of another ordering", async () => {
    const store = await storeWith(people);
    const malformed = await store.transaction((tx) => tx.users.list(ORG_A, userQuerySchema.parse({ after: "not a cursor!" })));
    expect(malformed.isErr() && malformed.error).toMatchObject({ code: "validation", field: "after" });
    const other = encodeCursor({ order: "email:asc", key: "a", id: "u1" });
    const wrongOrder = await store.transaction((tx) => tx.users.list(ORG_A, userQuerySchema.parse({ after: other })));
    expect(wrongOrder.isErr() && wrongOrder.error.code).toBe("validation");
  });

  it("never skips nor repeats a row when rows are inserted between pages", async () => {
    const store = await storeWith(people);
    const first = unwrap(await store.transaction((tx) => tx.users.list(ORG_A, userQuerySchema.parse({ limit: 2 }))));
    unwrap(await store.transaction(async (tx) => tx.users.insert(makeUser("u0", { fullName: "Aaron", username: "aaron" }))));
    unwrap(await store.transaction(async (tx) => tx.users.insert(makeUser("u9", { fullName: "Zed", username: "zed" }))));
    const rest = await listAll(store, { limit: 2, after: first.nextCursor! });
    expect([...first.items.map((user) => user.id), ...rest]).toEqual(["u2", "u3", "u4", "u5", "u9", "u1"]);
  });
});

describe("memory store: users.list against a naive model (property)", () => {
  const letters = ["a", "A", "b", "é", "É", "ß", "ﬁ", "z", " ", "😀", "\uFFFD"];
  const name = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 4 }).map((parts) => `N${parts.join("")}`);
  const userArb = fc.record({
    fullName: name,
    email: name.map((value) => `${value}@x.org`),
    location: fc.constantFrom(null, "Berlin", "Oslo"),
    company: fc.constantFrom(null, "Acme", "Initech"),
    status: fc.constantFrom("active", "blocked", "deactivated"),
    thirdParty: fc.boolean(),
    organization: fc.constantFrom(ORG_A, ORG_A, ORG_A, ORG_B),
    groups: fc.subarray(["g1", "g2", "g3"]),
    role: fc.constantFrom(null, "editor", "viewer"),
  });
  const queryArb = fc.record(
    {
      sort: fc.record({ field: fc.constantFrom("fullName", "username", "email"), direction: fc.constantFrom("asc", "desc") }),
      prefix: fc.constantFrom("n", "Na", "NÉ", "nss", "n😀"),
      limit: fc.integer({ min: 1, max: 7 }),
      filter: fc.record(
        {
          locations: fc.subarray(["Berlin", "Oslo"], { minLength: 1 }),
          companies: fc.subarray(["Acme", "Initech"], { minLength: 1 }),
          statuses: fc.subarray(["active", "blocked"] as const, { minLength: 1 }),
          thirdParty: fc.boolean(),
          roles: fc.subarray(["editor", "viewer"], { minLength: 1 }),
          groupIds: fc.subarray(["g1", "g2", "g3"], { minLength: 1 }),
        },
        { requiredKeys: [] },
      ),
      visibility: fc.constantFrom({ type: "all" as const }, { type: "shared_groups" as const, viewerId: "u0" }, { type: "self" as const, viewerId: "u1" }),
      asOf: fc.constant(at(5)),
    },
    { requiredKeys: ["sort", "limit"] },
  );

  it("pages through exactly the naive answer, with own uncommitted writes merged in", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(userArb, { maxLength: 25 }), queryArb, fc.integer({ min: 0, max: 30 }), async (specs, input, edits) => {
        const users: User[] = specs.map((spec, index) =>
          makeUser(`u${index}`, {
            organizationId: spec.organization,
            fullName: spec.fullName,
            username: `${spec.fullName}${index}`,
            email: spec.email,
            location: spec.location,
            company: spec.company,
            thirdParty: spec.thirdParty,
            account: spec.status === "blocked" ? { status: "blocked", until: at(3), reason: null } : spec.status === "active" ? { status: "active" } : { status: "deactivated", reason: "admin" },
          }),
        );
        const groups = ["g1", "g2", "g3"].map((id) =>
          makeGroup(id, specs.flatMap((spec, index) => (spec.groups.includes(id) ? [`u${index}`] : []))),
        );
        const assignments = specs.flatMap((spec, index) =>
          spec.role === null ? [] : [makeAssignment(`a${index}`, { type: "user", id: `u${index}` as UserId }, spec.role)],
        );
        assignments.push(makeAssignment("ag", { type: "group", id: "g3" as never }, "editor"));
        const store = await storeWith(users);
        await seedExtras(store, groups, assignments);
        const query = userQuerySchema.parse(input);
        const pageThrough = async (tx: Parameters<Parameters<MemoryStore["transaction"]>[0]>[0]) => {
          const ids: string[] = [];
          let after: string | undefined;
          do {
            const page = await tx.users.list(ORG_A, { ...query, ...(after === undefined ? {} : { after }) });
            if (page.isErr()) return err(page.error);
            ids.push(...page.value.items.map((user) => user.id));
            after = page.value.nextCursor ?? undefined;
          } while (after !== undefined);
          return ok(ids);
        };

        // A reader holds the snapshot from before the edits until they are committed.
        const editsCommitted = latch();
        const reader = store.transaction(async (tx) => {
          await tx.users.get(ORG_A, "u0" as UserId);
          await editsCommitted.wait;
          return pageThrough(tx);
        });

        // In one transaction: rename, delete and add some users, then page through.
        const edited = unwrap(
          await store.transaction(async (tx) => {
            const current = [...users];
            for (let step = 0; step < edits && current.length > 0; step += 1) {
              const target = current[(step * 7) % current.length]!;
              if (step % 3 === 0) {
                unwrap(await tx.users.delete(target.organizationId, target.id, target.version));
                current.splice(current.indexOf(target), 1);
              } else if (step % 3 === 1) {
                const renamed = unwrap(await tx.users.update({ ...target, fullName: `${target.fullName}${letters[step % letters.length]}`, email: `z${target.email}` }));
                current[current.indexOf(target)] = renamed;
              } else {
                const added = unwrap(await tx.users.insert(makeUser(`n${step}`, { fullName: `N${letters[step % letters.length]}`, organizationId: ORG_A })));
                current.push(added);
              }
            }
            const ids = await pageThrough(tx);
            return ids.map((listed) => ({ ids: listed, current }));
          }),
        );
        const expected = naiveUserList({ users: edited.current, groups, assignments }, ORG_A, query).map((user) => user.id);
        expect(edited.ids).toEqual(expected);
        // After commit, from a fresh transaction, while the old reader still holds its snapshot...
        expect(await listAll(store, input)).toEqual(expected);
        // ...which still sees the users as they were.
        editsCommitted.release();
        const before = naiveUserList({ users, groups, assignments }, ORG_A, query).map((user) => user.id);
        expect(unwrap(await reader)).toEqual(before);
        expect(await listAll(store, input)).toEqual(expected);
        expect(store.stats().pendingPrunes).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
