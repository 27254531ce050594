import type { ConformanceStore, ConformanceTestApi, StoreConformanceOptions } from "../conformance-options.js";

/** What every area of the suite registers its tests with. */
export interface SuiteContext {
  /** The test runner's API. */
  readonly test: ConformanceTestApi;
  /** Makes a fresh store that the caller must close (the property tests make one per run). */
  readonly openStore: () => Promise<ConformanceStore>;
  /** Closes a store made by `openStore`; closing twice is harmless. */
  readonly closeStore: (store: ConformanceStore) => Promise<void>;
  /** Registers a test that receives a fresh store, closed when the test ends whatever its outcome. */
  readonly storeTest: (name: string, body: (store: ConformanceStore) => Promise<void>, timeout?: number) => void;
  /** How the store runs overlapping transactions (see `StoreConformanceOptions.transactions`). */
  readonly transactions: "concurrent" | "serialized";
}

/**
 * Builds the {@link SuiteContext} of one `describeStoreConformance` call. Must be called inside the
 * suite's top `describe`, where it registers the `afterEach` safety net if the runner offers hooks.
 */
export function createSuiteContext(options: StoreConformanceOptions): SuiteContext {
  const openStores = new Set<ConformanceStore>();

  const openStore = async (): Promise<ConformanceStore> => {
    const store = await options.makeStore();
    openStores.add(store);
    return store;
  };
  const closeStore = async (store: ConformanceStore): Promise<void> => {
    if (openStores.delete(store)) await store.close();
  };

  options.test.afterEach?.(async () => {
    for (const store of [...openStores]) await closeStore(store);
  });

  const storeTest = (name: string, body: (store: ConformanceStore) => Promise<void>, timeout?: number): void => {
    const run = async (): Promise<void> => {
      const store = await openStore();
      try {
        await body(store);
      } finally {
        await closeStore(store);
      }
    };
    if (timeout === undefined) options.test.it(name, run);
    else options.test.it(name, run, timeout);
  };

  return { test: options.test, openStore, closeStore, storeTest, transactions: options.transactions ?? "concurrent" };
}
