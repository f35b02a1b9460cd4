import { EngineError } from "../errors/engine-error";
import { l2NormalizeRows, type EmbeddingMatrix } from "./embedding-matrix";
import { orthonormalBasis } from "./roboshot-projection";

/**
 * RoboShot insights as text: each entry is a pair `[a, b]` (the direction a - b, e.g. "blue
 * water" vs "green grass") or a single concept `[a]` (its own direction).
 */
export interface RoboShotInsights {
  /** Spurious directions, projected out of every embedding. */
  readonly harmful: readonly (readonly string[])[];
  /** Directions that tell the classes apart, boosted after the projection. */
  readonly helpful: readonly (readonly string[])[];
}

/**
 * The RoboShot calibration as one `D x D` matrix `M` (row vectors: `x_cal = normalize(normalize(x) M)`):
 * `M = P (I + (boost - 1) V^T V)` where `P = I - U^T U` removes the span `U` of the harmful
 * directions and `V` is an orthonormal basis of the helpful directions after that projection,
 * whose components are multiplied by `boost`. Being linear, it travels into the ONNX export.
 *
 * @example
 * const M = roboShotMatrix(harmfulDirections, helpfulDirections, 2);
 */
export function roboShotMatrix(harmful: EmbeddingMatrix, helpful: EmbeddingMatrix, boost = 2): Float32Array {
  const d = harmful.cols;
  if (helpful.cols !== d) throw new EngineError("INVALID_ARGUMENT", `harmful directions have ${d} dimensions, helpful ${helpful.cols}`);
  if (!(boost >= 1)) throw new EngineError("INVALID_ARGUMENT", `RoboShot boost must be >= 1, got ${boost}`);
  const U = orthonormalBasis(harmful);
  const P = new Float64Array(d * d);
  for (let i = 0; i < d; i++) P[i * d + i] = 1;
  for (let b = 0; b < U.rows; b++) {
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) P[i * d + j]! -= U.values[b * d + i]! * U.values[b * d + j]!;
  }
  const projected = new Float32Array(helpful.values.length);
  for (let r = 0; r < helpful.rows; r++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += helpful.values[r * d + i]! * P[i * d + j]!;
      projected[r * d + j] = s;
    }
  }
  const V = orthonormalBasis({ rows: helpful.rows, cols: d, values: projected });
  const M = new Float32Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      // (P B)[i][j] = P[i][j] + (boost - 1) * sum_v (P v)_i v_j, and P v = v since v lies in P's range.
      let boosted = 0;
      for (let b = 0; b < V.rows; b++) boosted += V.values[b * d + i]! * V.values[b * d + j]!;
      M[i * d + j] = P[i * d + j]! + (boost - 1) * boosted;
    }
  }
  return M;
}

/**
 * Applies a calibration matrix: rows L2-normalised, multiplied by `M`, normalised again.
 *
 * @example
 * const calibrated = calibrateEmbeddings(imageEmbeddings, roboShotMatrix(harmful, helpful));
 */
export function calibrateEmbeddings(embeddings: EmbeddingMatrix, M: Float32Array): EmbeddingMatrix {
  const d = embeddings.cols;
  if (M.length !== d * d) throw new EngineError("INVALID_ARGUMENT", `calibration matrix has ${M.length} values, expected ${d} x ${d}`);
  const x = l2NormalizeRows(embeddings);
  const out = new Float32Array(x.values.length);
  for (let r = 0; r < x.rows; r++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += x.values[r * d + i]! * M[i * d + j]!;
      out[r * d + j] = s;
    }
  }
  return l2NormalizeRows({ rows: x.rows, cols: d, values: out });
}
