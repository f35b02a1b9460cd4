import { createProbabilities, type Probabilities } from "../core/probabilities";
import type { SparseMatrix } from "../core/sparse-matrix";
import { EngineError } from "../errors/engine-error";
import { accuracy } from "../metrics/accuracy";
import { checkMlpOptions, type MlpClassifierOptions } from "./check-mlp-options";
import { initMlpParams } from "./init-mlp-params";
import { mlpForward, type MlpParams } from "./mlp-forward";
import { mlpParamsFromJson, mlpParamsToJson, type MlpJson } from "./mlp-json";
import { trainMlpEpoch, createMlpWorkspace } from "./train-mlp-epoch";

export type { MlpClassifierOptions } from "./check-mlp-options";
export interface MlpEpochInfo {
  readonly epoch: number;
  readonly loss: number;
  readonly devAccuracy: number | null;
}
export interface MlpFitOptions {
  /** Early stopping: accuracy on these gold labels (entries < 0 ignored) after every epoch. */
  readonly dev?: { readonly X: SparseMatrix; readonly y: ArrayLike<number> };
  readonly signal?: AbortSignal;
  readonly onEpoch?: (info: MlpEpochInfo) => void;
}

/**
 * ReLU MLP with a softmax output trained on soft labels (mean cross-entropy against target
 * probabilities) with Adam. The first layer reads the sparse input directly and takes lazy Adam
 * updates (only the weight rows of features present in a batch are computed); a row's skipped
 * zero-gradient steps are caught up in closed form when it is next touched and at every epoch's
 * end, so training tracks dense Adam (see `lazyAdamCatchUp`). Defaults: hidden [32, 32], 20 epochs, batch 64, learning rate 1e-3,
 * betas 0.9 / 0.999, epsilon 1e-7, patience 3, seed 0. Bit-for-bit deterministic for a seed.
 *
 * @example
 * const mlp = new MlpClassifier({ inputSize: X.cols, k: 2, seed: 7 });
 * mlp.fit(X, probs, { dev: { X: Xdev, y: yDev }, onEpoch: (e) => console.log(e) });
 * const yHat = mlp.predict(Xtest);
 */
export class MlpClassifier {
  readonly options: Required<MlpClassifierOptions>;
  private params: MlpParams | null = null;

  constructor(options: MlpClassifierOptions) {
    this.options = checkMlpOptions(options);
  }

  fit(X: SparseMatrix, targets: Probabilities, options: MlpFitOptions = {}): { epochs: number; bestEpoch: number } {
    const { inputSize, k, hidden, epochs, patience, seed } = this.options;
    const { dev, signal, onEpoch } = options;
    if (X.cols !== inputSize) throw new EngineError("INVALID_ARGUMENT", `MlpClassifier.fit: X has ${X.cols} columns, the model takes ${inputSize}`);
    if (targets.n !== X.rows || targets.k !== k) {
      throw new EngineError("INVALID_ARGUMENT", `MlpClassifier.fit: targets are ${targets.n} x ${targets.k}, expected ${X.rows} x ${k}`);
    }
    if (dev && (dev.X.cols !== inputSize || dev.y.length !== dev.X.rows)) {
      throw new EngineError(
        "INVALID_ARGUMENT",
        `MlpClassifier.fit: dev X is ${dev.X.rows} x ${dev.X.cols} with ${dev.y.length} labels, expected ${inputSize} columns and one label per row`,
      );
    }
    const params = initMlpParams([inputSize, ...hidden, k], seed);
    this.params = params;
    const workspace = createMlpWorkspace(params, this.options.batchSize);
    let best: { epoch: number; accuracy: number; weights: Float32Array[]; biases: Float32Array[] } | null = null;
    let epoch = 0;
    while (epoch < epochs) {
      epoch++;
      const loss = trainMlpEpoch(params, X, targets, workspace, this.options, epoch, signal);
      const devAccuracy = dev ? accuracy(dev.y, this.predict(dev.X)) : null;
      onEpoch?.({ epoch, loss, devAccuracy });
      if (devAccuracy === null) continue;
      if (!best || devAccuracy > best.accuracy) {
        best = { epoch, accuracy: devAccuracy, weights: params.weights.map((w) => w.slice()), biases: params.biases.map((b) => b.slice()) };
      } else if (epoch - best.epoch >= patience) break;
    }
    if (!best) return { epochs: epoch, bestEpoch: epoch };
    best.weights.forEach((w, l) => params.weights[l]!.set(w));
    best.biases.forEach((b, l) => params.biases[l]!.set(b));
    return { epochs: epoch, bestEpoch: best.epoch };
  }

  /** Class probabilities per row (n x k). */
  predictProba(X: SparseMatrix): Probabilities {
    const params = this.requireParams();
    const { inputSize, k } = this.options;
    if (X.cols !== inputSize) throw new EngineError("INVALID_ARGUMENT", `MlpClassifier.predictProba: X has ${X.cols} columns, the model takes ${inputSize}`);
    const chunk = 256;
    const acts = params.sizes.slice(1).map((size) => new Float32Array(chunk * size));
    const rows = new Int32Array(chunk);
    const out = createProbabilities(X.rows, k);
    for (let start = 0; start < X.rows; start += chunk) {
      const count = Math.min(chunk, X.rows - start);
      for (let r = 0; r < count; r++) rows[r] = start + r;
      mlpForward(params, X, rows, count, acts);
      const probs = acts[acts.length - 1]!;
      for (let x = 0; x < count * k; x++) out.values[start * k + x] = probs[x]!;
    }
    return out;
  }

  /** Argmax class per row (first class on ties). */
  predict(X: SparseMatrix): Int32Array {
    const { n, k, values } = this.predictProba(X);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (values[i * k + c]! > values[i * k + best]!) best = c;
      out[i] = best;
    }
    return out;
  }

  /** Layer sizes and base64 Float32 weights (row-major [in][out]) — see `mlpForward` for the math. */
  toJSON(): MlpJson {
    return mlpParamsToJson(this.requireParams(), this.options);
  }

  static fromJSON(json: MlpJson): MlpClassifier {
    const { options, params } = mlpParamsFromJson(json);
    const model = new MlpClassifier(options);
    model.params = params;
    return model;
  }

  private requireParams(): MlpParams {
    if (!this.params) throw new EngineError("INVALID_ARGUMENT", "MlpClassifier: call fit() (or fromJSON) before predicting");
    return this.params;
  }
}
