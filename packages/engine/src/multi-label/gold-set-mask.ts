/**
 * A class set as the bitmask programs' votes carry (bit c = class c applies), and back: how the
 * studio stores a multi-label row's gold in `Row.gold`, like its votes.
 *
 * @example
 * goldSetMask.fromSet([0, 2]); // 5
 * goldSetMask.toSet(5, 3);     // [0, 2]
 */
export const goldSetMask = {
  fromSet(set: readonly number[]): number {
    return set.reduce((mask, c) => mask | (1 << c), 0);
  },
  toSet(mask: number, k: number): number[] {
    const out: number[] = [];
    for (let c = 0; c < k; c++) if ((mask >> c) & 1) out.push(c);
    return out;
  },
};
