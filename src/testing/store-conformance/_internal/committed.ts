import { ok } from "neverthrow";
import type { ConformanceStore, ConformanceTransaction } from "../conformance-options.js";
import { expectOk } from "./results.js";

/**
 * Runs `work` in a transaction that must commit, and returns what the work returned. An assertion
 * failing inside the work throws, which rolls the transaction back and fails the test.
 */
export async function committed<T>(store: ConformanceStore, work: (tx: ConformanceTransaction) => Promise<T>): Promise<T> {
  const result = await store.transaction(async (tx) => ok(await work(tx)));
  return expectOk(result, "transaction");
}
