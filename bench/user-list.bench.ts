/**
 * The user list on the in-memory store: 100,000 users in one organization (and 20,000 in another, so
 * tenant scoping is exercised): first page, a deep keyset page, a filtered page, a prefix jump, and
 * the list as an external viewer sees it, each without its total; then the first pages with their
 * total (`Page.total`), which counts every matching user. `BENCH_USERS` sets the size.
 */
import { performance } from "node:perf_hooks";
import { err, ok } from "neverthrow";
import {
  compareCodePoints,
  createMemoryStore,
  encodeCursor,
  sortKey,
  DEFAULT_MODEL,
  DEFAULT_SETTINGS,
  draftUser,
  userQuerySchema,
  type Group,
  type GroupId,
  type OrganizationId,
  type User,
  type UserId,
  type UserQueryInput,
} from "tenure";
import { measure, report, type Measurement } from "./harness.js";

const now = new Date("2026-01-01T00:00:00Z");
const cities = ["Berlin", "Lisbon", "Oslo", "Porto", "Riga", "Turin", "Vienna", "Zagreb"];
const companies = ["Northwind", "Contoso", "Fabrikam", "Initech"];
const given = ["Ann", "Bob", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mika", "Nour"];
const family = ["Lee", "Ortiz", "Berg", "Núñez", "Adams", "Okafor", "Sato", "Kowalski", "Rossi", "Meyer"];

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function makeUser(organizationId: OrganizationId, index: number, random: () => number): User {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const first = pick(given);
  const last = pick(family);
  const draft = draftUser(
    {
      username: `${first.toLowerCase()}.${index}`,
      fullName: `${first} ${last} ${index}`,
      email: `${first.toLowerCase()}.${index}@example.com`,
      location: pick(cities),
      company: pick(companies),
      audience: random() < 0.1 ? "external" : "internal",
    },
    {
      id: `usr_${organizationId}_${index}` as UserId,
      organizationId,
      now,
      model: DEFAULT_MODEL,
      settings: DEFAULT_SETTINGS,
      others: [],
      account: { status: "active" },
      invitedBy: null,
    },
  );
  if (draft.isErr()) throw new Error(draft.error.message);
  return draft.value.user;
}

type Store = ReturnType<typeof createMemoryStore>;

async function seedOrganization(store: Store, id: OrganizationId, name: string): Promise<void> {
  const stored = await store.transaction((tx) =>
    tx.organizations.insert({
      id, name, kind: "customer", partnerId: null, entitlements: null, contactPersonId: null,
      settings: {}, version: 0, createdAt: now, updatedAt: now, attributes: {},
    }),
  );
  if (stored.isErr()) throw new Error(stored.error.message);
}

async function seedUsers(store: Store, organizationId: OrganizationId, count: number, random: () => number): Promise<User[]> {
  const users = Array.from({ length: count }, (_, index) => makeUser(organizationId, index, random));
  const batch = 5_000;
  for (let start = 0; start < users.length; start += batch) {
    const stored = await store.transaction(async (tx) => {
      for (const user of users.slice(start, start + batch)) {
        const inserted = await tx.users.insert(user);
        if (inserted.isErr()) return err(inserted.error);
      }
      return ok(undefined);
    });
    if (stored.isErr()) throw new Error(stored.error.message);
  }
  return users;
}

async function seedGroups(store: Store, groups: readonly Group[]): Promise<void> {
  const stored = await store.transaction(async (tx) => {
    for (const group of groups) {
      const inserted = await tx.groups.insert(group);
      if (inserted.isErr()) return err(inserted.error);
    }
    return ok(undefined);
  });
  if (stored.isErr()) throw new Error(stored.error.message);
}

/** The cursor after the first `position` users of the default ordering, as a client paging that far would hold. */
function cursorAt(users: readonly User[], position: number): string {
  const sorted = [...users].sort((a, b) => compareCodePoints(sortKey(a.fullName), sortKey(b.fullName)) || compareCodePoints(a.id, b.id));
  const last = sorted[position - 1] as User;
  return encodeCursor({ order: "fullName:asc", key: sortKey(last.fullName), id: last.id });
}

/** Fills a store with `users` users (and a fifth as many in a second organization) and measures the list queries. */
export async function benchUserList(users: number): Promise<Measurement[]> {
  const store = createMemoryStore();
  const big = "org_big" as OrganizationId;
  const small = "org_small" as OrganizationId;
  const random = seeded(42);
  await seedOrganization(store, big, "Big");
  await seedOrganization(store, small, "Small");
  const seedStart = performance.now();
  const bigUsers = await seedUsers(store, big, users, random);
  await seedUsers(store, small, Math.floor(users / 5), random);
  const seedMs = performance.now() - seedStart;

  // 200 groups of 25 members each; one external viewer belongs to two of them.
  const external = bigUsers.find((user) => user.audience === "external") as User;
  await seedGroups(
    store,
    Array.from({ length: 200 }, (_, index) => ({
      id: `grp_${index}` as GroupId,
      organizationId: big,
      name: `Group ${index}`,
      colour: "#336699",
      memberIds: [
        ...Array.from({ length: 25 }, (_, member) => (bigUsers[(index * 25 + member) % bigUsers.length] as User).id).filter(
          (id) => id !== external.id,
        ),
        ...(index < 2 ? [external.id] : []),
      ],
      version: 0,
      createdAt: now,
      updatedAt: now,
    })),
  );

  // Pages without their total (`total: "none"`), and the same first pages with it, to show what the count costs.
  const list = (input: UserQueryInput) => async (): Promise<number> => {
    const page = await store.transaction((tx) => tx.users.list(big, userQuerySchema.parse({ total: "none", ...input })));
    if (page.isErr()) throw new Error(page.error.message);
    return page.value.items.length;
  };
  const measurements = [
    await measure("first page, 50 by full name", list({ limit: 50 })),
    await measure("deep keyset page (at 90%)", list({ limit: 50, after: cursorAt(bigUsers, Math.floor(users * 0.9)) })),
    await measure("filtered: location + company, by e-mail", list({ limit: 50, filter: { locations: ["Berlin"], companies: ["Contoso"] }, sort: { field: "email" } })),
    await measure('prefix jump "m"', list({ limit: 50, prefix: "m" })),
    await measure("external viewer (shared groups)", list({ limit: 50, visibility: { type: "shared_groups", viewerId: external.id } })),
    await measure("first page + total", list({ limit: 50, total: "first_page" }), { runs: 10, warmup: 2 }),
    await measure("filtered + total", list({ limit: 50, filter: { locations: ["Berlin"], companies: ["Contoso"] }, sort: { field: "email" }, total: "first_page" }), { runs: 10, warmup: 2 }),
    await measure('prefix jump "m" + total', list({ limit: 50, prefix: "m", total: "first_page" }), { runs: 10, warmup: 2 }),
    await measure("external viewer + total", list({ limit: 50, visibility: { type: "shared_groups", viewerId: external.id }, total: "first_page" }), { runs: 10, warmup: 2 }),
  ];
  await store.close();
  return [{ name: `seed ${users} + ${Math.floor(users / 5)} users`, runs: 1, medianMs: seedMs, p95Ms: seedMs }, ...measurements];
}

/** Runs the suite and prints its report. */
export async function runUserListBench(): Promise<void> {
  const users = Number(process.env["BENCH_USERS"] ?? 100_000);
  report(`user list, in-memory store, ${users} users`, await benchUserList(users));
}
