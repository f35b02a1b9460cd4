import type { Split } from "../core/dataset";
import { EngineError } from "../errors/engine-error";

/**
 * The honest-evaluation rules, in one place for the CLI and the studio. Train gold never leaves this
 * function: nothing downstream can fit on it. Dev gold (dev order) may pick seed sets, choose the
 * label model, set the class balance, stop training early and score programs; test gold (test order)
 * is for final metrics only.
 */
export interface EvaluationSplit {
  readonly n: number;
  readonly train: Int32Array;
  readonly dev: Int32Array;
  readonly test: Int32Array;
  /** Gold class of each dev row (dev order), -1 where unknown. */
  readonly devGold: Int32Array;
  /** Gold class of each test row (test order), -1 where unknown: final metrics only. */
  readonly testGold: Int32Array;
}

/**
 * Row indices per split and the gold of the dev and test rows, from every row's split and gold
 * class (-1, null or undefined where unknown). Train gold is read only to be dropped.
 *
 * @example
 * const split = evaluationSplit(["train", "dev", "test"], [1, 0, 1]); // devGold [0], testGold [1]
 */
export function evaluationSplit(splits: ArrayLike<Split>, gold: ArrayLike<number | null | undefined>): EvaluationSplit {
  if (splits.length !== gold.length) throw new EngineError("INVALID_ARGUMENT", `evaluation split: ${splits.length} splits but ${gold.length} gold labels`);
  const lists: Record<Split, number[]> = { train: [], dev: [], test: [] };
  const devGold: number[] = [];
  const testGold: number[] = [];
  for (let i = 0; i < splits.length; i++) {
    const split = splits[i]!;
    const list = lists[split];
    if (!list) throw new EngineError("INVALID_ARGUMENT", `row ${i} has split "${String(split)}"; expected train, dev or test`);
    list.push(i);
    const g = gold[i];
    const known = typeof g === "number" && Number.isInteger(g) && g >= 0 ? g : -1;
    if (split === "dev") devGold.push(known);
    else if (split === "test") testGold.push(known);
  }
  return {
    n: splits.length,
    train: Int32Array.from(lists.train),
    dev: Int32Array.from(lists.dev),
    test: Int32Array.from(lists.test),
    devGold: Int32Array.from(devGold),
    testGold: Int32Array.from(testGold),
  };
}

/**
 * Gold by row with every row but the dev rows hidden (-1): for LF analysis, which scores programs
 * on dev gold.
 *
 * @example
 * devGoldByRow(split); // Int32Array of length n
 */
export function devGoldByRow(split: EvaluationSplit): Int32Array {
  const out = new Int32Array(split.n).fill(-1);
  split.dev.forEach((row, at) => (out[row] = split.devGold[at]!));
  return out;
}

/**
 * The dev rows that have gold, and that gold: early stopping and dev accuracy use exactly these.
 *
 * @example
 * const { rows, gold } = devRowsWithGold(split);
 */
export function devRowsWithGold(split: EvaluationSplit): { readonly rows: Int32Array; readonly gold: Int32Array } {
  const rows: number[] = [];
  const gold: number[] = [];
  split.dev.forEach((row, at) => {
    if (split.devGold[at]! >= 0) {
      rows.push(row);
      gold.push(split.devGold[at]!);
    }
  });
  return { rows: Int32Array.from(rows), gold: Int32Array.from(gold) };
}
