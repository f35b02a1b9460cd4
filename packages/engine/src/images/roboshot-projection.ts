import { EngineError } from "../errors/engine-error";
import { l2NormalizeRows, type EmbeddingMatrix } from "./embedding-matrix";

/**
 * An orthonormal basis of the span of `directions` (modified Gram-Schmidt in float64). Directions
 * that are (numerically) in the span of earlier ones are dropped, so the basis may have fewer rows.
 *
 * @example
 * orthonormalBasis(embeddingMatrix(2, 2, Float32Array.of(2, 0, 1, 1))).values; // [1, 0, 0, 1]
 */
export function orthonormalBasis(directions: EmbeddingMatrix, tolerance = 1e-6): EmbeddingMatrix {
  const { rows, cols, values } = directions;
  const basis: Float64Array[] = [];
  for (let r = 0; r < rows; r++) {
    const v = Float64Array.from(values.subarray(r * cols, (r + 1) * cols));
    const norm0 = Math.hypot(...v);
    for (const u of basis) {
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += v[c]! * u[c]!;
      for (let c = 0; c < cols; c++) v[c]! -= dot * u[c]!;
    }
    const norm = Math.hypot(...v);
    if (norm0 === 0 || norm <= tolerance * norm0) continue;
    basis.push(v.map((x) => x / norm));
  }
  const out = new Float32Array(basis.length * cols);
  basis.forEach((u, i) => out.set(u, i * cols));
  return { rows: basis.length, cols, values: out };
}

/**
 * RoboShot-style calibration (Adila et al., 2024): removes the spurious directions' span from
 * every (L2-normalised) embedding, `x - sum_j <x, u_j> u_j` over an orthonormal basis `u` of the
 * directions, then re-normalises. Scores computed afterwards no longer move with the spurious
 * concepts. Directions are typically text embeddings of concepts an LLM names as spurious, or
 * differences of pairs ("water background" - "land background").
 *
 * @example
 * const calibrated = projectOut(imageEmbeds, spuriousTextEmbeds);
 */
export function projectOut(embeddings: EmbeddingMatrix, directions: EmbeddingMatrix): EmbeddingMatrix {
  if (embeddings.cols !== directions.cols) {
    throw new EngineError("INVALID_ARGUMENT", `embeddings have ${embeddings.cols} dimensions but spurious directions ${directions.cols}`);
  }
  const basis = orthonormalBasis(directions);
  const x = l2NormalizeRows(embeddings);
  const d = x.cols;
  const out = new Float32Array(x.values.length);
  for (let r = 0; r < x.rows; r++) {
    const v = Float64Array.from(x.values.subarray(r * d, (r + 1) * d));
    for (let b = 0; b < basis.rows; b++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += v[c]! * basis.values[b * d + c]!;
      for (let c = 0; c < d; c++) v[c]! -= dot * basis.values[b * d + c]!;
    }
    out.set(v, r * d);
  }
  return l2NormalizeRows({ rows: x.rows, cols: d, values: out });
}
