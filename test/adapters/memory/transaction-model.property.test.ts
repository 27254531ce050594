import fc from "fast-check";
import { err, ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import type { StoreTransaction } from "../../../src/ports/tenure-store.js";
import type { UserId } from "../../../src/model/ids.js";
import { sortKey } from "../../../src/model/sort-key.js";
import { ORG_A, latch, makeUser, storeWith } from "./fixtures.js";

/**
 * Random rounds of concurrent transactions (each inserts, renames and deletes users, then commits, returns
 * Err or throws; all do their work before any commits, and they commit in a random order) leave the store
 * equal to a naive model of snapshot isolation with first-committer-wins applied to the same rounds: a
 * transaction conflicts if a key it wrote (user id or username) was changed by a transaction that
 * committed after its snapshot. Inserting and deleting the same key in one transaction changes nothing
 * for others (as in PostgreSQL).
 */

type Op =
  | { readonly type: "insert"; readonly id: string; readonly username: string }
  | { readonly type: "rename"; readonly id: string; readonly fullName: string }
  | { readonly type: "delete"; readonly id: string };
interface TransactionSpec {
  readonly ops: readonly Op[];
  readonly outcome: "commit" | "abort" | "throw";
}
interface ModelUser {
  readonly username: string;
  readonly fullName: string;
  readonly version: number;
}
type ModelState = ReadonlyMap<string, ModelUser>;

const ids = ["u1", "u2", "u3"];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant("insert" as const), id: fc.constantFrom(...ids), username: fc.constantFrom("ann", "Ann", "bob", "ｂob") }),
  fc.record({ type: fc.constant("rename" as const), id: fc.constantFrom(...ids), fullName: fc.constantFrom("A", "B", "C") }),
  fc.record({ type: fc.constant("delete" as const), id: fc.constantFrom(...ids) }),
);
const transactionArb: fc.Arbitrary<TransactionSpec> = fc.record({
  ops: fc.array(opArb, { minLength: 1, maxLength: 4 }),
  outcome: fc.constantFrom("commit", "commit", "commit", "abort", "throw"),
});
const roundArb = fc
  .array(transactionArb, { minLength: 1, maxLength: 3 })
  .chain((transactions) => fc.tuple(fc.constant(transactions), fc.shuffledSubarray(transactions.map((_, index) => index), { minLength: transactions.length })));

/** Applies one operation to a transaction's private model state; returns its outcome code and the keys written. */
function modelApply(state: Map<string, ModelUser>, op: Op): { readonly code: string; readonly writes: readonly string[] } {
  const current = state.get(op.id);
  switch (op.type) {
    case "insert": {
      if (current !== undefined) return { code: "duplicate", writes: [] };
      if ([...state.values()].some((user) => sortKey(user.username) === sortKey(op.username))) return { code: "duplicate", writes: [] };
      state.set(op.id, { username: op.username, fullName: `User ${op.id}`, version: 0 });
      return { code: "ok", writes: [op.id, `name:${sortKey(op.username)}`] };
    }
    case "rename":
      if (current === undefined) return { code: "not_found", writes: [] };
      state.set(op.id, { ...current, fullName: op.fullName, version: current.version + 1 });
      return { code: "ok", writes: [op.id] };
    case "delete":
      if (current === undefined) return { code: "not_found", writes: [] };
      state.delete(op.id);
      return { code: "ok", writes: [op.id, `name:${sortKey(current.username)}`] };
  }
}

/** Whether a state holds a user id or a username key (`name:…`). */
function holds(state: ModelState, key: string): boolean {
  if (!key.startsWith("name:")) return state.has(key);
  return [...state.values()].some((user) => `name:${sortKey(user.username)}` === key);
}

async function storeApply(tx: StoreTransaction<Record<never, never>, Record<never, never>>, op: Op): Promise<string> {
  const id = op.id as UserId;
  switch (op.type) {
    case "insert": {
      const result = await tx.users.insert(makeUser(op.id, { username: op.username }));
      return result.isOk() ? "ok" : result.error.code;
    }
    case "rename": {
      const user = await tx.users.get(ORG_A, id);
      if (user === null) return "not_found";
      const result = await tx.users.update({ ...user, fullName: op.fullName });
      return result.isOk() ? "ok" : result.error.code;
    }
    case "delete": {
      const user = await tx.users.get(ORG_A, id);
      if (user === null) return "not_found";
      const result = await tx.users.delete(ORG_A, id, user.version);
      return result.isOk() ? "ok" : result.error.code;
    }
  }
}

describe("memory store: transactions against a naive snapshot-isolation model (property)", () => {
  it("committed transactions apply, conflicting, aborted and throwing ones leave no trace", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(roundArb, { minLength: 1, maxLength: 6 }), async (rounds) => {
        const store = await storeWith();
        let model: ModelState = new Map();
        for (const [transactions, commitOrder] of rounds) {
          // The model: every transaction works on its own copy of the round's starting state.
          const planned = transactions.map((spec) => {
            const state = new Map(model);
            const outcomes = spec.ops.map((op) => modelApply(state, op));
            const writes = new Set(outcomes.flatMap((o) => o.writes));
            // A key deleted that its snapshot never held (inserted and deleted again) stays untouched for others.
            const effective = [...writes].filter((key) => holds(model, key) || holds(state, key));
            return { state, codes: outcomes.map((o) => o.code), writes, effective };
          });
          const expectedResults: string[] = new Array<string>(transactions.length);
          const committedWrites = new Set<string>();
          let next = new Map(model);
          for (const index of commitOrder) {
            const spec = transactions[index]!;
            const plan = planned[index]!;
            if (spec.outcome !== "commit") {
              expectedResults[index] = spec.outcome;
              continue;
            }
            if ([...plan.writes].some((key) => committedWrites.has(key))) {
              expectedResults[index] = "conflict";
              continue;
            }
            expectedResults[index] = plan.codes.join(",");
            for (const key of plan.effective) {
              committedWrites.add(key);
              if (key.startsWith("name:")) continue;
              const user = plan.state.get(key);
              if (user === undefined) next.delete(key);
              else next.set(key, user);
            }
          }

          // The store: all transactions do their work, then commit one by one in the chosen order.
          const allWorked = latch();
          const gates = transactions.map(() => latch());
          let worked = 0;
          const running = transactions.map((spec, index) =>
            store
              .transaction(async (tx) => {
                const codes: string[] = [];
                for (const op of spec.ops) codes.push(await storeApply(tx, op));
                worked += 1;
                if (worked === transactions.length) allWorked.release();
                await gates[index]!.wait;
                if (spec.outcome === "abort") return err("abort" as const);
                if (spec.outcome === "throw") throw new Error("throw");
                return ok(codes.join(","));
              })
              .then(
                (result) => (result.isOk() ? result.value : typeof result.error === "string" ? result.error : result.error.code),
                () => "throw",
              ),
          );
          await allWorked.wait;
          const actualResults: string[] = new Array<string>(transactions.length);
          for (const index of commitOrder) {
            gates[index]!.release();
            actualResults[index] = await running[index]!;
          }
          expect(actualResults).toEqual(expectedResults);
          model = next;
          next = new Map();
          const stored = store.snapshot().users.map((user) => [user.id, { username: user.username, fullName: user.fullName, version: user.version }]);
          expect(stored).toEqual([...model.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
        }
        expect(store.stats()).toMatchObject({ openTransactions: 0, pendingPrunes: 0 });
      }),
      { numRuns: 300 },
    );
  });
});
