/** One page of a keyset-paginated list. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `after` to get the next page; `null` on the last page. */
  readonly nextCursor: string | null;
}
