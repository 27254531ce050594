import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import {
  createAccessResolver,
  createPermissionCache,
  organizationTarget,
  PLATFORM_SCOPE,
  type EffectivePermissions,
  type OrganizationId,
  type PermissionCachePlace,
  type PermissionCacheUser,
  type UserId,
} from "tenure";
import { assignment, catalog, customer, now, orgScope, partner, stranger, subject, zone } from "./_world.js";

const access = createAccessResolver(catalog);
const later = (ms: number): Date => new Date(now.getTime() + ms);
const userOf = (organizationId: OrganizationId, userId: string): PermissionCacheUser => ({ organizationId, userId: userId as UserId });

describe("permission cache", () => {
  const ann = subject([assignment("admin", orgScope(partner.id), { user: "usr_ann" })]);
  const annRef = userOf(partner.id, "usr_ann");
  const bobRef = userOf(partner.id, "usr_bob");
  const atPartner = { organizationId: partner.id };
  const atCustomer = { organizationId: customer.id };
  const annAtPartner = access.effective(ann, organizationTarget(partner), now);
  /** Caches `permissions` for `user` at `place`, computed from a read that began just now. */
  const fill = (cache: ReturnType<typeof createPermissionCache>, user: PermissionCacheUser, place: PermissionCachePlace, permissions = annAtPartner) =>
    cache.set(user, place, permissions, cache.stamp());

  it("serves what was cached for the same user and place only", () => {
    const cache = createPermissionCache();
    expect(fill(cache, annRef, atPartner)).toBe(true);
    expect(cache.get(annRef, atPartner, now)?.has("users.manage")).toBe(true);
    expect(cache.get(bobRef, atPartner, now)).toBeUndefined();
    expect(cache.get(annRef, atCustomer, now)).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it("keys include the user's organization: the same user id asked about as a user of another organization finds nothing", () => {
    const cache = createPermissionCache();
    fill(cache, annRef, atPartner);
    expect(cache.get(userOf(customer.id, "usr_ann"), atPartner, now)).toBeUndefined();
    expect(cache.get(userOf(customer.id, "usr_ann"), atCustomer, now)).toBeUndefined();
    expect(cache.get(annRef, atPartner, now)).toBeDefined();
  });

  it("keys include the place's organization: a zone id of one organization is another place in another", () => {
    const cache = createPermissionCache();
    fill(cache, annRef, { organizationId: partner.id, scope: zone("z1") });
    expect(cache.get(annRef, { organizationId: customer.id, scope: zone("z1") }, now)).toBeUndefined();
    expect(cache.get(annRef, { organizationId: partner.id, scope: zone("z1") }, now)).toBeDefined();
    expect(cache.get(annRef, atPartner, now)).toBeUndefined();
  });

  it("an organization's own scope written out is the same place as the organization", () => {
    const cache = createPermissionCache();
    fill(cache, annRef, { organizationId: partner.id, scope: orgScope(partner.id) });
    expect(cache.get(annRef, atPartner, now)).toBeDefined();
    fill(cache, annRef, { organizationId: null, scope: PLATFORM_SCOPE });
    expect(cache.get(annRef, { organizationId: null, scope: PLATFORM_SCOPE }, now)).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it("forgets a user's entries when that user changes, and nobody else's", () => {
    const cache = createPermissionCache();
    fill(cache, annRef, atPartner);
    fill(cache, bobRef, atPartner);
    cache.invalidateUsers(["usr_ann"]);
    expect(cache.get(annRef, atPartner, now)).toBeUndefined();
    expect(cache.get(bobRef, atPartner, now)).toBeDefined();
    expect(cache.size).toBe(1);
  });

  it("forgets every entry inside an organization, and every entry of its users, when it changes", () => {
    const cache = createPermissionCache();
    const atCustomerSet = access.effective(ann, organizationTarget(customer), now);
    const carl = userOf(customer.id, "usr_carl");
    const sam = userOf(stranger.id, "usr_sam");
    fill(cache, annRef, atPartner);
    fill(cache, annRef, atCustomer, atCustomerSet);
    fill(cache, annRef, { organizationId: null, scope: PLATFORM_SCOPE }, atCustomerSet);
    fill(cache, carl, atCustomer, atCustomerSet);
    fill(cache, sam, { organizationId: stranger.id });
    cache.invalidateOrganization(partner.id);
    expect(cache.get(annRef, atPartner, now)).toBeUndefined();
    // Ann belongs to the partner: what she holds in its customer may come from a group role of the partner.
    expect(cache.get(annRef, atCustomer, now)).toBeUndefined();
    expect(cache.get(annRef, { organizationId: null, scope: PLATFORM_SCOPE }, now)).toBeUndefined();
    expect(cache.get(carl, atCustomer, now)).toBeDefined();
    expect(cache.get(sam, { organizationId: stranger.id }, now)).toBeDefined();
    // A fresh entry after the change is served again.
    fill(cache, annRef, atPartner);
    expect(cache.get(annRef, atPartner, now)).toBeDefined();
    cache.invalidateOrganization(customer.id);
    expect(cache.get(carl, atCustomer, now)).toBeUndefined();
    expect(cache.get(annRef, atPartner, now)).toBeDefined();
  });

  it("never serves an answer past its validUntil (a block ends, a third-party window closes)", () => {
    const cache = createPermissionCache();
    const blocked = subject([assignment("admin", orgScope(partner.id), { user: "usr_ann" })], {
      account: { status: "blocked", until: later(60_000), reason: null },
    });
    fill(cache, annRef, atPartner, access.effective(blocked, organizationTarget(partner), now));
    expect(cache.get(annRef, atPartner, later(59_999))?.has("users.manage")).toBe(false);
    expect(cache.get(annRef, atPartner, later(60_000))).toBeUndefined();
  });

  it("drops the users cached longest ago beyond maxEntries", () => {
    const cache = createPermissionCache({ maxEntries: 3 });
    const org = "org_x" as OrganizationId;
    for (const user of ["u1", "u2", "u3", "u4"]) fill(cache, userOf(org, user), { organizationId: org });
    expect(cache.size).toBe(3);
    expect(cache.get(userOf(org, "u1"), { organizationId: org }, now)).toBeUndefined();
    expect(cache.get(userOf(org, "u4"), { organizationId: org }, now)).toBeDefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });

  describe("it cannot go back in time: an entry carries the generation it was computed from", () => {
    const invalidations = [
      ["the user", (cache: ReturnType<typeof createPermissionCache>) => cache.invalidateUsers(["usr_bob", "usr_ann"])],
      ["the user's organization", (cache: ReturnType<typeof createPermissionCache>) => cache.invalidateOrganization(partner.id)],
      ["the place's organization", (cache: ReturnType<typeof createPermissionCache>) => cache.invalidateOrganization(customer.id)],
      ["everything (clear)", (cache: ReturnType<typeof createPermissionCache>) => cache.clear()],
    ] as const;

    for (const [what, invalidate] of invalidations) {
      it(`an invalidation of ${what} between the stamp and the set drops the set`, () => {
        const cache = createPermissionCache();
        const stamp = cache.stamp(); // the read begins…
        invalidate(cache); // …a change commits and invalidates…
        expect(cache.set(annRef, atCustomer, annAtPartner, stamp)).toBe(false); // …and the old answer is not kept
        expect(cache.get(annRef, atCustomer, now)).toBeUndefined();
        expect(cache.size).toBe(0);
      });

      it(`an invalidation of ${what} before the stamp does not`, () => {
        const cache = createPermissionCache();
        invalidate(cache);
        const stamp = cache.stamp();
        expect(cache.set(annRef, atCustomer, annAtPartner, stamp)).toBe(true);
        expect(cache.get(annRef, atCustomer, now)).toBe(annAtPartner);
      });
    }

    it("invalidations of other users and organizations between the stamp and the set do not", () => {
      const cache = createPermissionCache();
      const stamp = cache.stamp();
      cache.invalidateUsers(["usr_bob"]);
      cache.invalidateOrganization(stranger.id);
      expect(cache.set(annRef, atCustomer, annAtPartner, stamp)).toBe(true);
      expect(cache.get(annRef, atCustomer, now)).toBe(annAtPartner);
    });

    it("a read that began before the last invalidation of an older entry's organization still cannot revive it", () => {
      const cache = createPermissionCache();
      const early = cache.stamp();
      fill(cache, annRef, atCustomer);
      cache.invalidateOrganization(customer.id);
      expect(cache.set(annRef, atCustomer, annAtPartner, early)).toBe(false);
      expect(cache.get(annRef, atCustomer, now)).toBeUndefined();
    });

    it("with the invalidation log full, a read stamped before a forgotten invalidation counts as concerned", () => {
      const cache = createPermissionCache({ maxTrackedInvalidations: 1 });
      const stamp = cache.stamp();
      cache.invalidateUsers(["usr_ann"]);
      cache.invalidateUsers(["usr_bob"]); // usr_ann's invalidation is forgotten
      expect(cache.set(annRef, atCustomer, annAtPartner, stamp)).toBe(false);
      const after = cache.stamp();
      expect(cache.set(annRef, atCustomer, annAtPartner, after)).toBe(true);
      // Forgetting an organization's invalidation drops the entries computed before it.
      cache.invalidateOrganization(stranger.id);
      cache.invalidateOrganization(partner.id); // the stranger's is forgotten
      expect(cache.get(annRef, atCustomer, now)).toBeUndefined();
    });
  });
});

// A reference model: users with a fixed organization, places (organizations, the same zone id in two
// organizations, the platform), and a world whose every change bumps a version and invalidates what it
// concerns. Reads are stamped, may read the world later, and set later still.
const USERS = 4;
const ORGS = 3;
const homeOf = (user: number): number => user % 2;
const orgId = (org: number): OrganizationId => `org_${org}` as OrganizationId;
const PLACES: readonly (PermissionCachePlace & { readonly target: number | null })[] = [
  { organizationId: orgId(0), target: 0 },
  { organizationId: orgId(1), target: 1 },
  { organizationId: orgId(2), target: 2 },
  { organizationId: orgId(0), scope: zone("z"), target: 0 },
  { organizationId: orgId(1), scope: zone("z"), target: 1 },
  { organizationId: null, scope: PLATFORM_SCOPE, target: null },
];

type Step =
  | { readonly kind: "begin"; readonly user: number; readonly place: number }
  | { readonly kind: "read"; readonly which: number }
  | { readonly kind: "end"; readonly which: number }
  | { readonly kind: "get"; readonly user: number; readonly place: number; readonly asOf: number }
  | { readonly kind: "user"; readonly user: number; readonly also: number; readonly blockHours: number; readonly needless: boolean }
  | { readonly kind: "organization"; readonly org: number; readonly needless: boolean }
  | { readonly kind: "catalog" }
  | { readonly kind: "time"; readonly hours: number };

const nat = (max: number) => fc.nat(max);
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("begin" as const), user: nat(USERS - 1), place: nat(PLACES.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("read" as const), which: nat(7) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("end" as const), which: nat(7) }) },
  // `asOf`: 0 asks as the user of their own organization; otherwise as a user of another one.
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("get" as const), user: nat(USERS - 1), place: nat(PLACES.length - 1), asOf: nat(4) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("user" as const), user: nat(USERS - 1), also: nat(USERS), blockHours: nat(3), needless: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("organization" as const), org: nat(ORGS - 1), needless: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: "catalog" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("time" as const), hours: nat(2) }) },
);

interface Computed {
  readonly value: string;
  readonly validUntil: Date | null;
}

describe("permission cache against a reference model", () => {
  test.prop(
    [fc.array(stepArbitrary, { minLength: 1, maxLength: 80 }), fc.constantFrom(1_000, 3), fc.constantFrom(100_000, 0, 1, 2)],
    { numRuns: 1_000 },
  )("an answer is always what a fresh computation after the last invalidation gives; with room, exactly what was last set", (steps, maxEntries, maxTrackedInvalidations) => {
    const cache = createPermissionCache({ maxEntries, maxTrackedInvalidations });
    const exact = maxEntries === 1_000 && maxTrackedInvalidations === 100_000;
    const userVersion = new Array<number>(USERS).fill(0);
    const blockedUntil = new Array<number | null>(USERS).fill(null);
    const orgVersion = new Array<number>(ORGS).fill(0);
    let catalogVersion = 0;
    let clock = now.getTime();
    /** Every invalidation so far: which users and organizations it concerned (`all` for a clear). */
    const log: { readonly users: readonly number[]; readonly orgs: readonly number[]; readonly all: boolean }[] = [];
    const pending: { user: number; place: number; stamp: ReturnType<typeof cache.stamp>; logLength: number; computed?: Computed }[] = [];
    /** What the cache must hold, by `user/place`, when it has room (`exact`). */
    const model = new Map<string, Computed>();

    const fresh = (user: number, place: number): Computed => {
      const { target } = PLACES[place]!;
      const until = blockedUntil[user] ?? null;
      const blocked = until !== null && clock < until;
      const value = [user, place, userVersion[user], orgVersion[homeOf(user)], target === null ? "-" : orgVersion[target], catalogVersion, blocked].join("/");
      return { value, validUntil: blocked ? new Date(until) : null };
    };
    const concerns = (entry: (typeof log)[number], user: number, place: number): boolean => {
      const { target } = PLACES[place]!;
      return entry.all || entry.users.includes(user) || entry.orgs.includes(homeOf(user)) || (target !== null && entry.orgs.includes(target));
    };
    const forget = (entry: (typeof log)[number]): void => {
      log.push(entry);
      for (const key of [...model.keys()]) {
        const [user, place] = key.split("/").map(Number) as [number, number];
        if (concerns(entry, user, place)) model.delete(key);
      }
    };
    const asPermissions = (computed: Computed) => computed as unknown as EffectivePermissions;

    for (const step of steps) {
      switch (step.kind) {
        case "begin":
          pending.push({ user: step.user, place: step.place, stamp: cache.stamp(), logLength: log.length });
          break;
        case "read": {
          const read = pending[step.which % Math.max(pending.length, 1)];
          if (read !== undefined) read.computed ??= fresh(read.user, read.place);
          break;
        }
        case "end": {
          if (pending.length === 0) break;
          const [read] = pending.splice(step.which % pending.length, 1) as [(typeof pending)[number]];
          const computed = read.computed ?? fresh(read.user, read.place);
          const stored = cache.set(userOf(orgId(homeOf(read.user)), `usr_${read.user}`), PLACES[read.place]!, asPermissions(computed), read.stamp);
          const current = log.slice(read.logLength).every((entry) => !concerns(entry, read.user, read.place));
          // Never stored when a change that concerns it happened since the stamp; always stored otherwise when nothing is forgotten.
          if (stored) expect(current).toBe(true);
          if (maxTrackedInvalidations === 100_000) expect(stored).toBe(current);
          if (stored) {
            model.set(`${read.user}/${read.place}`, computed);
            // The same user id asked about as a user of another organization holds nothing.
            const elsewhere = userOf(orgId((homeOf(read.user) + 1) % ORGS), `usr_${read.user}`);
            expect(cache.get(elsewhere, PLACES[read.place]!, new Date(clock))).toBeUndefined();
          }
          break;
        }
        case "get": {
          const asUserOf = step.asOf === 0 ? homeOf(step.user) : (homeOf(step.user) + step.asOf) % ORGS;
          const at = new Date(clock);
          const cached = cache.get(userOf(orgId(asUserOf), `usr_${step.user}`), PLACES[step.place]!, at) as unknown as Computed | undefined;
          if (asUserOf !== homeOf(step.user)) {
            expect(cached).toBeUndefined();
            break;
          }
          if (cached !== undefined) {
            expect(cached.validUntil === null || cached.validUntil.getTime() > clock).toBe(true);
            expect(cached).toEqual(fresh(step.user, step.place));
          }
          if (exact) {
            const held = model.get(`${step.user}/${step.place}`);
            expect(cached).toEqual(held !== undefined && (held.validUntil === null || held.validUntil.getTime() > clock) ? held : undefined);
          }
          break;
        }
        case "user": {
          const users = step.also === USERS || step.also === step.user ? [step.user] : [step.user, step.also];
          if (!step.needless) {
            userVersion[step.user]! += 1;
            blockedUntil[step.user] = step.blockHours === 0 ? null : clock + step.blockHours * 3_600_000;
          }
          cache.invalidateUsers(users.map((user) => `usr_${user}`));
          forget({ users, orgs: [], all: false });
          break;
        }
        case "organization":
          if (!step.needless) orgVersion[step.org]! += 1;
          cache.invalidateOrganization(orgId(step.org));
          forget({ users: [], orgs: [step.org], all: false });
          break;
        case "catalog":
          catalogVersion += 1;
          cache.clear();
          forget({ users: [], orgs: [], all: true });
          break;
        case "time":
          clock += step.hours * 3_600_000 + 1;
          break;
      }
    }
  });
});
