import { ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import type { UserId } from "../../../src/model/ids.js";
import { userQuerySchema } from "../../../src/model/user-query.js";
import { ORG_A, latch, makeUser, storeWith, unwrap } from "./fixtures.js";

const ann = "ann" as UserId;

async function rename(store: Awaited<ReturnType<typeof storeWith>>, fullName: string): Promise<void> {
  unwrap(
    await store.transaction(async (tx) => {
      const user = await tx.users.get(ORG_A, ann);
      return tx.users.update({ ...user!, fullName });
    }),
  );
}

describe("memory store: version pruning", () => {
  it("keeps one version per record after many sequential updates", async () => {
    const store = await storeWith([makeUser("ann")]);
    const baseline = store.stats().retainedVersions;
    for (let index = 0; index < 500; index += 1) await rename(store, `Name ${index}`);
    expect(store.stats()).toMatchObject({ retainedVersions: baseline, pendingPrunes: 0, openTransactions: 0 });
  });

  it("keeps old versions only while an open snapshot may read them", async () => {
    const store = await storeWith([makeUser("ann")]);
    const baseline = store.stats().retainedVersions;
    const release = latch();
    const readerStarted = latch();
    const reader = store.transaction(async (tx) => {
      await tx.users.get(ORG_A, ann);
      readerStarted.release();
      await release.wait;
      return ok(await tx.users.get(ORG_A, ann));
    });
    await readerStarted.wait;
    for (let index = 0; index < 100; index += 1) await rename(store, `Name ${index}`);
    expect(store.stats().retainedVersions).toBeGreaterThan(baseline);
    release.release();
    expect(unwrap(await reader)?.fullName).toBe("User ann");
    expect(store.stats()).toMatchObject({ retainedVersions: baseline, pendingPrunes: 0 });
  });

  it("drops deleted records and their index entries once no snapshot needs them", async () => {
    const store = await storeWith();
    const baseline = store.stats().retainedVersions;
    for (let round = 0; round < 50; round += 1) {
      unwrap(await store.transaction(async (tx) => tx.users.insert(makeUser(`u${round}`, { username: "same" }))));
      unwrap(await store.transaction(async (tx) => tx.users.delete(ORG_A, `u${round}` as UserId, 0)));
    }
    expect(store.stats().retainedVersions).toBe(baseline);
    const page = unwrap(await store.transaction(async (tx) => tx.users.list(ORG_A, userQuerySchema.parse({}))));
    expect(page.items).toEqual([]);
  });

  it("a renamed user appears once in a list at its new position, also while old versions are retained", async () => {
    const store = await storeWith([makeUser("ann", { fullName: "Ann" }), makeUser("bob", { fullName: "Bob" })]);
    const hold = latch();
    const holding = store.transaction(async () => {
      await hold.wait;
      return ok(undefined);
    });
    await rename(store, "Zoe");
    const names = unwrap(await store.transaction(async (tx) => tx.users.list(ORG_A, userQuerySchema.parse({})))).items.map(
      (user) => user.fullName,
    );
    expect(names).toEqual(["Bob", "Zoe"]);
    hold.release();
    await holding;
  });
});
