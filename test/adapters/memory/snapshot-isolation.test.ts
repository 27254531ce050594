import { err, ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import { userQuerySchema } from "../../../src/model/user-query.js";
import { TenureErrors } from "../../../src/model/tenure-error.js";
import type { UserId } from "../../../src/model/ids.js";
import { ORG_A, latch, makeToken, makeUser, storeWith, unwrap } from "./fixtures.js";

const ann = "ann" as UserId;

describe("memory store: snapshot isolation", () => {
  it("two transactions update the same user: the second to commit conflicts and its change is lost entirely", async () => {
    const store = await storeWith([makeUser("ann")]);
    const bothRead = latch();
    const firstCommitted = latch();
    let reads = 0;
    const readThenWait = async (): Promise<void> => {
      reads += 1;
      if (reads === 2) bothRead.release();
      await bothRead.wait;
    };
    const first = store.transaction(async (tx) => {
      const user = await tx.users.get(ORG_A, ann);
      await readThenWait();
      return tx.users.update({ ...user!, fullName: "First" });
    });
    const second = store.transaction(async (tx) => {
      const user = await tx.users.get(ORG_A, ann);
      await readThenWait();
      const updated = await tx.users.update({ ...user!, fullName: "Second" });
      await firstCommitted.wait;
      return updated;
    });
    const firstResult = await first;
    firstCommitted.release();
    const secondResult = await second;

    expect(unwrap(firstResult).version).toBe(1);
    expect(secondResult.isErr() && secondResult.error.code).toBe("conflict");
    const stored = unwrap(await store.transaction(async (tx) => ok(await tx.users.get(ORG_A, ann))));
    expect(stored).toMatchObject({ fullName: "First", version: 1 });
  });

  it("an update made after another transaction committed a change is refused at once with both versions", async () => {
    const store = await storeWith([makeUser("ann")]);
    const read = latch();
    const otherCommitted = latch();
    const slow = store.transaction(async (tx) => {
      const user = await tx.users.get(ORG_A, ann);
      read.release();
      await otherCommitted.wait;
      return tx.users.update({ ...user!, fullName: "Slow" });
    });
    await read.wait;
    unwrap(
      await store.transaction(async (tx) => {
        const user = await tx.users.get(ORG_A, ann);
        return tx.users.update({ ...user!, fullName: "Fast" });
      }),
    );
    otherCommitted.release();
    const result = await slow;
    expect(result.isErr() && result.error).toMatchObject({ code: "conflict", entity: "user", id: "ann", expectedVersion: 0, actualVersion: 1 });
  });

  it("a transaction does not see a commit made after its snapshot, but a later transaction does", async () => {
    const store = await storeWith([makeUser("ann")]);
    const started = latch();
    const otherCommitted = latch();
    const observer = store.transaction(async (tx) => {
      const before = await tx.users.get(ORG_A, ann);
      started.release();
      await otherCommitted.wait;
      const after = await tx.users.get(ORG_A, ann);
      const bob = await tx.users.get(ORG_A, "bob" as UserId);
      const byUsername = await tx.users.findByUsername(ORG_A, "bob");
      const listed = unwrap(await tx.users.list(ORG_A, userQuerySchema.parse({})));
      return ok({ before, after, bob, byUsername, listed: listed.items.map((user) => user.id) });
    });
    await started.wait;
    unwrap(
      await store.transaction(async (tx) => {
        const user = await tx.users.get(ORG_A, ann);
        const updated = await tx.users.update({ ...user!, fullName: "Renamed" });
        if (updated.isErr()) return err(updated.error);
        return tx.users.insert(makeUser("bob"));
      }),
    );
    otherCommitted.release();
    const seen = unwrap(await observer);
    expect(seen.before?.fullName).toBe("User ann");
    expect(seen.after?.fullName).toBe("User ann");
    expect(seen.bob).toBeNull();
    expect(seen.byUsername).toBeNull();
    expect(seen.listed).toEqual(["ann"]);
    const now = unwrap(await store.transaction(async (tx) => ok(await tx.users.get(ORG_A, ann))));
    expect(now?.fullName).toBe("Renamed");
  });

  it("reads see the transaction's own writes: get, finders, list and deletion", async () => {
    const store = await storeWith([makeUser("ann"), makeUser("cid")]);
    const seen = unwrap(
      await store.transaction(async (tx) => {
        unwrap(await tx.users.insert(makeUser("bob", { email: "BOB@example.com", fullName: "Bob Builder" })));
        const ann0 = await tx.users.get(ORG_A, ann);
        unwrap(await tx.users.update({ ...ann0!, fullName: "Zed Ann" }));
        unwrap(await tx.users.delete(ORG_A, "cid" as UserId, 0));
        return ok({
          bob: await tx.users.get(ORG_A, "bob" as UserId),
          byEmail: (await tx.users.findByEmail(ORG_A, "bob@EXAMPLE.com")).map((user) => user.id),
          byName: (await tx.users.findByFullName(ORG_A, "BOB BUILDER")).map((user) => user.id),
          byUsername: (await tx.users.findByUsername(ORG_A, "BOB"))?.id,
          cid: await tx.users.get(ORG_A, "cid" as UserId),
          listed: unwrap(await tx.users.list(ORG_A, userQuerySchema.parse({}))).items.map((user) => user.fullName),
        });
      }),
    );
    expect(seen.bob?.id).toBe("bob");
    expect(seen.byEmail).toEqual(["bob"]);
    expect(seen.byName).toEqual(["bob"]);
    expect(seen.byUsername).toBe("bob");
    expect(seen.cid).toBeNull();
    expect(seen.listed).toEqual(["Bob Builder", "Zed Ann"]);
  });

  it("a work that returns Err leaves nothing behind", async () => {
    const store = await storeWith([makeUser("ann")]);
    const before = store.snapshot();
    const result = await store.transaction(async (tx) => {
      unwrap(await tx.users.insert(makeUser("bob")));
      const user = await tx.users.get(ORG_A, ann);
      unwrap(await tx.users.update({ ...user!, fullName: "Changed" }));
      return err(TenureErrors.forbidden("test", "no"));
    });
    expect(result.isErr() && result.error.code).toBe("forbidden");
    expect(store.snapshot()).toEqual(before);
  });

  it("a work that throws leaves nothing behind and the error is rethrown", async () => {
    const store = await storeWith([makeUser("ann")]);
    const before = store.snapshot();
    const boom = new Error("boom");
    await expect(
      store.transaction(async (tx) => {
        unwrap(await tx.users.insert(makeUser("bob")));
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(store.snapshot()).toEqual(before);
    expect(store.stats().openTransactions).toBe(0);
  });

  it("two transactions inserting the same username (different ids) at once: one commits, the other conflicts", async () => {
    const store = await storeWith();
    const bothInserted = latch();
    let inserted = 0;
    const insert = (id: string, username: string) =>
      store.transaction(async (tx) => {
        const result = await tx.users.insert(makeUser(id, { username }));
        inserted += 1;
        if (inserted === 2) bothInserted.release();
        await bothInserted.wait;
        return result;
      });
    const results = await Promise.all([insert("u1", "Anna"), insert("u2", "anna")]);
    expect(results.map((result) => (result.isOk() ? "ok" : result.error.code))).toEqual(["ok", "conflict"]);
    const conflict = results[1]!;
    expect(conflict.isErr() && conflict.error).toMatchObject({ entity: "user", id: "u2" });
    const snapshot = store.snapshot();
    expect(snapshot.users.map((user) => user.id)).toEqual(["u1"]);
  });

  it("the same username in two organizations is no conflict", async () => {
    const store = await storeWith();
    const results = await Promise.all([
      store.transaction(async (tx) => tx.users.insert(makeUser("u1", { username: "anna" }))),
      store.transaction(async (tx) => tx.users.insert(makeUser("u2", { username: "anna", organizationId: "org_b" as never }))),
    ]);
    expect(results.every((result) => result.isOk())).toBe(true);
  });

  it("two transactions consuming one token: exactly one succeeds", async () => {
    const store = await storeWith();
    unwrap(await store.transaction(async (tx) => tx.tokens.insert(makeToken("t1"))));
    const bothConsumed = latch();
    let consumed = 0;
    const consume = () =>
      store.transaction(async (tx) => {
        const result = await tx.tokens.consume(ORG_A, makeToken("t1").id, new Date());
        consumed += 1;
        if (consumed === 2) bothConsumed.release();
        await bothConsumed.wait;
        return result;
      });
    const results = await Promise.all([consume(), consume(), store.transaction(async (tx) => tx.tokens.consume(ORG_A, makeToken("t1").id, new Date()))]);
    expect(results.filter((result) => result.isOk())).toHaveLength(1);
    expect(results.filter((result) => result.isErr() && result.error.code === "conflict")).toHaveLength(2);
  });

  it("read-only transactions never conflict, and disjoint writers both commit", async () => {
    const store = await storeWith([makeUser("ann"), makeUser("bob")]);
    const gate = latch();
    const update = (id: string) =>
      store.transaction(async (tx) => {
        const user = await tx.users.get(ORG_A, id as UserId);
        await gate.wait;
        return tx.users.update({ ...user!, fullName: `${id}!` });
      });
    const reader = store.transaction(async (tx) => {
      await gate.wait;
      return ok(await tx.users.get(ORG_A, ann));
    });
    const writers = [update("ann"), update("bob")];
    gate.release();
    const results = await Promise.all([...writers, reader]);
    expect(results.every((result) => result.isOk())).toBe(true);
  });

  it("a transaction used after it ended throws", async () => {
    const store = await storeWith();
    let leaked: Parameters<Parameters<typeof store.transaction>[0]>[0] | undefined;
    unwrap(
      await store.transaction(async (tx) => {
        leaked = tx;
        return ok(undefined);
      }),
    );
    await expect(leaked!.users.get(ORG_A, ann)).rejects.toThrow(/committed/);
  });
});
