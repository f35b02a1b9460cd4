/** What a catch-up over `skipped` zero-gradient steps does to a weight: move by `move * m / (sqrt(v) + eps)`, decay the moments. */
export interface CatchUpFactors {
  readonly move: number;
  readonly decay1: number;
  readonly decay2: number;
}

/**
 * Catch-up factors for a row last updated at step `last` and now at step `now` (skipping
 * `now - last - 1` steps when `current` is true, i.e. before this step's own update; `now - last`
 * otherwise). Dense Adam's skipped step j subtracts stepSize_j * beta1^j m / (sqrt(beta2^j v) + eps)
 * ~= stepSize * q^j m / (sqrt(v) + eps) with q = beta1 / sqrt(beta2): a geometric series summed in
 * closed form, with the step size of the first skipped step (the series' weight sits in its first
 * ~10 terms). Factors are memoised per (first step, skipped) pair's inputs, so a batch costs no pow calls.
 *
 * @example
 * const table = new CatchUpTable(1e-3, 0.9, 0.999);
 * lazyAdamCatchUp(W0, mW0, vW0, row * h, row * h + h, table.factors(lastStep + 1, skipped), 1e-7);
 */
export class CatchUpTable {
  private readonly q: number;
  private stepSizes: Float64Array<ArrayBuffer> = new Float64Array(0);
  private powers = { q: new Float64Array(1).fill(1), b1: new Float64Array(1).fill(1), b2: new Float64Array(1).fill(1) };

  constructor(
    private readonly learningRate: number,
    private readonly beta1: number,
    private readonly beta2: number,
  ) {
    this.q = beta1 / Math.sqrt(beta2);
  }

  factors(firstSkippedStep: number, skipped: number): CatchUpFactors {
    this.grow(Math.max(firstSkippedStep, skipped) + 1);
    const { q, b1, b2 } = this.powers;
    const series = this.q === 1 ? skipped : (this.q * (1 - q[skipped]!)) / (1 - this.q);
    return { move: this.stepSizes[firstSkippedStep]! * series, decay1: b1[skipped]!, decay2: b2[skipped]! };
  }

  private grow(size: number): void {
    if (size <= this.stepSizes.length) return;
    const next = Math.max(size, 2 * this.stepSizes.length, 64);
    const extend = (old: Float64Array, f: (i: number, prev: Float64Array) => number): Float64Array<ArrayBuffer> => {
      const out = new Float64Array(next);
      out.set(old);
      for (let i = old.length; i < next; i++) out[i] = f(i, out);
      return out;
    };
    const { learningRate: lr, beta1, beta2 } = this;
    this.stepSizes = extend(this.stepSizes, (t) => (t === 0 ? 0 : (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t)));
    this.powers = {
      q: extend(this.powers.q, (i, a) => a[i - 1]! * this.q),
      b1: extend(this.powers.b1, (i, a) => a[i - 1]! * beta1),
      b2: extend(this.powers.b2, (i, a) => a[i - 1]! * beta2),
    };
  }
}

/**
 * Brings one first-layer weight row `param[from..to)` up to date after Adam steps in which its
 * features were absent (zero gradient), as dense Adam would have moved it (see `CatchUpTable`).
 *
 * @example
 * lazyAdamCatchUp(W0, mW0, vW0, row * h, row * h + h, table.factors(lastStep + 1, skipped), 1e-7);
 */
export function lazyAdamCatchUp(
  param: Float32Array,
  m: Float32Array,
  v: Float32Array,
  from: number,
  to: number,
  factors: CatchUpFactors,
  epsilon: number,
): void {
  const { move, decay1, decay2 } = factors;
  for (let x = from; x < to; x++) {
    const mx = m[x]!;
    if (mx === 0) continue;
    param[x]! -= (move * mx) / (Math.sqrt(v[x]!) + epsilon);
    m[x] = mx * decay1;
    v[x] = v[x]! * decay2;
  }
}
