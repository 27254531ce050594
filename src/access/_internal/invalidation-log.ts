/**
 * When keys (user ids, organization ids) were last invalidated, as positions in the cache's sequence of
 * invalidations. Bounded: past `max` keys the oldest are forgotten, and the `floor` rises to the last
 * forgotten position, so {@link InvalidationLog.latest} never answers earlier than the truth (a forgotten
 * key answers the floor). Insertion order is invalidation order: a key invalidated again moves to the end.
 */
export interface InvalidationLog {
  /** An upper bound of the position of the key's last invalidation (0 when none is known and nothing was forgotten). */
  latest(key: string): number;
  /** Notes that `key` was invalidated at `position` (the newest position so far). */
  note(key: string, position: number): void;
  /** Forgets every key: each counts as invalidated at `position`. */
  forgetAll(position: number): void;
  /** Every key not held was last invalidated at or before this position. */
  readonly floor: number;
}

/** Makes an empty {@link InvalidationLog} that remembers up to `max` keys. */
export function createInvalidationLog(max: number): InvalidationLog {
  const positions = new Map<string, number>();
  let floor = 0;
  return {
    latest: (key) => positions.get(key) ?? floor,
    note(key, position) {
      positions.delete(key);
      positions.set(key, position);
      while (positions.size > max) {
        const [oldest, at] = positions.entries().next().value as [string, number];
        positions.delete(oldest);
        if (at > floor) floor = at;
      }
    },
    forgetAll(position) {
      positions.clear();
      floor = position;
    },
    get floor() {
      return floor;
    },
  };
}
