import type { AdamConfig } from "./adam-step";

/**
 * Brings one first-layer weight row `param[from..to)` up to date after `skipped` Adam steps in
 * which its features were absent (zero gradient). Dense Adam would have kept moving it: step j
 * subtracts stepSize * beta1^j m / (sqrt(beta2^j v) + eps) ~= stepSize * q^j m / (sqrt(v) + eps)
 * with q = beta1 / sqrt(beta2), a geometric series summed in closed form; then the moments decay
 * by beta1^skipped and beta2^skipped. This makes the sparse first layer track dense Adam closely
 * at the cost of one pass over the row when it is next touched (or flushed). `config` is the
 * configuration of the first skipped step (the series' weight sits in its first ~10 terms).
 *
 * @example
 * lazyAdamCatchUp(W0, mW0, vW0, row * h, row * h + h, stepsSinceLastUpdate, config);
 */
export function lazyAdamCatchUp(param: Float32Array, m: Float32Array, v: Float32Array, from: number, to: number, skipped: number, config: AdamConfig): void {
  if (skipped <= 0) return;
  const { beta1, beta2, epsilon, stepSize } = config;
  const q = beta1 / Math.sqrt(beta2);
  const series = q === 1 ? skipped : (q * (1 - q ** skipped)) / (1 - q);
  const decay1 = beta1 ** skipped;
  const decay2 = beta2 ** skipped;
  for (let x = from; x < to; x++) {
    const mx = m[x]!;
    if (mx === 0) continue;
    param[x]! -= (stepSize * series * mx) / (Math.sqrt(v[x]!) + epsilon);
    m[x] = mx * decay1;
    v[x] = v[x]! * decay2;
  }
}
