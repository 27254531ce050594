/**
 * The access queries against the store: a permission check that read before a concurrent block
 * committed cannot leave its stale answer in the cache; a user id asked about in another organization
 * holds nothing there, cached or not; malformed inputs are answered, never thrown. Runs on every store.
 */
import { describe, expect, it } from "vitest";
import { createManualClock, createTenure, userActor, type OrganizationId, type UserId } from "tenure";
import type { StoreTransaction } from "../../src/ports/tenure-store.js";
import { catalog, sequentialIds } from "./_harness.js";
import { seedUserInto } from "./_seed-user.js";
import { createTestStore, TEST_STORE, type TestStore } from "./_test-store.js";

/** Where a held transaction waits: after its last read (while still open), or after it has returned. */
type HoldPoint = "inside" | "after";

/** A hold on the next transaction that starts: `reached` once it waits, `release` lets it go on. */
interface Hold {
  readonly reached: Promise<void>;
  release(): void;
}

/**
 * A store that can hold the next transaction: `inside` waits after its `assignments.listForPrincipals`
 * (the last read of a permission check) with the transaction still open; `after` waits once it returned.
 */
function holdableStore(inner: TestStore): { readonly store: TestStore; holdNext(point: HoldPoint): Hold; readonly transactions: number } {
  let transactions = 0;
  let armed: { readonly point: HoldPoint; readonly reached: () => void; readonly released: Promise<void> } | null = null;
  type Work = (tx: StoreTransaction<Record<never, never>, Record<never, never>>) => Promise<never>;
  const holding = (tx: StoreTransaction<Record<never, never>, Record<never, never>>, hold: NonNullable<typeof armed>) => {
    const assignments = new Proxy(tx.assignments, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== "function") return value;
        if (key !== "listForPrincipals") return value.bind(target);
        return async (...args: unknown[]) => {
          const read = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          hold.reached();
          await hold.released;
          return read;
        };
      },
    });
    return new Proxy(tx, { get: (target, key) => (key === "assignments" ? assignments : Reflect.get(target, key)) });
  };
  const store: TestStore = {
    transaction: ((work: Work) => {
      transactions += 1;
      const hold = armed;
      armed = null;
      if (hold === null) return inner.transaction(work);
      if (hold.point === "inside") return inner.transaction((tx) => work(holding(tx, hold)));
      return inner.transaction(work).then(async (result) => {
        hold.reached();
        await hold.released;
        return result;
      });
    }) as TestStore["transaction"],
    snapshot: () => inner.snapshot(),
    close: () => inner.close(),
  };
  return {
    store,
    holdNext(point) {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      armed = { point, reached, released };
      return { reached: reachedPromise, release };
    },
    get transactions() {
      return transactions;
    },
  };
}

/** A partner with its admin and a customer with its admin, on a store whose transactions can be held. */
async function setup() {
  const clock = createManualClock(new Date("2026-03-02T09:00:00Z"));
  const holdable = holdableStore(await createTestStore());
  const tenure = createTenure({ catalog, store: holdable.store, clock, ids: sequentialIds(), links: () => "https://app.example/link" });
  const system = { type: "system", name: "setup" } as const;
  const partner = (await tenure.organizations.create(system, { name: "Partner Co", kind: "partner" }))._unsafeUnwrap();
  const customer = (await tenure.organizations.create(system, { name: "Customer Co", kind: "customer", partnerId: partner.id }))._unsafeUnwrap();
  const seed = (organizationId: OrganizationId, username: string, role: string) =>
    seedUserInto(holdable.store, clock, { organizationId, username, roles: [{ role }] });
  return {
    tenure,
    holdable,
    partner,
    customer,
    partnerAdmin: await seed(partner.id, "padmin", "company_admin"),
    customerAdmin: await seed(customer.id, "cadmin", "company_admin"),
    seed,
  };
}

const holdPoints: readonly HoldPoint[] = TEST_STORE === "pglite" ? ["after"] : ["after", "inside"];

describe("a permission check that races a block cannot leave a stale answer behind", () => {
  for (const point of holdPoints) {
    it(`can reads before the block commits, caches after the block invalidated (held ${point === "inside" ? "inside its open read transaction" : "after its read"}): afterwards can is false and agrees with explain`, async () => {
      const world = await setup();
      const ada = await world.seed(world.customer.id, "ada", "company_admin");
      const adaRef = { organizationId: world.customer.id, userId: ada.id };
      const here = { organizationId: world.customer.id };

      const hold = world.holdable.holdNext(point);
      const racing = world.tenure.access.can(adaRef, "users.manage", here);
      await hold.reached; // ada's rows are read: she is active
      const blocked = await world.tenure.accounts.block(userActor(world.customer.id, world.customerAdmin.id), {
        organizationId: world.customer.id, userId: ada.id, expectedVersion: ada.version, until: null,
      });
      expect(blocked._unsafeUnwrap().account.status).toBe("blocked"); // committed, and the cache was told
      hold.release();
      expect(await racing).toBe(true); // the answer as of its read

      expect(await world.tenure.access.can(adaRef, "users.manage", here)).toBe(false);
      expect((await world.tenure.access.effective(adaRef, here))._unsafeUnwrap().has("users.manage")).toBe(false);
      const explained = (await world.tenure.access.explain(adaRef, "users.manage", here))._unsafeUnwrap();
      expect(explained).toMatchObject({ allowed: false, reason: { code: "blocked", until: null } });
    });
  }

  it("a check that starts after the block committed caches the blocked answer as usual", async () => {
    const world = await setup();
    const ada = await world.seed(world.customer.id, "ada", "company_admin");
    const adaRef = { organizationId: world.customer.id, userId: ada.id };
    const here = { organizationId: world.customer.id };
    expect(await world.tenure.access.can(adaRef, "users.manage", here)).toBe(true);
    (await world.tenure.accounts.block(userActor(world.customer.id, world.customerAdmin.id), {
      organizationId: world.customer.id, userId: ada.id, expectedVersion: ada.version, until: null,
    }))._unsafeUnwrap();
    expect(await world.tenure.access.can(adaRef, "users.manage", here)).toBe(false);
    // Cached now: the next check needs no transaction.
    const before = world.holdable.transactions;
    expect(await world.tenure.access.can(adaRef, "users.manage", here)).toBe(false);
    expect(world.holdable.transactions).toBe(before);
  });
});

describe("a user id asked about as a user of another organization holds nothing there", () => {
  it("can({ organizationId: B, userId: adminOfA }) is false after A's entry is cached, wherever it is asked", async () => {
    const world = await setup();
    const manager = await world.seed(world.partner.id, "pman", "customer_manager");
    for (const admin of [world.partnerAdmin, manager]) {
      for (const place of [{ organizationId: world.partner.id }, { organizationId: world.customer.id }]) {
        const asTheirs = { organizationId: world.partner.id, userId: admin.id };
        const asCustomers = { organizationId: world.customer.id, userId: admin.id };
        const held = await world.tenure.access.can(asTheirs, "users.manage", place);
        // The partner's admin manages the partner; its customer manager manages the customer (a role delegated to customers).
        const manages = admin.id === manager.id ? world.customer.id : world.partner.id;
        expect(held, `${admin.id} at ${place.organizationId}`).toBe(place.organizationId === manages);
        expect(await world.tenure.access.can(asCustomers, "users.manage", place)).toBe(false);
        expect((await world.tenure.access.effective(asCustomers, place))._unsafeUnwrapErr()).toMatchObject({ code: "not_found", entity: "user", id: admin.id });
        expect((await world.tenure.access.explain(asCustomers, "users.manage", place))._unsafeUnwrapErr()).toMatchObject({ code: "not_found", entity: "user" });
        // …and the organization's own entry is untouched.
        expect(await world.tenure.access.can(asTheirs, "users.manage", place)).toBe(held);
      }
    }
  });
});

describe("access queries parse every input first: malformed input is an answer, never a throw", () => {
  const bad = (value: unknown) => value as never;

  it("effective and explain return a validation error naming the field; can says false", async () => {
    const world = await setup();
    const ok = { organizationId: world.partner.id, userId: world.partnerAdmin.id };
    const here = { organizationId: world.partner.id };
    const cases: readonly { readonly user: unknown; readonly place: unknown; readonly permission: unknown; readonly field: string }[] = [
      { user: { organizationId: 42, userId: world.partnerAdmin.id }, place: here, permission: "users.manage", field: "user.organizationId" },
      { user: { organizationId: world.partner.id, userId: { id: "x" } }, place: here, permission: "users.manage", field: "user.userId" },
      { user: { organizationId: world.partner.id, userId: "has spaces" }, place: here, permission: "users.manage", field: "user.userId" },
      { user: null, place: here, permission: "users.manage", field: "user" },
      { user: ok, place: { organizationId: null }, permission: "users.manage", field: "place.organizationId" },
      { user: ok, place: { organizationId: world.partner.id, scope: { kind: "Zone!", id: "z1" } }, permission: "users.manage", field: "place.scope.kind" },
      { user: ok, place: { organizationId: world.partner.id, scope: "zone:z1" }, permission: "users.manage", field: "place.scope" },
      { user: ok, place: undefined, permission: "users.manage", field: "place" },
    ];
    for (const input of cases) {
      expect(await world.tenure.access.can(bad(input.user), "users.manage", bad(input.place))).toBe(false);
      const effective = await world.tenure.access.effective(bad(input.user), bad(input.place));
      expect(effective._unsafeUnwrapErr(), input.field).toMatchObject({ code: "validation", field: input.field });
      const explained = await world.tenure.access.explain(bad(input.user), "users.manage", bad(input.place));
      expect(explained._unsafeUnwrapErr(), input.field).toMatchObject({ code: "validation", field: input.field });
    }
    expect(await world.tenure.access.can(ok, bad(7), here)).toBe(false);
    expect((await world.tenure.access.explain(ok, bad(7), here))._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "permission" });
    // Well-formed again: answered as usual.
    expect(await world.tenure.access.can(ok, "users.manage", here)).toBe(true);
    expect((await world.tenure.access.explain(ok, bad("no.such"), here))._unsafeUnwrap()).toMatchObject({ allowed: false, reason: { code: "unknown_permission" } });
  });

  it("ids of the right shape that name nobody are not found", async () => {
    const world = await setup();
    const nobody = { organizationId: world.partner.id, userId: "usr_nobody" as UserId };
    expect(await world.tenure.access.can(nobody, "users.manage", { organizationId: world.partner.id })).toBe(false);
    expect((await world.tenure.access.effective(nobody, { organizationId: "org_nowhere" as OrganizationId }))._unsafeUnwrapErr()).toMatchObject({
      code: "not_found",
      entity: "organization",
    });
  });
});
