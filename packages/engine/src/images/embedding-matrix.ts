import { EngineError } from "../errors/engine-error";

/** Dense row-major embeddings: `rows` vectors of `cols` floats. */
export interface EmbeddingMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float32Array;
}

/**
 * Checks the shape and wraps `values` as an `rows x cols` matrix.
 *
 * @example
 * embeddingMatrix(2, 3, new Float32Array(6));
 */
export function embeddingMatrix(rows: number, cols: number, values: Float32Array): EmbeddingMatrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 1 || values.length !== rows * cols) {
    throw new EngineError("INVALID_ARGUMENT", `embedding matrix ${rows} x ${cols} needs ${rows * cols} values, got ${values.length}`);
  }
  return { rows, cols, values };
}

/**
 * A copy with every row scaled to unit L2 norm (all-zero rows stay zero), computed in float64.
 *
 * @example
 * l2NormalizeRows(embeddingMatrix(1, 2, Float32Array.of(3, 4))).values; // [0.6, 0.8]
 */
export function l2NormalizeRows(matrix: EmbeddingMatrix): EmbeddingMatrix {
  const { rows, cols, values } = matrix;
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += values[r * cols + c]! ** 2;
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let c = 0; c < cols; c++) out[r * cols + c] = values[r * cols + c]! * scale;
  }
  return { rows, cols, values: out };
}
