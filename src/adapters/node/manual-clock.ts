import type { Clock } from "../../ports/clock.js";

/** A {@link Clock} that moves only when told: for tests and demos of expiry, lockouts and tokens. */
export interface ManualClock extends Clock {
  /** Moves the clock forward (or back, with a negative amount) by `milliseconds`. */
  advance(milliseconds: number): void;
  /** Sets the clock to `date`. */
  set(date: Date): void;
}

/**
 * Creates a {@link ManualClock} reading `start` until moved. Each `now()` is a new Date, so a caller
 * mutating it never moves the clock.
 *
 * @example
 * ```ts
 * const clock = createManualClock(new Date("2026-01-01T00:00:00Z"));
 * clock.advance(90 * 24 * 60 * 60 * 1000); // 90 days later
 * clock.now(); // 2026-04-01T00:00:00.000Z
 * ```
 */
export function createManualClock(start: Date): ManualClock {
  let current = start.getTime();
  if (Number.isNaN(current)) throw new RangeError("The start date is invalid.");
  return {
    now() {
      return new Date(current);
    },
    advance(milliseconds) {
      if (!Number.isFinite(milliseconds)) throw new RangeError(`Cannot advance by ${milliseconds} ms.`);
      current += milliseconds;
    },
    set(date) {
      if (Number.isNaN(date.getTime())) throw new RangeError("The date is invalid.");
      current = date.getTime();
    },
  };
}
