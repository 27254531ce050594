/**
 * Issue 11: "Page results carry a total count that respects the filters and the viewer's visibility (a
 * filtered list's count must not count what the viewer cannot see)." For any data, filters and viewer,
 * the total of `users.list`, `thirdParty.list` and `audit.query` is the number of items reached by
 * paging to the end, on the first page (the default), on every page (`total: "every_page"`), and
 * never with `total: "none"`.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { err, ok } from "neverthrow";
import {
  type AccountState,
  type AccountStatus,
  type Audience,
  type AuditEventId,
  type GroupId,
  type OrganizationId,
  type PageTotal,
  type User,
  type UserId,
} from "tenure";
import { setupWorld, type World } from "./_harness.js";
import { TEST_STORE } from "./_test-store.js";

const NUM_RUNS = TEST_STORE === "memory" ? 40 : 4;
const DAY = 86_400_000;

const LOCATIONS = ["Berlin", "Lisbon"] as const;
const AUDIENCES: readonly Audience[] = ["internal", "external", "guest"];
const STATUSES: readonly AccountStatus[] = ["invited", "pending_verification", "active", "blocked", "deactivated", "removed"];
const TOTALS: readonly (PageTotal | undefined)[] = [undefined, "first_page", "every_page", "none"];

/** One generated user of the partner organization. */
const personArbitrary = fc.record(
  {
    account: fc.constantFrom<"active" | "blocked_on" | "blocked_lapsed" | "deactivated" | "invited" | "pending_verification" | "removed">(
      "active", "blocked_on", "blocked_lapsed", "deactivated", "invited", "pending_verification", "removed",
    ),
    audience: fc.constantFrom(...AUDIENCES),
    location: fc.constantFrom(null, ...LOCATIONS),
    /** A third-party user's end of access in days from now (negative: ended), or not third party. */
    access: fc.option(fc.integer({ min: -5, max: 30 }), { nil: undefined }),
    sponsor: fc.boolean(),
    groups: fc.subarray([0, 1]),
    editor: fc.boolean(),
  },
  { noNullPrototype: true },
);

/** Who looks: the partner's admin, or a seeded member of an audience (in the groups drawn). */
const viewerArbitrary = fc.oneof(
  fc.constant({ kind: "admin" as const }),
  fc.record({ kind: fc.constant("member" as const), audience: fc.constantFrom(...AUDIENCES), groups: fc.subarray([0, 1]) }, { noNullPrototype: true }),
);

/** Any combination of the list's filters (each key present or absent). */
const userFilterArbitrary = fc.record(
  {
    statuses: fc.subarray([...STATUSES], { minLength: 1 }),
    locations: fc.subarray([...LOCATIONS], { minLength: 1 }),
    audiences: fc.subarray([...AUDIENCES], { minLength: 1 }),
    groups: fc.subarray([0, 1], { minLength: 1 }),
    roles: fc.constant<string[]>(["editor"]),
    thirdParty: fc.boolean(),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const accountOf = (kind: Person["account"], now: Date): AccountState => {
  switch (kind) {
    case "blocked_on":
      return { status: "blocked", until: new Date(now.getTime() + DAY), reason: null };
    case "blocked_lapsed":
      return { status: "blocked", until: new Date(now.getTime() - DAY), reason: null };
    case "deactivated":
      return { status: "deactivated", reason: "admin" };
    case "removed":
      return { status: "removed", at: new Date(now.getTime() - DAY) };
    case "invited":
      return { status: "invited" };
    case "pending_verification":
      return { status: "pending_verification" };
    default:
      return { status: "active" };
  }
};

type Person = typeof personArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Seeds the people, two groups of the partner, and the editor role, straight into the store. */
async function seedPeople(world: World, people: readonly Person[], viewerGroups: readonly number[] | null, viewerId: UserId | null): Promise<GroupId[]> {
  const now = world.clock.now();
  const org = world.partner.id;
  const users: User[] = [];
  for (const [index, person] of people.entries()) {
    users.push(
      await world.seedUser(org, `p${String(index).padStart(2, "0")}`, person.editor ? [{ role: "editor" }] : [], {
        account: accountOf(person.account, now),
        audience: person.audience,
        location: person.location,
        thirdParty: person.access !== undefined,
        accessExpiresAt: person.access === undefined ? null : new Date(now.getTime() + person.access * DAY),
        invitedBy: person.sponsor ? world.partnerAdmin.id : null,
      }),
    );
  }
  const groupIds = [0, 1].map((index) => `grp_page_${index}` as GroupId);
  const stored = await world.store.transaction(async (tx) => {
    for (const [index, id] of groupIds.entries()) {
      const memberIds = [
        ...users.filter((_, position) => people[position]!.groups.includes(index)).map((user) => user.id),
        ...(viewerId !== null && viewerGroups?.includes(index) ? [viewerId] : []),
      ];
      const inserted = await tx.groups.insert({ id, organizationId: org, name: `Group ${index}`, colour: "#336699", memberIds, version: 0, createdAt: now, updatedAt: now });
      if (inserted.isErr()) return err(inserted.error);
    }
    return ok(undefined);
  });
  stored._unsafeUnwrap();
  return groupIds;
}

/** Pages a list to the end, from its first page; returns every page. */
async function pageToEnd<T>(read: (after: string | undefined) => Promise<{ items: readonly T[]; nextCursor: string | null; total: number | null }>) {
  const pages: { items: readonly T[]; nextCursor: string | null; total: number | null }[] = [];
  let after: string | undefined;
  for (let count = 0; count < 200; count += 1) {
    const page = await read(after);
    pages.push(page);
    if (page.nextCursor === null) return pages;
    after = page.nextCursor;
  }
  throw new Error("the cursor loops");
}

/** The totals the pages must carry: the items reached, where the mode counts. */
function expectTotals(pages: readonly { items: readonly unknown[]; total: number | null }[], total: PageTotal | undefined): void {
  const reached = pages.reduce((sum, page) => sum + page.items.length, 0);
  expect(pages.map((page) => page.total)).toEqual(
    pages.map((_, index) => (total === "every_page" || ((total ?? "first_page") === "first_page" && index === 0) ? reached : null)),
  );
}

describe("page totals count what paging to the end reaches", () => {
  test.prop(
    [
      fc.array(personArbitrary, { maxLength: 10 }),
      viewerArbitrary,
      userFilterArbitrary,
      fc.constantFrom<"fullName" | "username" | "email">("fullName", "username", "email"),
      fc.constantFrom<"asc" | "desc">("asc", "desc"),
      fc.option(fc.constantFrom("p", "P0", "b", "m"), { nil: undefined }),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom(...TOTALS),
    ],
    { numRuns: NUM_RUNS },
  )("users.list: for any users, filters and viewer, the total is the number of users the viewer reaches by paging, and counts none they may not see", async (people, viewer, filter, field, direction, prefix, limit, total) => {
    const world = await setupWorld();
    try {
      const viewerUser =
        viewer.kind === "admin" ? world.partnerAdmin : await world.seedUser(world.partner.id, "viewer", [], { audience: viewer.audience });
      const groupIds = await seedPeople(world, people, viewer.kind === "member" ? viewer.groups : null, viewer.kind === "member" ? viewerUser.id : null);
      const { groups, ...plain } = filter;
      const input = {
        organizationId: world.partner.id,
        filter: { ...plain, ...(groups === undefined ? {} : { groupIds: groups.map((index) => groupIds[index]!) }) },
        sort: { field, direction },
        limit,
        ...(prefix === undefined ? {} : { prefix }),
        ...(total === undefined ? {} : { total }),
      };
      const pages = await pageToEnd(async (after) =>
        (await world.tenure.users.list(world.as(viewerUser), { ...input, ...(after === undefined ? {} : { after }) }))._unsafeUnwrap(),
      );
      expectTotals(pages, total);
      const reached = pages.flatMap((page) => page.items);
      expect(new Set(reached.map((user) => user.id)).size).toBe(reached.length);
      // What a member may not see is neither listed nor counted: de-activated and removed users, and for
      // an external viewer anyone outside their groups, for a guest anyone but themselves.
      if (viewer.kind === "member") {
        for (const user of reached) {
          expect(["deactivated", "removed"]).not.toContain(user.account.status);
          if (viewer.audience === "guest") expect(user.id).toBe(viewerUser.id);
        }
      }
    } finally {
      await world.store.close();
    }
  });

  test.prop(
    [
      fc.array(personArbitrary, { maxLength: 10 }),
      fc.option(fc.subarray([...STATUSES], { minLength: 1 }), { nil: undefined }),
      fc.boolean(),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom(...TOTALS),
    ],
    { numRuns: NUM_RUNS },
  )("thirdParty.list: for any third-party users, statuses and sponsor, the total is the number of rows reached by paging", async (people, statuses, bySponsor, limit, total) => {
    const world = await setupWorld({ settings: { thirdParty: { enabled: true, maxAccessDays: 90 } } });
    try {
      await seedPeople(world, people, null, null);
      const input = {
        organizationId: world.partner.id,
        limit,
        ...(statuses === undefined ? {} : { statuses }),
        ...(bySponsor ? { sponsorId: world.partnerAdmin.id } : {}),
        ...(total === undefined ? {} : { total }),
      };
      const pages = await pageToEnd(async (after) =>
        (await world.tenure.thirdParty.list(world.as(world.partnerAdmin), { ...input, ...(after === undefined ? {} : { after }) }))._unsafeUnwrap(),
      );
      expectTotals(pages, total);
      const rows = pages.flatMap((page) => page.items);
      // Every third-party user with a date that the filters admit is reached, once.
      expect(rows.length).toBe(
        people.filter(
          (person) =>
            person.access !== undefined &&
            (!bySponsor || person.sponsor) &&
            (statuses === undefined || statuses.includes(statusNow(person))),
        ).length,
      );
    } finally {
      await world.store.close();
    }
  });

  test.prop(
    [
      fc.array(
        fc.record({ action: fc.constantFrom("user.updated", "user.blocked", "role.granted"), target: fc.integer({ min: 0, max: 2 }), actor: fc.integer({ min: 0, max: 2 }), minutesAgo: fc.integer({ min: 0, max: 100 }) }, { noNullPrototype: true }),
        { maxLength: 12 },
      ),
      fc.record(
        {
          actions: fc.option(fc.subarray(["user.updated", "user.blocked", "role.granted"], { minLength: 1 }), { nil: undefined }),
          target: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
          actor: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
          fromMinutesAgo: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        },
        { noNullPrototype: true },
      ),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom(...TOTALS),
    ],
    { numRuns: NUM_RUNS },
  )("audit.query: for any events and filters, the total is the number of events reached by paging", async (events, query, limit, total) => {
    const world = await setupWorld();
    try {
      const org = world.partner.id;
      const now = world.clock.now().getTime();
      const before = (await world.audit(org)).length;
      const appended = await world.store.transaction(async (tx) => {
        for (const [index, event] of events.entries()) {
          const added = await tx.audit.append({
            id: `evt_page_${index}` as AuditEventId,
            organizationId: org as OrganizationId,
            at: new Date(now - event.minutesAgo * 60_000),
            actor: { type: "user", id: `usr_actor${event.actor}` as UserId, organizationId: org },
            action: event.action,
            target: { entity: "user", id: `usr_target${event.target}` },
            before: null,
            after: null,
            details: null,
          });
          if (added.isErr()) return err(added.error);
        }
        return ok(undefined);
      });
      appended._unsafeUnwrap();
      const input = {
        organizationId: org,
        limit,
        ...(query.actions === undefined ? {} : { actions: query.actions }),
        ...(query.target === undefined ? {} : { targetId: `usr_target${query.target}` }),
        ...(query.actor === undefined ? {} : { actorId: `usr_actor${query.actor}` }),
        ...(query.fromMinutesAgo === undefined ? {} : { from: new Date(now - query.fromMinutesAgo * 60_000) }),
        ...(total === undefined ? {} : { total }),
      };
      const pages = await pageToEnd(async (after) =>
        (await world.tenure.audit.query(world.as(world.partnerAdmin), { ...input, ...(after === undefined ? {} : { after }) }))._unsafeUnwrap(),
      );
      expectTotals(pages, total);
      const unfiltered = query.actions === undefined && query.target === undefined && query.actor === undefined && query.fromMinutesAgo === undefined;
      if (unfiltered) expect(pages.flatMap((page) => page.items).length).toBe(before + events.length);
    } finally {
      await world.store.close();
    }
  });
});

/** A generated third-party user's status now, as the service judges it (`accountStatusNow`). */
function statusNow(person: Person): AccountStatus {
  if (person.account === "removed") return "removed";
  if (person.access !== undefined && person.access <= 0) return "deactivated";
  if (person.account === "blocked_on") return "blocked";
  if (person.account === "blocked_lapsed") return "active";
  return person.account;
}
