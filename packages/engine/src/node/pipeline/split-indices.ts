import type { DataRow, Split } from "../../core/dataset";

export interface SplitIndices {
  readonly train: Int32Array;
  readonly dev: Int32Array;
  readonly test: Int32Array;
  /** Gold class per row, -1 where unknown. */
  readonly gold: Int32Array;
}

/**
 * Row indices per split and the gold labels of all rows (-1 where unknown), in row order.
 *
 * @example
 * const { train, dev, test, gold } = splitIndices(dataset.rows);
 */
export function splitIndices(rows: readonly DataRow[]): SplitIndices {
  const lists: Record<Split, number[]> = { train: [], dev: [], test: [] };
  const gold = new Int32Array(rows.length).fill(-1);
  rows.forEach((row, i) => {
    lists[row.split].push(i);
    if (row.gold !== undefined) gold[i] = row.gold;
  });
  return { train: Int32Array.from(lists.train), dev: Int32Array.from(lists.dev), test: Int32Array.from(lists.test), gold };
}

/** Gold labels of the given rows only; every other row gets -1 (so no other split's gold leaks). */
export function maskedGold(gold: Int32Array, keep: Int32Array): Int32Array {
  const out = new Int32Array(gold.length).fill(-1);
  for (const i of keep) out[i] = gold[i]!;
  return out;
}

/** `gold` at the given rows. */
export function pick(values: ArrayLike<number>, rows: Int32Array): Int32Array {
  return Int32Array.from(rows, (i) => values[i]!);
}
