import { createProbabilities, type Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";
import type { RowFeaturizerOptions } from "../features/row-featurizer";
import { distillModel } from "../pipeline/distill-model";
import { seededShuffle } from "../random/seeded-shuffle";

/**
 * The distilled model's out-of-fold probabilities: the fit rows are split (seeded) into `folds`
 * parts, and each part is scored by an MLP distilled on the other parts' pseudolabels (never on
 * train gold; early stopping on dev gold as usual). Rows outside the fit rows are scored by the
 * mean of the fold models (none of them saw those rows). For the label-error audit.
 *
 * @example
 * const oof = outOfFoldProba({ inputs, fitRows, targets, train: split.train, devRows, devGold, k: 2, seed: 42, epochs: 10, folds: 5 });
 */
export function outOfFoldProba(o: {
  inputs: readonly unknown[];
  fitRows: Int32Array;
  targets: Float64Array;
  train: Int32Array;
  devRows: Int32Array;
  devGold: Int32Array;
  k: number;
  seed: number;
  epochs: number;
  folds?: number;
  hidden?: readonly number[];
  features?: RowFeaturizerOptions;
  signal?: AbortSignal;
}): Probabilities {
  const folds = o.folds ?? 5;
  const { k } = o;
  if (!Number.isInteger(folds) || folds < 2) throw new EngineError("INVALID_ARGUMENT", `out-of-fold predictions need at least 2 folds, got ${folds}`);
  if (o.fitRows.length < folds) throw new EngineError("INVALID_ARGUMENT", `out-of-fold predictions: ${o.fitRows.length} fit rows for ${folds} folds`);
  if (o.targets.length !== o.fitRows.length * k)
    throw new EngineError("INVALID_ARGUMENT", `out-of-fold predictions: ${o.targets.length / k} targets for ${o.fitRows.length} fit rows`);
  const n = o.inputs.length;
  const foldOf = new Int32Array(o.fitRows.length);
  seededShuffle(
    Array.from({ length: o.fitRows.length }, (_, x) => x),
    o.seed,
  ).forEach((x, rank) => (foldOf[x] = rank % folds));
  const out = createProbabilities(n, k);
  const isFit = new Uint8Array(n);
  for (const r of o.fitRows) isFit[r] = 1;
  for (let f = 0; f < folds; f++) {
    o.signal?.throwIfAborted();
    const inFold = Array.from(foldOf.keys()).filter((x) => foldOf[x] !== f);
    const fitRows = Int32Array.from(inFold, (x) => o.fitRows[x]!);
    const targets = new Float64Array(inFold.length * k);
    inFold.forEach((x, at) => targets.set(o.targets.subarray(x * k, (x + 1) * k), at * k));
    const { proba } = distillModel({
      inputs: o.inputs,
      fitRows,
      targets: { n: fitRows.length, k, values: targets },
      train: o.train,
      devRows: o.devRows,
      devGold: o.devGold,
      k,
      seed: o.seed + f,
      epochs: o.epochs,
      ...(o.hidden ? { hidden: o.hidden } : {}),
      ...(o.features ? { features: o.features } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    foldOf.forEach((g, x) => {
      if (g !== f) return;
      const r = o.fitRows[x]!;
      out.values.set(proba.values.subarray(r * k, (r + 1) * k), r * k);
    });
    for (let i = 0; i < n; i++) if (!isFit[i]) for (let c = 0; c < k; c++) out.values[i * k + c]! += proba.values[i * k + c]! / folds;
  }
  return out;
}
