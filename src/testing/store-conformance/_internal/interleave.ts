import type { Result } from "neverthrow";
import type { StoreError } from "../../../ports/tenure-store.js";
import type { ConformanceStore, ConformanceTransaction } from "../conformance-options.js";
import { createLatch } from "./latch.js";

/** One side of an interleaving: what it reads first, and what it then writes from what it read. */
export interface TwoPhaseWork<Read, Value, Failure> {
  readonly read: (tx: ConformanceTransaction) => Promise<Read>;
  readonly write: (tx: ConformanceTransaction, read: Read) => Promise<Result<Value, Failure>>;
}

/**
 * Runs two transactions so that both read before either writes: the first writes and commits, and
 * only then does the second write and try to commit. This is the schedule of a lost update; it never
 * makes one transaction wait for a lock the other holds, so it cannot deadlock a locking database.
 * Returns both transactions' results.
 */
export async function runInterleaved<R1, V1, F1, R2, V2, F2>(
  store: ConformanceStore,
  first: TwoPhaseWork<R1, V1, F1>,
  second: TwoPhaseWork<R2, V2, F2>,
): Promise<[Result<V1, F1 | StoreError>, Result<V2, F2 | StoreError>]> {
  const firstHasRead = createLatch("the first transaction to read");
  const secondHasRead = createLatch("the second transaction to read while the first is open");
  const firstHasSettled = createLatch("the first transaction to commit");

  const firstResult = store.transaction(async (tx) => {
    const read = await first.read(tx);
    firstHasRead.open();
    await secondHasRead.wait();
    return first.write(tx, read);
  });
  void firstResult.then(
    () => firstHasSettled.open(),
    () => firstHasSettled.open(),
  );
  const secondResult = store.transaction(async (tx) => {
    await firstHasRead.wait();
    const read = await second.read(tx);
    secondHasRead.open();
    await firstHasSettled.wait();
    return second.write(tx, read);
  });
  return Promise.all([firstResult, secondResult]);
}
