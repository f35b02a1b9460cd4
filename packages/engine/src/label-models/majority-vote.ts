import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import type { LabelModel, LabelModelFitOptions, TieBreak } from "../core/label-model";
import { createProbabilities, type Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";
import { tieHash } from "./tie-hash";
import { wrenchTieIndex } from "./wrench-tie-index";

/**
 * Majority vote over non-abstain votes (WRENCH's `MajorityVoting`). Ties: "abstain" (default)
 * predicts -1; "random" picks among the tied classes with a hash of (seed, row index); "hash" picks
 * as WRENCH does, `int(sha1(str(i)).hexdigest(), 16) % nTies` — either way a row's label depends on
 * its index alone. Rows with no votes predict -1 under "abstain", otherwise the argmax of the class
 * balance (uniform unless given to `fit`, which is WRENCH's convention: it ignores the balance).
 *
 * @example
 * const mv = new MajorityVote().fit(L, { k: 2 });
 * const y = mv.predict(L, { tieBreak: "random", seed: 7 });
 */
export class MajorityVote implements LabelModel {
  readonly name = "mv";
  private k = 0;
  private seed = 0;
  private balance = new Float64Array(0);

  fit(_L: LabelMatrix, options: LabelModelFitOptions): this {
    const { k, seed = 0, classBalance } = options;
    if (!Number.isInteger(k) || k < 2) throw new EngineError("INVALID_ARGUMENT", `MajorityVote.fit: k must be an integer >= 2, got ${k}`);
    this.k = k;
    this.seed = seed;
    this.balance = new Float64Array(k).fill(1 / k);
    if (classBalance) {
      if (classBalance.length !== k)
        throw new EngineError("INVALID_ARGUMENT", `MajorityVote.fit: class balance has ${classBalance.length} entries for k = ${k}`);
      const total = classBalance.reduce((s, p) => s + p, 0);
      if (!(total > 0) || classBalance.some((p) => !(p >= 0))) {
        throw new EngineError(
          "INVALID_ARGUMENT",
          `MajorityVote.fit: class balance must be non-negative with a positive sum, got [${Array.from(classBalance).join(", ")}]`,
        );
      }
      for (let c = 0; c < k; c++) this.balance[c] = classBalance[c]! / total;
    }
    return this;
  }

  /** Vote shares per row; rows with no votes get the class balance. */
  predictProba(L: LabelMatrix): Probabilities {
    const k = this.requireFitted();
    const P = createProbabilities(L.n, k);
    const counts = new Int32Array(k + 1);
    for (let i = 0, o = 0; i < L.n; i++, o += k) {
      const total = this.countVotes(L, i, counts);
      if (total === 0) P.values.set(this.balance, o);
      else for (let c = 0; c < k; c++) P.values[o + c] = counts[c + 1]! / total;
    }
    return P;
  }

  predict(L: LabelMatrix, options: { tieBreak?: TieBreak; seed?: number } = {}): Int32Array {
    const k = this.requireFitted();
    const tieBreak = options.tieBreak ?? "abstain";
    const seed = options.seed ?? this.seed;
    // counts[0] collects abstains, counts[c + 1] votes for class c (see countVotes).
    const counts = new Int32Array(k + 1);
    const votes = counts.subarray(1);
    const out = new Int32Array(L.n);
    for (let i = 0; i < L.n; i++) {
      const total = this.countVotes(L, i, counts);
      if (total === 0 && tieBreak === "abstain") {
        out[i] = ABSTAIN;
        continue;
      }
      const scores = total === 0 ? this.balance : votes;
      let best = -Infinity;
      let ties = 0;
      for (let c = 0; c < k; c++) {
        const score = scores[c]!;
        if (score > best) {
          best = score;
          ties = 1;
        } else if (score === best) ties++;
      }
      if (ties > 1 && tieBreak === "abstain") {
        out[i] = ABSTAIN;
        continue;
      }
      let pick = ties === 1 ? 0 : tieBreak === "hash" ? wrenchTieIndex(i, ties) : Math.floor((tieHash(seed, i) / 4294967296) * ties);
      for (let c = 0; c < k; c++) {
        if (scores[c] !== best) continue;
        if (pick-- === 0) {
          out[i] = c;
          break;
        }
      }
    }
    return out;
  }

  /** Fills counts[v + 1] for the row's votes v (abstain in counts[0]), branch-free; returns the non-abstain total. */
  private countVotes(L: LabelMatrix, i: number, counts: Int32Array): number {
    const { m, values } = L;
    const k = this.k;
    counts.fill(0);
    for (let j = 0, base = i * m; j < m; j++) {
      const slot = values[base + j]! + 1;
      if (slot >>> 0 > k) throw new EngineError("INVALID_ARGUMENT", `MajorityVote: row ${i} program ${j} votes ${slot - 1}, outside -1..${k - 1}`);
      counts[slot]!++;
    }
    return m - counts[0]!;
  }

  private requireFitted(): number {
    if (this.k === 0) throw new EngineError("INVALID_ARGUMENT", "MajorityVote: call fit() before predicting");
    return this.k;
  }
}
