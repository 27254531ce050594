/** Fixed-size bit sets over `Uint32Array`, the compiled form of permission sets. */
export type BitSet = Uint32Array;

/** An empty set able to hold `size` bits. */
export function emptyBits(size: number): BitSet {
  return new Uint32Array(Math.ceil(size / 32));
}

/** Whether bit `index` is set. */
export function hasBit(bits: BitSet, index: number): boolean {
  return ((bits[index >>> 5] ?? 0) & (1 << (index & 31))) !== 0;
}

/** Sets bit `index` in place. */
export function setBit(bits: BitSet, index: number): void {
  bits[index >>> 5] = (bits[index >>> 5] ?? 0) | (1 << (index & 31));
}

/** Clears bit `index` in place. */
export function clearBit(bits: BitSet, index: number): void {
  bits[index >>> 5] = (bits[index >>> 5] ?? 0) & ~(1 << (index & 31));
}

/** `target |= source`, in place (a word missing from `source` counts as 0: `x | undefined` is `x`). */
export function orInto(target: BitSet, source: BitSet): void {
  for (let word = 0; word < target.length; word += 1) target[word] = (target[word] as number) | (source[word] as number);
}

/** `target &= source`, in place. */
export function andInto(target: BitSet, source: BitSet): void {
  for (let word = 0; word < target.length; word += 1) target[word] = (target[word] ?? 0) & (source[word] ?? 0);
}

/** Whether every bit of `subset` is set in `superset`. */
export function isSubset(subset: BitSet, superset: BitSet): boolean {
  for (let word = 0; word < subset.length; word += 1) {
    const bits = subset[word] ?? 0;
    if ((bits & (superset[word] ?? 0)) !== bits) return false;
  }
  return true;
}

/** The indexes of the set bits, ascending. */
export function bitIndexes(bits: BitSet): number[] {
  const indexes: number[] = [];
  for (let word = 0; word < bits.length; word += 1) {
    let value = bits[word] ?? 0;
    while (value !== 0) {
      const lowest = value & -value;
      indexes.push(word * 32 + (31 - Math.clz32(lowest)));
      value ^= lowest;
    }
  }
  return indexes;
}

/** Whether no bit is set. */
export function isEmptyBits(bits: BitSet): boolean {
  for (let word = 0; word < bits.length; word += 1) if ((bits[word] ?? 0) !== 0) return false;
  return true;
}
