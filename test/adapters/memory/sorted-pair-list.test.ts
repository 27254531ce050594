import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePairs, SortedPairList } from "../../../src/adapters/memory/_internal/sorted-pair-list.js";

type Pair = readonly [string, string];
const byPair = (a: Pair, b: Pair): number => comparePairs(a[0], a[1], b[0], b[1]);

function scan(list: SortedPairList<string>, direction: "asc" | "desc", bound: Pair | null, take: number): Pair[] {
  const seen: Pair[] = [];
  const visit = (key: string, id: string, payload: string): boolean => {
    expect(payload).toBe(`${key}/${id}`);
    seen.push([key, id]);
    return seen.length < take;
  };
  if (direction === "asc") list.scanAscending((key, id) => bound === null || comparePairs(key, id, bound[0], bound[1]) > 0, visit);
  else list.scanDescending((key, id) => bound === null || comparePairs(key, id, bound[0], bound[1]) < 0, visit);
  return seen;
}

describe("SortedPairList", () => {
  const key = fc.constantFrom("", "a", "b", "ab", "é", "😀", "\uFFFF", "z");
  const pair = fc.tuple(key, fc.constantFrom("1", "2", "3"));
  const operation = fc.tuple(fc.boolean(), pair);

  it("behaves like a sorted array of distinct pairs (with payloads) under inserts, removes and scans (property)", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 3000 }), pair, fc.integer({ min: 1, max: 50 }), (operations, bound, take) => {
        const list = new SortedPairList<string>();
        const model = new Map<string, Pair>();
        for (const [insert, [k, id]] of operations) {
          const name = JSON.stringify([k, id]);
          if (insert) {
            expect(list.insert(k, id, `${k}/${id}`)).toBe(!model.has(name));
            model.set(name, [k, id]);
          } else {
            expect(list.remove(k, id)).toBe(model.has(name));
            model.delete(name);
          }
        }
        const sorted = [...model.values()].sort(byPair);
        expect(list.size).toBe(sorted.length);
        expect(scan(list, "asc", null, Infinity)).toEqual(sorted);
        expect(scan(list, "desc", null, Infinity)).toEqual([...sorted].reverse());
        expect(scan(list, "asc", bound, take)).toEqual(sorted.filter((p) => byPair(p, bound) > 0).slice(0, take));
        expect(scan(list, "desc", bound, take)).toEqual([...sorted].reverse().filter((p) => byPair(p, bound) < 0).slice(0, take));
      }),
      { numRuns: 200 },
    );
  });

  it("splits into chunks and still scans in order with many entries", () => {
    const list = new SortedPairList<number>();
    const ids = Array.from({ length: 5000 }, (_, index) => String((index * 7919) % 5000).padStart(5, "0"));
    for (const id of ids) list.insert("k", id, Number(id));
    const seen: string[] = [];
    list.scanAscending(() => true, (_key, id, payload) => {
      expect(payload).toBe(Number(id));
      seen.push(id);
      return true;
    });
    expect(seen).toEqual([...ids].sort());
    for (const id of ids.slice(0, 4000)) list.remove("k", id);
    expect(list.size).toBe(1000);
  });
});
