import type { Clock } from "../../ports/clock.js";

/**
 * The wall clock: `now()` is a fresh `new Date()` on every call.
 *
 * @example
 * ```ts
 * const now = systemClock.now(); // the current instant
 * ```
 */
export const systemClock: Clock = Object.freeze({
  now(): Date {
    return new Date();
  },
});
