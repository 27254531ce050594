import assert from "node:assert/strict";
import type { Page } from "../../../model/page.js";
import type { PageTotal } from "../../../model/page-total.js";

/** The totals a store may answer. */
export const PAGE_TOTALS: readonly PageTotal[] = ["first_page", "every_page", "none"];

/**
 * Asserts the totals of a list's pages, read in order from the first to the last in one snapshot: each
 * counted total is the number of items reached by paging to the end; `first_page` (also when `total`
 * is absent) counts on the first page only, `every_page` on each, `none` on none.
 */
export function assertPageTotals(pages: readonly Page<unknown>[], total: PageTotal | undefined, label: string): void {
  const reached = pages.reduce((sum, page) => sum + page.items.length, 0);
  const mode = total ?? "first_page";
  pages.forEach((page, index) => {
    const counted = mode === "every_page" || (mode === "first_page" && index === 0);
    assert.equal(page.total, counted ? reached : null, `${label}: total of page ${index + 1} of ${pages.length} (total: ${mode})`);
  });
}
