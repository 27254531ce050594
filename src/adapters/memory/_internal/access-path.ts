/**
 * Chooses how to answer a keyset page when a filter names a candidate set (e.g. the members of some
 * groups): sort the candidates (about `c · log c` comparisons), or scan the ordered index and skip
 * non-candidates (about `(limit + 1) · n / c` rows read before the page is full, at most `n`).
 * Returns `true` to sort the candidates.
 */
export function preferCandidateSort(candidateCount: number, partitionSize: number, limit: number): boolean {
  if (candidateCount === 0) return true;
  const scanCost = Math.min(partitionSize, ((limit + 1) * partitionSize) / candidateCount);
  const sortCost = 2 * candidateCount * (Math.log2(candidateCount + 1) + 1);
  return sortCost <= scanCost;
}
