import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import type { LabelModel, LabelModelFitOptions, TieBreak } from "../core/label-model";
import { createProbabilities, type Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";
import { checkVotes, normalizedBalance } from "./check-votes";
import { probsToPreds } from "./probs-to-preds";

export interface WeightedMajorityVoteOptions {
  /**
   * "class-balance" (default, WRENCH's `MajorityWeightedVoting`): a vote for class c counts
   * balance[c]. An array: one non-negative weight per program (e.g. `accuracyWeights` of dev or
   * learned accuracies), so a vote by program j counts weights[j].
   */
  readonly weights?: "class-balance" | ArrayLike<number>;
}

/**
 * Weighted majority vote. Probabilities are the weighted vote shares; rows without votes are
 * uniform (WRENCH adds 1 to every class). `predict` uses Snorkel's `probs_to_preds` (default
 * tie-break "hash", as WRENCH).
 *
 * @example
 * const wmv = new WeightedMajorityVote().fit(L, { k: 2, classBalance: Float64Array.of(0.4, 0.6) });
 * const y = wmv.predict(L);
 */
export class WeightedMajorityVote implements LabelModel {
  readonly name = "wmv";
  private k = 0;
  private classWeights: Float64Array = new Float64Array(0);
  private programWeights: Float64Array | null = null;

  constructor(private readonly options: WeightedMajorityVoteOptions = {}) {}

  fit(L: LabelMatrix, options: LabelModelFitOptions): this {
    checkVotes(L, options.k, "WeightedMajorityVote.fit");
    this.k = options.k;
    const { weights = "class-balance" } = this.options;
    this.classWeights =
      weights === "class-balance" ? normalizedBalance(options.classBalance, options.k, "WeightedMajorityVote.fit") : new Float64Array(options.k).fill(1);
    if (weights !== "class-balance") {
      if (weights.length !== L.m) throw new EngineError("INVALID_ARGUMENT", `WeightedMajorityVote.fit: ${weights.length} program weights for ${L.m} programs`);
      const w = Float64Array.from(weights);
      const bad = w.findIndex((x) => !(x >= 0));
      if (bad >= 0) throw new EngineError("INVALID_ARGUMENT", `WeightedMajorityVote.fit: program ${bad} has weight ${w[bad]}, must be >= 0`);
      this.programWeights = w;
    }
    return this;
  }

  predictProba(L: LabelMatrix): Probabilities {
    const k = this.k;
    if (k === 0) throw new EngineError("INVALID_ARGUMENT", "WeightedMajorityVote: call fit() before predicting");
    checkVotes(L, k, "WeightedMajorityVote.predictProba");
    if (this.programWeights && this.programWeights.length !== L.m) {
      throw new EngineError("INVALID_ARGUMENT", `WeightedMajorityVote: fitted on ${this.programWeights.length} programs, got ${L.m}`);
    }
    const P = createProbabilities(L.n, k);
    const v = P.values;
    for (let i = 0; i < L.n; i++) {
      let total = 0;
      for (let j = 0; j < L.m; j++) {
        const vote = L.values[i * L.m + j]!;
        if (vote === ABSTAIN) continue;
        const w = this.classWeights[vote]! * (this.programWeights ? this.programWeights[j]! : 1);
        v[i * k + vote]! += w;
        total += w;
      }
      for (let c = 0; c < k; c++) v[i * k + c] = total === 0 ? 1 / k : v[i * k + c]! / total;
    }
    return P;
  }

  predict(L: LabelMatrix, options: { tieBreak?: TieBreak; seed?: number } = {}): Int32Array {
    return probsToPreds(this.predictProba(L), options);
  }
}
