import type { SparseMatrix } from "../core/sparse-matrix";
import { EngineError } from "../errors/engine-error";
import { multiLabelReport } from "../metrics/multi-label-report";
import { checkMlpOptions, type MlpClassifierOptions } from "./check-mlp-options";
import { initMlpParams } from "./init-mlp-params";
import type { MlpEpochInfo } from "./mlp-classifier";
import type { MlpParams } from "./mlp-forward";
import { mlpProbabilities } from "./mlp-probabilities";
import { createMlpWorkspace, trainMlpEpoch } from "./train-mlp-epoch";

export interface MultiLabelMlpFitOptions extends MlpClassifierOptions {
  /** Early stopping on micro-F1 (threshold 0.5) against these gold class sets (rows x k indicators). */
  readonly dev?: { readonly X: SparseMatrix; readonly gold: Uint8Array };
  readonly signal?: AbortSignal;
  /** `devAccuracy` carries the dev micro-F1. */
  readonly onEpoch?: (info: MlpEpochInfo) => void;
}

/**
 * A ReLU MLP with k sigmoid outputs trained with binary cross-entropy per class on soft targets
 * (the one-vs-rest label models' probabilities): the multi-label counterpart of `MlpClassifier`,
 * with the same sparse first layer, lazy Adam, seeded shuffles and early stopping (on dev
 * micro-F1 here). Returns the best epoch's parameters (`output: "sigmoid"`).
 *
 * @example
 * const fit = fitMultiLabelMlp(X, targets, { inputSize: X.cols, k: 3, epochs: 30, seed: 42, dev: { X: Xdev, gold } });
 * mlpProbabilities(fit.params, X); // n x 3 independent probabilities
 */
export function fitMultiLabelMlp(
  X: SparseMatrix,
  targets: Float64Array,
  options: MultiLabelMlpFitOptions,
): { params: MlpParams; epochs: number; bestEpoch: number } {
  const { dev, signal, onEpoch, ...rest } = options;
  const config = checkMlpOptions(rest);
  const { inputSize, k, hidden, epochs, patience, seed } = config;
  if (X.cols !== inputSize) throw new EngineError("INVALID_ARGUMENT", `fitMultiLabelMlp: X has ${X.cols} columns, the model takes ${inputSize}`);
  if (targets.length !== X.rows * k) throw new EngineError("INVALID_ARGUMENT", `fitMultiLabelMlp: ${targets.length} targets for ${X.rows} rows x ${k} classes`);
  if (dev && (dev.X.cols !== inputSize || dev.gold.length !== dev.X.rows * k)) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `fitMultiLabelMlp: dev X is ${dev.X.rows} x ${dev.X.cols} with ${dev.gold.length} gold entries, expected ${inputSize} columns and ${k} per row`,
    );
  }
  const params: MlpParams = { ...initMlpParams([inputSize, ...hidden, k], seed), output: "sigmoid" };
  const workspace = createMlpWorkspace(params, config.batchSize);
  const classNames = Array.from({ length: k }, (_, c) => String(c));
  let best: { epoch: number; score: number; weights: Float32Array[]; biases: Float32Array[] } | null = null;
  let epoch = 0;
  while (epoch < epochs) {
    epoch++;
    const loss = trainMlpEpoch(params, X, { n: X.rows, k, values: targets }, workspace, config, epoch, signal);
    const score = dev
      ? multiLabelReport(
          dev.gold,
          Uint8Array.from(mlpProbabilities(params, dev.X), (p) => (p >= 0.5 ? 1 : 0)),
          classNames,
        ).microF1
      : null;
    onEpoch?.({ epoch, loss, devAccuracy: score });
    if (score === null) continue;
    if (!best || score > best.score) best = { epoch, score, weights: params.weights.map((w) => w.slice()), biases: params.biases.map((b) => b.slice()) };
    else if (epoch - best.epoch >= patience) break;
  }
  if (!best) return { params, epochs: epoch, bestEpoch: epoch };
  best.weights.forEach((w, l) => params.weights[l]!.set(w));
  best.biases.forEach((b, l) => params.biases[l]!.set(b));
  return { params, epochs: epoch, bestEpoch: best.epoch };
}
