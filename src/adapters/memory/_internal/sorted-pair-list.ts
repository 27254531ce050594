import { compareCodePoints } from "../../../model/sort-key.js";

/** A condition on an entry that is monotone along the list (false then true, or true then false). */
export type PairPredicate = (key: string, id: string) => boolean;
/** Called for each entry of a scan with its payload; returning `false` stops the scan. */
export type PairVisitor<P> = (key: string, id: string, payload: P) => boolean;

/** Orders `(key, id)` pairs by key, then id, both with {@link compareCodePoints}. */
export function comparePairs(keyA: string, idA: string, keyB: string, idB: string): number {
  return compareCodePoints(keyA, keyB) || compareCodePoints(idA, idB);
}

interface Chunk<P> {
  readonly keys: string[];
  readonly ids: string[];
  readonly payloads: P[];
}

/** Chunks are split beyond this size, so an insertion moves at most this many entries. */
const MAX_CHUNK = 512;

/**
 * A sorted set of `(key, id)` pairs, each carrying a payload, kept as a list of small sorted chunks (the
 * `sortedcontainers` layout): insert, remove and seek are O(log n + chunk size), and scans run at array
 * speed. Backs the ordered indexes (users by sort key, audit events by time) so a page never sorts the
 * whole table.
 */
export class SortedPairList<P> {
  private readonly chunks: Chunk<P>[] = [];
  private count = 0;

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** Adds the pair with its payload; if the pair is there, replaces its payload and returns `false`. */
  insert(key: string, id: string, payload: P): boolean {
    if (this.chunks.length === 0) {
      this.chunks.push({ keys: [key], ids: [id], payloads: [payload] });
      this.count = 1;
      return true;
    }
    const chunkIndex = Math.min(this.chunkAtOrAfter(key, id), this.chunks.length - 1);
    const chunk = this.chunks[chunkIndex] as Chunk<P>;
    const at = indexAtOrAfter(chunk, key, id);
    if (chunk.keys[at] === key && chunk.ids[at] === id) {
      chunk.payloads[at] = payload;
      return false;
    }
    chunk.keys.splice(at, 0, key);
    chunk.ids.splice(at, 0, id);
    chunk.payloads.splice(at, 0, payload);
    this.count += 1;
    if (chunk.keys.length > MAX_CHUNK) {
      const half = chunk.keys.length >> 1;
      this.chunks.splice(chunkIndex + 1, 0, {
        keys: chunk.keys.splice(half),
        ids: chunk.ids.splice(half),
        payloads: chunk.payloads.splice(half),
      });
    }
    return true;
  }

  /** Removes the pair; `false` if it was not there. */
  remove(key: string, id: string): boolean {
    const chunkIndex = this.chunkAtOrAfter(key, id);
    const chunk = this.chunks[chunkIndex];
    if (chunk === undefined) return false;
    const at = indexAtOrAfter(chunk, key, id);
    if (chunk.keys[at] !== key || chunk.ids[at] !== id) return false;
    chunk.keys.splice(at, 1);
    chunk.ids.splice(at, 1);
    chunk.payloads.splice(at, 1);
    this.count -= 1;
    if (chunk.keys.length === 0) this.chunks.splice(chunkIndex, 1);
    return true;
  }

  /** Visits entries in ascending order, starting at the first for which `from` (false, then true) holds. */
  scanAscending(from: PairPredicate, visit: PairVisitor<P>): void {
    let chunkIndex = this.firstChunkWhere(from);
    let chunk = this.chunks[chunkIndex];
    if (chunk === undefined) return;
    let index = firstIndexWhere(chunk, from);
    while (chunk !== undefined) {
      const { keys, ids, payloads } = chunk;
      for (; index < keys.length; index += 1) {
        if (!visit(keys[index] as string, ids[index] as string, payloads[index] as P)) return;
      }
      chunkIndex += 1;
      chunk = this.chunks[chunkIndex];
      index = 0;
    }
  }

  /** Visits entries in descending order, starting at the last for which `from` (true, then false) holds. */
  scanDescending(from: PairPredicate, visit: PairVisitor<P>): void {
    const beyond: PairPredicate = (k, i) => !from(k, i);
    let chunkIndex = this.firstChunkWhere(beyond);
    let index: number;
    if (chunkIndex === this.chunks.length) {
      chunkIndex -= 1;
      index = (this.chunks[chunkIndex]?.keys.length ?? 0) - 1;
    } else {
      index = firstIndexWhere(this.chunks[chunkIndex] as Chunk<P>, beyond) - 1;
    }
    let chunk = this.chunks[chunkIndex];
    while (chunk !== undefined) {
      const { keys, ids, payloads } = chunk;
      for (; index >= 0; index -= 1) {
        if (!visit(keys[index] as string, ids[index] as string, payloads[index] as P)) return;
      }
      chunkIndex -= 1;
      chunk = this.chunks[chunkIndex];
      index = (chunk?.keys.length ?? 0) - 1;
    }
  }

  /** Index of the first chunk whose last entry is at or after `(key, id)`; the chunk count if none. */
  private chunkAtOrAfter(key: string, id: string): number {
    let low = 0;
    let high = this.chunks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const chunk = this.chunks[middle] as Chunk<P>;
      const last = chunk.keys.length - 1;
      if (comparePairs(chunk.keys[last] as string, chunk.ids[last] as string, key, id) >= 0) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** Index of the first chunk whose last entry satisfies the (false, then true) predicate; the chunk count if none. */
  private firstChunkWhere(predicate: PairPredicate): number {
    let low = 0;
    let high = this.chunks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const chunk = this.chunks[middle] as Chunk<P>;
      const last = chunk.keys.length - 1;
      if (predicate(chunk.keys[last] as string, chunk.ids[last] as string)) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** Index of the first entry of a chunk satisfying the (false, then true) predicate; its length if none. */
function firstIndexWhere<P>(chunk: Chunk<P>, predicate: PairPredicate): number {
  let low = 0;
  let high = chunk.keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (predicate(chunk.keys[middle] as string, chunk.ids[middle] as string)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Index of the first entry of a chunk at or after `(key, id)`; its length if none. */
function indexAtOrAfter<P>(chunk: Chunk<P>, key: string, id: string): number {
  let low = 0;
  let high = chunk.keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (comparePairs(chunk.keys[middle] as string, chunk.ids[middle] as string, key, id) >= 0) high = middle;
    else low = middle + 1;
  }
  return low;
}
