/** n rows x k classes of probabilities, row-major: `values[i * k + c]`. Rows sum to 1. */
export interface Probabilities {
  readonly n: number;
  readonly k: number;
  readonly values: Float64Array;
}

export function createProbabilities(n: number, k: number): Probabilities {
  return { n, k, values: new Float64Array(n * k) };
}
