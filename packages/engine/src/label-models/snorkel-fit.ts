import { EngineError } from "../errors/engine-error";
import { snorkelLoss, type SnorkelObjective } from "./snorkel-loss";
import { snorkelNumpyRandom } from "./snorkel-numpy-random";
import { snorkelPermutation } from "./snorkel-permutation";
import type { SufficientStatistics } from "./sufficient-statistics";

/** Snorkel's `TrainConfig` defaults: 100 epochs, SGD lr 0.01 momentum 0.9, l2 0, prec_init 0.7. */
export interface SnorkelTrainOptions {
  readonly epochs?: number;
  readonly lr?: number;
  readonly l2?: number;
  readonly momentum?: number;
  /** P(Y = y | program votes y) assumed at the start, one number or one per program. */
  readonly precInit?: number | readonly number[];
  /** Final clamp of mu to [muEps, 1 - muEps]; default min(0.01, 10^-ceil(log10 n)) as Snorkel. */
  readonly muEps?: number;
  readonly signal?: AbortSignal;
}

export interface SnorkelFitResult {
  /** d x k, mu[(j * k + v) * k + y] = P(program j votes v | Y = y). */
  readonly mu: Float64Array;
  readonly loss: number;
}

/**
 * Snorkel's LabelModel training loop from sufficient statistics only: O = counts / n, mu_init from
 * prec_init and the class balance p, mu = mu_init * U(0, 1) (Snorkel's one draw,
 * `np.random.random()` after `np.random.seed(seed)`, reproduced exactly), full-batch SGD with momentum on `snorkelLoss`, then the clamp and the
 * column-permutation fix. `p` is used as given (WRENCH's balances need not sum to 1).
 *
 * @example
 * const { mu } = snorkelFit(sufficientStatistics(L, 2), Float64Array.of(0.5, 0.5), 7, { epochs: 300 });
 */
export function snorkelFit(stats: SufficientStatistics, p: Float64Array, seed: number, options: SnorkelTrainOptions = {}): SnorkelFitResult {
  const { n, m, k } = stats;
  const { epochs = 100, lr = 0.01, l2 = 0, momentum = 0.9, precInit = 0.7 } = options;
  if (m < 3) throw new EngineError("INVALID_ARGUMENT", `Snorkel's label model needs at least 3 programs, got m = ${m}`);
  if (n < 1) throw new EngineError("INVALID_ARGUMENT", `Snorkel's label model needs at least 1 row, got n = ${n}`);
  if (!Number.isInteger(epochs) || epochs < 0) throw new EngineError("INVALID_ARGUMENT", `snorkel: epochs must be a non-negative integer, got ${epochs}`);
  if (!(lr > 0) || !(l2 >= 0) || !(momentum >= 0 && momentum < 1)) {
    throw new EngineError("INVALID_ARGUMENT", `snorkel: need lr > 0, l2 >= 0, 0 <= momentum < 1; got lr ${lr}, l2 ${l2}, momentum ${momentum}`);
  }
  const prec = typeof precInit === "number" ? new Array<number>(m).fill(precInit) : precInit;
  if (prec.length !== m) throw new EngineError("INVALID_ARGUMENT", `snorkel: precInit has ${prec.length} entries for m = ${m} programs`);
  const d = m * k;
  const O = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) O[i] = stats.O[i]! / n;
  const muInit = new Float64Array(d * k);
  for (let j = 0; j < m; j++) {
    for (let y = 0; y < k; y++) {
      const a = j * k + y;
      muInit[a * k + y] = Math.min(1, Math.max(0, (O[a * d + a]! * prec[j]!) / p[y]!));
    }
  }
  const scale = snorkelNumpyRandom(seed);
  const mu = muInit.map((x) => x * scale);
  const objective: SnorkelObjective = { d, k, O, p, muInit, l2 };
  const grad = new Float64Array(d * k);
  const velocity = new Float64Array(d * k);
  let loss = NaN;
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (options.signal?.aborted) throw new EngineError("ABORTED", `snorkel: fit aborted at epoch ${epoch} of ${epochs}`);
    loss = snorkelLoss(mu, objective, grad);
    if (Number.isNaN(loss)) throw new EngineError("INVALID_ARGUMENT", `snorkel: loss is NaN at epoch ${epoch}; reduce lr (${lr})`);
    // torch.optim.SGD: weight decay adds l2 * mu; the first step seeds the momentum buffer with the gradient.
    for (let i = 0; i < d * k; i++) {
      const g = grad[i]! + l2 * mu[i]!;
      velocity[i] = epoch === 0 ? g : momentum * velocity[i]! + g;
      mu[i]! -= lr * velocity[i]!;
    }
  }
  const eps = options.muEps ?? Math.min(0.01, 1 / 10 ** Math.ceil(Math.log10(n)));
  for (let i = 0; i < d * k; i++) mu[i] = Math.min(1 - eps, Math.max(eps, mu[i]!));
  return { mu: snorkelPermutation(mu, p, m, k), loss };
}
