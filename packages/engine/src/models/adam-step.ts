/** Adam hyper-parameters plus the bias-corrected step size of the current update. */
export interface AdamConfig {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** learningRate * sqrt(1 - beta2^t) / (1 - beta1^t) for update number t (1-based). */
  readonly stepSize: number;
}

/**
 * One Adam update of `param[from..to)` in place (the "epsilon hat" form used by TensorFlow:
 * `param -= stepSize * m / (sqrt(v) + epsilon)`).
 *
 * @example
 * adamStep(W, gW, mW, vW, 0, W.length, adamConfig(0.001, 0.9, 0.999, 1e-7, t));
 */
export function adamStep(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, from: number, to: number, config: AdamConfig): void {
  const { beta1, beta2, epsilon, stepSize } = config;
  for (let x = from; x < to; x++) {
    const g = grad[x]!;
    const mx = beta1 * m[x]! + (1 - beta1) * g;
    const vx = beta2 * v[x]! + (1 - beta2) * g * g;
    m[x] = mx;
    v[x] = vx;
    param[x]! -= (stepSize * mx) / (Math.sqrt(vx) + epsilon);
  }
}

/**
 * Adam configuration for update number `t` (1-based).
 *
 * @example
 * adamConfig(1e-3, 0.9, 0.999, 1e-7, 1).stepSize; // ≈ 1e-3 * sqrt(0.001) / 0.1
 */
export function adamConfig(learningRate: number, beta1: number, beta2: number, epsilon: number, t: number): AdamConfig {
  return { beta1, beta2, epsilon, stepSize: (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t) };
}
