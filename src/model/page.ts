/** One page of a keyset-paginated list. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `after` to get the next page; `null` on the last page. */
  readonly nextCursor: string | null;
  /**
   * How many items the whole list holds: every item the query's filters, prefix and the viewer's
   * visibility admit, on every page, as paging to the end would reach them (the cursor does not
   * narrow it). Counted by the same predicate as the page, in the same snapshot. `null` when not
   * counted: on the pages after the first unless the query asks `total: "every_page"`, and never with
   * `total: "none"` (see `PageTotal`).
   */
  readonly total: number | null;
}
