/** Small helpers the PostgreSQL adapter's own tests share: a store per test, committed work, corrupt reads. */
import { ok, type Result } from "neverthrow";
import { expect } from "vitest";
import type { CorruptRecordError } from "tenure";
import type { TestDatabase } from "./_databases.js";

/** A store made by `TestDatabase.makeStore`. */
export type TestStore = Awaited<ReturnType<TestDatabase["makeStore"]>>;
/** One unit of work of a {@link TestStore}. */
export type TestTransaction = Parameters<Parameters<TestStore["transaction"]>[0]>[0];

/** Runs `work` with a fresh store of `database`, closed afterwards whatever happens. */
export async function withFreshStore(database: TestDatabase, work: (store: TestStore) => Promise<void>): Promise<void> {
  const store = await database.makeStore();
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

/** Commits one unit of work and returns its value; fails the test on `Err`. */
export async function committed<T>(store: TestStore, work: (tx: TestTransaction) => Promise<T>): Promise<T> {
  const result = await store.transaction(async (tx) => ok(await work(tx)));
  return result._unsafeUnwrap();
}

/** Runs a read in a unit of work and returns the `corrupt_record` error it must end with. */
export async function corruptRead(store: TestStore, read: (tx: TestTransaction) => Promise<Result<unknown, unknown>>): Promise<CorruptRecordError> {
  const result: Result<unknown, unknown> = await store.transaction(read);
  const error = result._unsafeUnwrapErr() as CorruptRecordError;
  expect(error.code).toBe("corrupt_record");
  return error;
}
