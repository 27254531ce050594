/** How long a concurrency test waits for the other transaction before it gives up. */
const DEFAULT_TIMEOUT_MILLISECONDS = 2_000;

/** A one-shot signal between two concurrent transactions of a test. */
export interface Latch {
  /** Releases every current and future `wait`. */
  open(): void;
  /** Resolves once `open` was called; rejects with an explanation if that takes longer than the timeout. */
  wait(): Promise<void>;
}

/**
 * Makes a {@link Latch}. `what` describes the awaited step for the timeout message: a store that runs
 * transactions one after the other cannot interleave them, and the test should say so rather than hang.
 */
export function createLatch(what: string, timeoutMilliseconds = DEFAULT_TIMEOUT_MILLISECONDS): Latch {
  let release: () => void = () => undefined;
  let isOpen = false;
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    open(): void {
      isOpen = true;
      release();
    },
    wait(): Promise<void> {
      if (isOpen) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new Error(
              `Timed out after ${timeoutMilliseconds} ms waiting for ${what}. The store must let two transactions ` +
                "run at the same time (it may not run them one after the other).",
            ),
          );
        }, timeoutMilliseconds);
        void opened.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
