import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";
import type { EvaluationSplit } from "../pipeline/evaluation-split";
import { LABEL_MODELS } from "../label-models/label-model-registry";
import { devScore } from "./dev-score";
import { selectColumns } from "./label-matrix-columns";

/** A program pruning would disable, and why. */
export interface PruneFlag {
  readonly column: number;
  readonly reason: "below-chance" | "leave-one-out";
  /** Accuracy of its votes on dev rows with gold, and how many such votes. */
  readonly devAccuracy: number | null;
  readonly devVotes: number;
  /** Leave-one-out: the label model's dev metric with the program, and without it. */
  readonly devMetricWith?: number;
  readonly devMetricWithout?: number;
  /** One sentence for the report. */
  readonly detail: string;
}

const f = (x: number): string => x.toFixed(3);

/**
 * Programs that hurt: those whose dev accuracy is below chance (1/k, with at least `minDevVotes`
 * votes on dev rows with gold), then, greedily, those whose removal raises the label model's dev
 * metric (leave-one-out on dev; the label model is fixed to `model`, the one chosen with every
 * program, so only the programs change). At least one program always stays. Dev gold only: this
 * is selection, which the honest-evaluation rules allow; test gold is never read.
 *
 * @example
 * const flags = pruneFlags(L, split, { k: 2, seed: 42, model: "mv" });
 * flags.map((f) => f.detail); // ["below chance on dev: 0.30 accuracy on 20 votes (chance 0.50)", ...]
 */
export function pruneFlags(
  L: LabelMatrix,
  split: EvaluationSplit,
  o: { k: number; seed: number; model: string; minDevVotes?: number; maxRemovals?: number },
): PruneFlag[] {
  if (L.m === 0) throw new EngineError("INVALID_ARGUMENT", "pruneFlags: no programs to prune");
  const { k } = o;
  const minVotes = o.minDevVotes ?? 5;
  const stats = Array.from({ length: L.m }, () => ({ right: 0, votes: 0 }));
  split.dev.forEach((row, at) => {
    const gold = split.devGold[at]!;
    if (gold < 0) return;
    for (let j = 0; j < L.m; j++) {
      const v = L.values[row * L.m + j]!;
      if (v === ABSTAIN) continue;
      stats[j]!.votes++;
      if (v === gold) stats[j]!.right++;
    }
  });
  const acc = (j: number): number | null => (stats[j]!.votes ? stats[j]!.right / stats[j]!.votes : null);
  const flags: PruneFlag[] = [];
  let kept = Array.from({ length: L.m }, (_, j) => j);
  for (const j of [...kept]) {
    const a = acc(j);
    if (a !== null && stats[j]!.votes >= minVotes && a < 1 / k && kept.length > 1) {
      flags.push({
        column: j,
        reason: "below-chance",
        devAccuracy: a,
        devVotes: stats[j]!.votes,
        detail: `below chance on dev: ${f(a)} accuracy on ${stats[j]!.votes} votes (chance ${f(1 / k)})`,
      });
      kept = kept.filter((x) => x !== j);
    }
  }
  const minPrograms = LABEL_MODELS.find((e) => e.name === o.model)?.minPrograms ?? 1;
  // a removal that leaves too few programs for the fixed model is never taken
  const score = (cols: number[]): number =>
    cols.length < minPrograms ? -Infinity : devScore(selectColumns(L, cols), split, { k, seed: o.seed, models: [o.model] }).f1;
  let base = score(kept);
  const maxRemovals = o.maxRemovals ?? L.m;
  for (let step = 0; step < maxRemovals && kept.length > 1; step++) {
    let best: { j: number; without: number } | undefined;
    for (const j of kept) {
      const without = score(kept.filter((x) => x !== j));
      if (without > base + 1e-12 && (!best || without > best.without)) best = { j, without };
    }
    if (!best) break;
    const { j, without } = best;
    flags.push({
      column: j,
      reason: "leave-one-out",
      devAccuracy: acc(j),
      devVotes: stats[j]!.votes,
      devMetricWith: base,
      devMetricWithout: without,
      detail: `leave-one-out on dev: the label model's dev F1 rises from ${f(base)} to ${f(without)} without it`,
    });
    kept = kept.filter((x) => x !== j);
    base = without;
  }
  return flags;
}
