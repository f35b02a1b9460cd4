import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import type { Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";
import { devClassBalance } from "../pipeline/fit-label-model";
import type { EvaluationSplit } from "../pipeline/evaluation-split";

/** A class the programs vote for much less than the dev gold says it occurs. */
export interface WeakClass {
  readonly class: number;
  /** Share of train and dev rows with at least one vote for the class. */
  readonly coveredShare: number;
  /** The class's share by dev gold (Laplace-smoothed). */
  readonly expectedShare: number;
}

/** Where the current programs and label model are weak (train and dev rows only: test rows are never looked at). */
export interface WeakSpots {
  /** Train and dev rows without a single vote, in row order. */
  readonly uncovered: Int32Array;
  /** Covered train and dev rows whose pseudolabel is unsure (normalised entropy >= `minEntropy`), most unsure first. */
  readonly uncertain: Int32Array;
  /** Train and dev rows where programs vote different classes, most conflicting first. */
  readonly conflicted: Int32Array;
  /** Dev rows with gold that the label model gets wrong (or cannot label), with what it said (-1: no vote). */
  readonly devErrors: readonly { readonly row: number; readonly gold: number; readonly predicted: number }[];
  /** Classes whose covered share is below half their dev share, weakest first. */
  readonly weakClasses: readonly WeakClass[];
  /** Train and dev rows looked at. */
  readonly rows: number;
  /** Full counts (the lists above stop at `limit`). */
  readonly counts: { readonly uncovered: number; readonly uncertain: number; readonly conflicted: number; readonly devErrors: number };
}

/**
 * Finds the label model's weak spots, DataSculpt-style query sampling for the next round: rows no
 * program covers, rows with unsure pseudolabels (entropy) or conflicting votes, classes the
 * programs rarely vote for, and dev rows (gold allowed: dev picks seed sets) it gets wrong. Train
 * gold is never read; test rows are skipped.
 *
 * @example
 * const spots = findWeakSpots(L, choice.proba, split, { k: 2 });
 * spots.uncovered.length; // 40 rows for "these 40 messages are uncovered"
 */
export function findWeakSpots(L: LabelMatrix, proba: Probabilities, split: EvaluationSplit, o: { k: number; minEntropy?: number; limit?: number }): WeakSpots {
  const { k } = o;
  if (proba.n !== L.n || proba.k !== k)
    throw new EngineError("INVALID_ARGUMENT", `findWeakSpots: probabilities are ${proba.n} x ${proba.k}, votes ${L.n} x ${L.m} for k = ${k}`);
  const limit = o.limit ?? 500;
  const minEntropy = o.minEntropy ?? 0.5;
  const rows = [...split.train, ...split.dev].sort((a, b) => a - b);
  const uncovered: number[] = [];
  const uncertain: [number, number][] = [];
  const conflicted: [number, number][] = [];
  const covered = new Float64Array(k);
  const perClass = new Int32Array(k);
  for (const i of rows) {
    perClass.fill(0);
    let votes = 0;
    for (let j = 0; j < L.m; j++) {
      const v = L.values[i * L.m + j]!;
      if (v !== ABSTAIN) {
        perClass[v]!++;
        votes++;
      }
    }
    if (votes === 0) {
      uncovered.push(i);
      continue;
    }
    let distinct = 0;
    let top = 0;
    for (let c = 0; c < k; c++) {
      if (perClass[c]! > 0) {
        covered[c]!++;
        distinct++;
      }
      top = Math.max(top, perClass[c]!);
    }
    if (distinct > 1) conflicted.push([i, votes - top]);
    let h = 0;
    for (let c = 0; c < k; c++) {
      const p = proba.values[i * k + c]!;
      if (p > 0) h -= p * Math.log(p);
    }
    const normalised = h / Math.log(k);
    if (normalised >= minEntropy) uncertain.push([i, normalised]);
  }
  const byScore = (list: [number, number][]): Int32Array => Int32Array.from(list.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit), ([i]) => i);
  const devErrors: { row: number; gold: number; predicted: number }[] = [];
  split.dev.forEach((row, at) => {
    const gold = split.devGold[at]!;
    if (gold < 0) return;
    let voted = false;
    for (let j = 0; j < L.m && !voted; j++) voted = L.values[row * L.m + j] !== ABSTAIN;
    let best = 0;
    for (let c = 1; c < k; c++) if (proba.values[row * k + c]! > proba.values[row * k + best]!) best = c;
    const predicted = voted ? best : ABSTAIN;
    if (predicted !== gold) devErrors.push({ row, gold, predicted });
  });
  const expected = devClassBalance(split.devGold, k);
  const weakClasses = Array.from({ length: k }, (_, c) => ({
    class: c,
    coveredShare: rows.length ? covered[c]! / rows.length : 0,
    expectedShare: expected[c]!,
  }))
    .filter((w) => w.coveredShare < w.expectedShare / 2)
    .sort((a, b) => a.coveredShare / a.expectedShare - b.coveredShare / b.expectedShare || a.class - b.class);
  const counts = { uncovered: uncovered.length, uncertain: uncertain.length, conflicted: conflicted.length, devErrors: devErrors.length };
  return {
    uncovered: Int32Array.from(uncovered.slice(0, limit)),
    uncertain: byScore(uncertain),
    conflicted: byScore(conflicted),
    devErrors: devErrors.slice(0, limit),
    weakClasses,
    rows: rows.length,
    counts,
  };
}
