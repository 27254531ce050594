import { encodeCursor } from "../../../model/cursor.js";
import type { Page } from "../../../model/page.js";

/**
 * Collects one keyset page: up to `limit + 1` rows in order, the extra one only to learn whether
 * another page follows, so `nextCursor` is `null` on the last page.
 */
export class PageBuffer<R> {
  private readonly rows: R[] = [];

  constructor(private readonly limit: number) {}

  /** Adds a row; returns `false` once the buffer holds a row beyond the page (stop looking). */
  offer(row: R): boolean {
    this.rows.push(row);
    return this.rows.length <= this.limit;
  }

  /**
   * The page: the first `limit` rows mapped by `output`, and a cursor after the last of them (under the
   * ordering name `order`) if more rows follow, with the list's `total` as counted (or `null`).
   */
  toPage<T>(order: string, positionOf: (row: R) => { key: string; id: string }, output: (row: R) => T, total: number | null): Page<T> {
    const items = this.rows.slice(0, this.limit);
    const last = items[items.length - 1];
    const nextCursor =
      this.rows.length > this.limit && last !== undefined ? encodeCursor({ order, ...positionOf(last) }) : null;
    return { items: items.map(output), nextCursor, total };
  }
}
