import type { TenureStore, StoreTransaction } from "../../ports/tenure-store.js";

/** A test hook body, as test runners call it. */
export type ConformanceHook = () => Promise<void> | void;

/**
 * The part of a test runner's API the conformance suite uses, typed structurally so that vitest, jest,
 * `node:test` (through a small wrapper) or mocha can be passed in. The suite never imports a runner
 * itself: vitest cannot be `require()`d from the CommonJS build of `tenure/testing`.
 */
export interface ConformanceTestApi {
  /** Groups tests under a name (vitest/jest `describe`). */
  describe(name: string, body: () => void): void;
  /** Registers one asynchronous test; `timeout` is in milliseconds (vitest/jest `it`). */
  it(name: string, body: () => Promise<void>, timeout?: number): void;
  /** Runs before every test; optional, the suite does not need it. */
  beforeEach?(hook: ConformanceHook): void;
  /** Runs after every test; if given, the suite closes there any store a failed or timed-out test left open. */
  afterEach?(hook: ConformanceHook): void;
}

/** A store as the conformance suite sees it: the default model, without host attributes. */
export type ConformanceStore = TenureStore<Record<never, never>, Record<never, never>>;

/** One unit of work of a {@link ConformanceStore}. */
export type ConformanceTransaction = StoreTransaction<Record<never, never>, Record<never, never>>;

/** The options of `describeStoreConformance`. */
export interface StoreConformanceOptions {
  /** Name of the adapter under test, shown in the test report. */
  readonly name: string;
  /**
   * Makes a fresh, empty store. Called once per test (and once per run of the property tests); the
   * suite closes every store it makes.
   */
  readonly makeStore: () => Promise<ConformanceStore> | ConformanceStore;
  /** The test runner's `describe` and `it` (and optionally its hooks). */
  readonly test: ConformanceTestApi;
  /**
   * How the store runs transactions that overlap in time. `concurrent` (the default, and the port's
   * duty): side by side, each on its own snapshot; the suite interleaves two transactions and checks
   * that one wins. `serialized`: one at a time, as a single-connection database (PGlite) must; the
   * interleavings cannot happen there, so the suite checks instead that a transaction started while
   * another is open starts after it ends and sees what it committed.
   */
  readonly transactions?: "concurrent" | "serialized";
}
