import type { Probabilities } from "../core/probabilities";
import type { SparseMatrix } from "../core/sparse-matrix";
import { EngineError } from "../errors/engine-error";
import { createRng } from "../random/create-rng";
import { adamConfig, adamStep } from "./adam-step";
import { CatchUpTable, lazyAdamCatchUp } from "./lazy-adam-catch-up";
import type { MlpClassifierOptions } from "./check-mlp-options";
import { mlpBackward, type MlpGrads, type TouchedRows } from "./mlp-backward";
import { mlpForward, type MlpParams } from "./mlp-forward";

/** Every buffer one training run needs, allocated once so batches allocate nothing. */
export interface MlpWorkspace {
  readonly acts: Float32Array[];
  readonly deltas: Float32Array[];
  readonly grads: MlpGrads;
  readonly m: MlpGrads;
  readonly v: MlpGrads;
  readonly touched: TouchedRows;
  /** Adam step at which each first-layer row was last brought up to date (0 = never moved). */
  readonly lastStep: Int32Array;
  catchUp: CatchUpTable | null;
  order: Int32Array;
  step: number;
}

const zerosLike = (params: MlpParams): MlpGrads => ({
  weights: params.weights.map((w) => new Float32Array(w.length)),
  biases: params.biases.map((b) => new Float32Array(b.length)),
});

/**
 * Allocates the activations, gradients and Adam moments for `params` and batches of `batchSize`.
 *
 * @example
 * const workspace = createMlpWorkspace(params, 64);
 */
export function createMlpWorkspace(params: MlpParams, batchSize: number): MlpWorkspace {
  const layerBuffers = (): Float32Array[] => params.sizes.slice(1).map((size) => new Float32Array(batchSize * size));
  const inputSize = params.sizes[0]!;
  const touched: TouchedRows = { stamp: new Int32Array(inputSize), list: new Int32Array(inputSize), count: 0, step: 0 };
  return {
    acts: layerBuffers(),
    deltas: layerBuffers(),
    grads: zerosLike(params),
    m: zerosLike(params),
    v: zerosLike(params),
    touched,
    lastStep: new Int32Array(inputSize),
    catchUp: null,
    order: new Int32Array(0),
    step: 0,
  };
}

/**
 * One epoch of mini-batch Adam over all rows, shuffled by `createRng(seed + epoch)`. Checks
 * `signal` before every batch. Returns the mean cross-entropy over the epoch's rows.
 *
 * @example
 * const loss = trainMlpEpoch(params, X, targets, workspace, options, 1, signal);
 */
export function trainMlpEpoch(
  params: MlpParams,
  X: SparseMatrix,
  targets: Probabilities,
  workspace: MlpWorkspace,
  options: Required<MlpClassifierOptions>,
  epoch: number,
  signal?: AbortSignal,
): number {
  const n = X.rows;
  const { batchSize, learningRate, beta1, beta2, epsilon, seed } = options;
  if (workspace.order.length !== n) workspace.order = new Int32Array(n);
  const order = workspace.order;
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = createRng((seed + epoch) | 0);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const { acts, deltas, grads, m, v, touched } = workspace;
  const table = (workspace.catchUp ??= new CatchUpTable(learningRate, beta1, beta2));
  const h = params.sizes[1]!;
  let lossSum = 0;
  for (let start = 0; start < n; start += batchSize) {
    if (signal?.aborted) throw new EngineError("ABORTED", `MLP training aborted in epoch ${epoch} at row ${start} of ${n}`);
    const count = Math.min(batchSize, n - start);
    const rows = order.subarray(start, start + count);
    // Catch up the batch's first-layer rows before the forward pass, so gradients see dense-Adam weights.
    for (let r = 0; r < count; r++) {
      for (let p = X.indptr[rows[r]!]!; p < X.indptr[rows[r]! + 1]!; p++) catchUpRow(params, workspace, table, X.indices[p]!, epsilon);
    }
    mlpForward(params, X, rows, count, acts);
    lossSum += mlpBackward(params, X, rows, count, acts, targets.values, deltas, grads, touched);
    const config = adamConfig(learningRate, beta1, beta2, epsilon, ++workspace.step);
    for (let l = 0; l < params.weights.length; l++) {
      adamStep(params.biases[l]!, grads.biases[l]!, m.biases[l]!, v.biases[l]!, 0, params.biases[l]!.length, config);
      if (l > 0) adamStep(params.weights[l]!, grads.weights[l]!, m.weights[l]!, v.weights[l]!, 0, params.weights[l]!.length, config);
    }
    for (let t = 0; t < touched.count; t++) {
      const row = touched.list[t]!;
      const base = row * h;
      adamStep(params.weights[0]!, grads.weights[0]!, m.weights[0]!, v.weights[0]!, base, base + h, config);
      workspace.lastStep[row] = workspace.step;
    }
  }
  flushFirstLayer(params, workspace, table, epsilon);
  return n === 0 ? 0 : lossSum / n;
}

/** Applies every first-layer row's pending catch-up so the weights equal (approximately) dense Adam's. */
function flushFirstLayer(params: MlpParams, workspace: MlpWorkspace, table: CatchUpTable, epsilon: number): void {
  for (let row = 0; row < workspace.lastStep.length; row++) catchUpRow(params, workspace, table, row, epsilon);
}

/** Moves first-layer row `row` through the steps since it was last updated (none if never, or up to date). */
function catchUpRow(params: MlpParams, workspace: MlpWorkspace, table: CatchUpTable, row: number, epsilon: number): void {
  const last = workspace.lastStep[row]!;
  if (last === 0 || last >= workspace.step) return;
  const h = params.sizes[1]!;
  lazyAdamCatchUp(
    params.weights[0]!,
    workspace.m.weights[0]!,
    workspace.v.weights[0]!,
    row * h,
    row * h + h,
    table.factors(last + 1, workspace.step - last),
    epsilon,
  );
  workspace.lastStep[row] = workspace.step;
}
