/**
 * The fixed inputs of Snorkel's matrix-completion objective: O (d x d, already divided by n),
 * the class balance p (k), mu_init (d x k), the l2 strength, and k (blocks of k columns belong
 * to one program; d = m * k).
 */
export interface SnorkelObjective {
  readonly d: number;
  readonly k: number;
  readonly O: Float64Array;
  readonly p: Float64Array;
  readonly muInit: Float64Array;
  readonly l2: number;
}

/**
 * Snorkel's `_loss_mu` and its gradient, derived by hand (no autograd):
 *   loss = sum_{a,b in different programs} (O_ab - (mu P mu^T)_ab)^2
 *        + sum_a ((mu P 1)_a - O_aa)^2 + l2^2 ||mu - mu_init||^2.
 * With R the masked residual (symmetric), d/dmu = -4 R mu P + 2 e p^T + 2 l2^2 (mu - mu_init),
 * where e_a = (mu P 1)_a - O_aa. Writes the gradient into `grad` (d x k) and returns the loss.
 * Only the upper triangle is visited: the mask and both matrices are symmetric.
 *
 * @example
 * const grad = new Float64Array(d * k);
 * const loss = snorkelLoss(mu, objective, grad);
 */
export function snorkelLoss(mu: Float64Array, objective: SnorkelObjective, grad: Float64Array): number {
  const { d, k, O, p, muInit, l2 } = objective;
  grad.fill(0);
  let loss = 0;
  for (let a = 0; a < d; a++) {
    const ra = a * k;
    // Program blocks start at multiples of k; columns in a's own block are masked out.
    const firstOther = (Math.floor(a / k) + 1) * k;
    for (let b = firstOther; b < d; b++) {
      const rb = b * k;
      let m = 0;
      for (let c = 0; c < k; c++) m += mu[ra + c]! * p[c]! * mu[rb + c]!;
      const r = O[a * d + b]! - m;
      loss += 2 * r * r;
      // Each off-diagonal pair appears twice in the full symmetric sum: -4 R_ab mu_b p for row a and vice versa.
      for (let c = 0; c < k; c++) {
        const w = -4 * r * p[c]!;
        grad[ra + c]! += w * mu[rb + c]!;
        grad[rb + c]! += w * mu[ra + c]!;
      }
    }
    let s = 0;
    for (let c = 0; c < k; c++) s += mu[ra + c]! * p[c]!;
    const e = s - O[a * d + a]!;
    loss += e * e;
    for (let c = 0; c < k; c++) grad[ra + c]! += 2 * e * p[c]!;
  }
  if (l2 !== 0) {
    const l2sq = l2 * l2;
    for (let i = 0; i < d * k; i++) {
      const diff = mu[i]! - muInit[i]!;
      loss += l2sq * diff * diff;
      grad[i]! += 2 * l2sq * diff;
    }
  }
  return loss;
}
