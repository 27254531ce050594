import { ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import type { GroupId, UserId } from "../../../src/model/ids.js";
import { userQuerySchema } from "../../../src/model/user-query.js";
import { ORG_A, makeGroup, makeUser, storeWith, unwrap } from "./fixtures.js";

describe("memory store: records are copies", () => {
  it("mutating an inserted object, a returned object or its nested parts never changes the store", async () => {
    const user = makeUser("ann", { account: { status: "blocked", until: new Date("2026-02-01T00:00:00Z"), reason: null } });
    const store = await storeWith([user]);
    const before = store.snapshot();
    (user as { fullName: string }).fullName = "Mutated input";
    (user.account as { reason: string | null }).reason = "mutated";
    const returned = unwrap(
      await store.transaction(async (tx) => {
        const got = await tx.users.get(ORG_A, "ann" as UserId);
        const listed = unwrap(await tx.users.list(ORG_A, userQuerySchema.parse({}))).items;
        return ok({ got: got!, listed });
      }),
    );
    (returned.got as { fullName: string }).fullName = "Mutated output";
    if (returned.got.account.status === "blocked") returned.got.account.until?.setTime(0);
    (returned.listed[0] as { email: string }).email = "mutated@example.com";
    expect(store.snapshot()).toEqual(before);
  });

  it("Dates survive as Dates, and a group's member list is copied", async () => {
    const store = await storeWith([makeUser("ann")]);
    const group = makeGroup("g1", ["ann"]);
    const inserted = unwrap(await store.transaction(async (tx) => tx.groups.insert(group)));
    (inserted.memberIds as string[]).push("intruder");
    group.memberIds.push("intruder2" as UserId);
    const stored = unwrap(await store.transaction(async (tx) => ok(await tx.groups.get(ORG_A, "g1" as GroupId))));
    expect(stored?.memberIds).toEqual(["ann"]);
    expect(stored?.createdAt).toBeInstanceOf(Date);
    expect(store.snapshot().users[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("the snapshot is a deep copy sorted by key", async () => {
    const store = await storeWith([makeUser("c"), makeUser("a"), makeUser("b")]);
    const snapshot = store.snapshot();
    expect(snapshot.users.map((user) => user.id)).toEqual(["a", "b", "c"]);
    (snapshot.users[0] as { fullName: string }).fullName = "changed";
    expect(store.snapshot().users[0]?.fullName).toBe("User a");
  });
});
