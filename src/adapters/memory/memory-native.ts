/**
 * The in-memory store's transaction handle, passed to host ports in `tx.native` (e.g. `OwnedResources`).
 * It only identifies the transaction: a host keeping its own data in memory can key pending changes by
 * `transactionId`. Treat it as opaque.
 */
export interface MemoryNative {
  readonly kind: "memory";
  /** Unique within one store for its lifetime. */
  readonly transactionId: number;
}
