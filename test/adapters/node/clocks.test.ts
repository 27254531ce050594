import { describe, expect, it } from "vitest";
import { createManualClock } from "../../../src/adapters/node/manual-clock.js";
import { systemClock } from "../../../src/adapters/node/system-clock.js";

describe("clocks", () => {
  it("the system clock reads the wall clock", () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it("the manual clock moves only when told, and hands out copies", () => {
    const clock = createManualClock(new Date("2026-01-01T00:00:00Z"));
    const first = clock.now();
    first.setFullYear(1999);
    expect(clock.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
    clock.advance(90 * 24 * 60 * 60 * 1000);
    expect(clock.now().toISOString()).toBe("2026-04-01T00:00:00.000Z");
    clock.set(new Date("2030-05-05T05:05:05Z"));
    expect(clock.now().toISOString()).toBe("2030-05-05T05:05:05.000Z");
    expect(() => clock.set(new Date("nonsense"))).toThrow(RangeError);
  });
});
