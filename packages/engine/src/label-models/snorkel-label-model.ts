import type { LabelMatrix } from "../core/label-matrix";
import type { LabelModel, LabelModelFitOptions, TieBreak } from "../core/label-model";
import { createProbabilities, type Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";
import { snorkelClassBalance } from "./snorkel-class-balance";
import { snorkelFit, type SnorkelTrainOptions } from "./snorkel-fit";
import { SnorkelScorer } from "./snorkel-scorer";
import { sufficientStatistics, type SufficientStatistics } from "./sufficient-statistics";

export interface SnorkelFitOptions extends LabelModelFitOptions {
  /** Dev gold labels: class balance = their class shares when `classBalance` is not given. */
  readonly devGold?: ArrayLike<number>;
}

export interface SnorkelPredictOptions {
  readonly tieBreak?: TieBreak;
  readonly seed?: number;
  /** Index of this chunk's first row in the whole matrix, so tie-breaks agree across chunks. */
  readonly rowOffset?: number;
}

/**
 * Snorkel's LabelModel (conditionally independent programs, matrix completion on
 * O = L_ind^T L_ind / n). `fit` needs only sufficient statistics (`fitFromStatistics` takes summed
 * chunk statistics); `predictProba` is row-wise, so it streams chunk by chunk:
 * P(Y = y | votes) ∝ p_y * prod over non-abstaining programs of mu[vote, y].
 * Ties (probabilities within 1e-5, as Snorkel) follow `tieBreak`: "abstain" (default, as Snorkel),
 * "hash" (Snorkel's and WRENCH's sha1 of the row index) or "random" (a hash of seed and row index).
 *
 * @example
 * const model = new SnorkelLabelModel({ epochs: 300 }).fit(L, { k: 2, seed: 1, classBalance });
 * const y = model.predict(L, { tieBreak: "random" });
 */
export class SnorkelLabelModel implements LabelModel {
  readonly name = "snorkel";
  private k = 0;
  private m = 0;
  private seed = 0;
  private mu = new Float64Array(0);
  private p = new Float64Array(0);
  private scorer: SnorkelScorer | undefined;
  private coverage = new Float64Array(0);
  /** Loss at the last epoch. */
  loss = NaN;

  constructor(private readonly options: SnorkelTrainOptions = {}) {}

  fit(L: LabelMatrix, options: SnorkelFitOptions): this {
    return this.fitFromStatistics(sufficientStatistics(L, options.k), options);
  }

  /** Fits from (summed) chunk statistics; no label matrix needed. */
  fitFromStatistics(stats: SufficientStatistics, options: SnorkelFitOptions): this {
    if (stats.k !== options.k) throw new EngineError("INVALID_ARGUMENT", `snorkel: statistics are for k = ${stats.k}, fit asked for k = ${options.k}`);
    const { k, m } = stats;
    const p = snorkelClassBalance(k, options.classBalance, options.devGold);
    const seed = options.seed ?? 0;
    const { mu, loss } = snorkelFit(stats, p, seed, this.options);
    Object.assign(this, { k, m, seed, mu, p, loss });
    this.scorer = new SnorkelScorer(mu, p, m, k);
    this.coverage = new Float64Array(m);
    for (let a = 0; a < m * k; a++) this.coverage[Math.floor(a / k)]! += stats.voteCounts[a]! / stats.n;
    return this;
  }

  predictProba(L: LabelMatrix): Probabilities {
    const k = this.requireFitted(L);
    const P = createProbabilities(L.n, k);
    this.scorer!.proba(L, P.values);
    return P;
  }

  predict(L: LabelMatrix, options: SnorkelPredictOptions = {}): Int32Array {
    this.requireFitted(L);
    const { tieBreak = "abstain", seed = this.seed, rowOffset = 0 } = options;
    return this.scorer!.predict(L, tieBreak, seed, rowOffset);
  }

  /** mu as a d x k table: `[(j * k + v) * k + y]` = P(program j votes v | Y = y). */
  conditionalProbabilities(): Float64Array {
    this.requireFitted();
    return this.mu.slice();
  }

  /** Learned accuracy per program, P(correct | votes), as Snorkel's `get_weights`. */
  accuracies(): Float64Array {
    const k = this.requireFitted();
    const acc = new Float64Array(this.m);
    for (let j = 0; j < this.m; j++) {
      let s = 0;
      for (let y = 0; y < k; y++) s += this.mu[(j * k + y) * k + y]! * this.p[y]!;
      acc[j] = Math.min(1, Math.max(1e-6, s / this.coverage[j]!));
    }
    return acc;
  }

  private requireFitted(L?: LabelMatrix): number {
    if (this.k === 0) throw new EngineError("INVALID_ARGUMENT", "snorkel: call fit() before predicting");
    if (L && L.m !== this.m) throw new EngineError("INVALID_ARGUMENT", `snorkel: fitted on ${this.m} programs, got a matrix with ${L.m}`);
    return this.k;
  }
}
