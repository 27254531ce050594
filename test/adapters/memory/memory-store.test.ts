import { err, ok } from "neverthrow";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { GroupId, UserId } from "../../../src/model/ids.js";
import type { ConflictError, DuplicateError, ValidationError } from "../../../src/model/tenure-error.js";
import { TenureErrors } from "../../../src/model/tenure-error.js";
import type { User } from "../../../src/model/user.js";
import type { TenureStore } from "../../../src/ports/tenure-store.js";
import { createMemoryStore, type MemoryNative } from "../../../src/adapters/memory/memory-store.js";
import { ORG_A, latch, makeGroup, makeUser, storeWith, unwrap } from "./fixtures.js";

describe("memory store: the store itself", () => {
  it("is a TenureStore whose transaction infers the work's result, errors of every path included", async () => {
    const store = await storeWith();
    expectTypeOf(store).toExtend<TenureStore<Record<never, never>, Record<never, never>, MemoryNative>>();
    const result = await store.transaction(async (tx) =>
      Math.random() > 2 ? err(TenureErrors.validation([])) : tx.users.insert(makeUser("ann")),
    );
    expectTypeOf(result).toEqualTypeOf<import("neverthrow").Result<User, ValidationError | DuplicateError | ConflictError>>();
    expect(result.isOk()).toBe(true);
  });

  it("hands host ports a native handle naming the transaction", async () => {
    const store = createMemoryStore();
    const natives = await Promise.all([0, 1].map(() => store.transaction(async (tx) => ok(tx.native))));
    const [first, second] = natives.map(unwrap);
    expect(first).toMatchObject({ kind: "memory" });
    expect(first?.transactionId).not.toBe(second?.transactionId);
  });

  it("refuses new transactions once closed", async () => {
    const store = createMemoryStore();
    await store.close();
    await expect(store.transaction(async () => ok(undefined))).rejects.toThrow(/closed/);
  });

  it("keeps group membership consistent per snapshot while members change (multi-key index)", async () => {
    const store = await storeWith([makeUser("ann"), makeUser("bob")]);
    unwrap(await store.transaction(async (tx) => tx.groups.insert(makeGroup("g1", ["ann"]))));
    const hold = latch();
    const started = latch();
    const reader = store.transaction(async (tx) => {
      started.release();
      await hold.wait;
      return ok({
        ann: (await tx.groups.listForMember(ORG_A, "ann" as UserId)).map((group) => group.id),
        bob: (await tx.groups.listForMember(ORG_A, "bob" as UserId)).map((group) => group.id),
      });
    });
    await started.wait;
    for (const members of [["bob"], ["ann", "bob"], ["bob"]]) {
      unwrap(
        await store.transaction(async (tx) => {
          const group = await tx.groups.get(ORG_A, "g1" as GroupId);
          return tx.groups.update({ ...group!, memberIds: members as UserId[] });
        }),
      );
    }
    const now = unwrap(
      await store.transaction(async (tx) =>
        ok({
          ann: (await tx.groups.listForMember(ORG_A, "ann" as UserId)).map((group) => group.id),
          bob: (await tx.groups.listForMember(ORG_A, "bob" as UserId)).map((group) => group.id),
        }),
      ),
    );
    expect(now).toEqual({ ann: [], bob: ["g1"] });
    hold.release();
    expect(unwrap(await reader)).toEqual({ ann: ["g1"], bob: [] });
    expect(store.stats().pendingPrunes).toBe(0);
  });

  it("a large transaction's lookups see its own writes without scanning them", async () => {
    const store = await storeWith();
    const found = unwrap(
      await store.transaction(async (tx) => {
        for (let index = 0; index < 2000; index += 1) {
          const inserted = await tx.users.insert(makeUser(`u${index}`, { email: `user${index % 1000}@example.com` }));
          if (inserted.isErr()) return err(inserted.error);
          const same = await tx.users.findByEmail(ORG_A, `USER${index % 1000}@example.com`);
          if (same.length !== (index < 1000 ? 1 : 2)) return err(TenureErrors.validation([]));
        }
        return ok((await tx.users.findByEmail(ORG_A, "user7@example.com")).map((user) => user.id));
      }),
    );
    expect(found).toEqual(["u1007", "u7"]);
  });
});
