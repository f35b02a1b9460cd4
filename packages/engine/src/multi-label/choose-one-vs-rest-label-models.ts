import type { Split } from "../core/dataset";
import type { LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";
import { chooseLabelModel } from "../pipeline/choose-label-model";
import { evaluationSplit } from "../pipeline/evaluation-split";
import type { LabelModelComparison } from "../pipeline/label-model-comparison";

/** The label model chosen for one class (present vs absent). */
export interface OneVsRestClassChoice {
  readonly class: string;
  readonly name: string;
  readonly reason: string;
  readonly comparison: readonly LabelModelComparison[];
  /** Per program: the chosen model's mean probability of its train votes on this class. */
  readonly learnedAccuracies: readonly (number | null)[];
  /** Prior probability of the class (Laplace-smoothed dev gold), as the binary models were fitted. */
  readonly prior: number;
}

export interface OneVsRestChoice {
  readonly perClass: readonly OneVsRestClassChoice[];
  /** Probability that each class applies, n x k row-major (rows need not sum to 1). */
  readonly proba: { readonly n: number; readonly k: number; readonly values: Float64Array };
}

/**
 * Multi-label label models, one vs rest: for each class c the binary label models are fitted on
 * `votes[c]` (from `multiLabelVotes`) with gold "c in the row's gold set", chosen on dev gold exactly
 * as `chooseLabelModel` chooses for a two-class task, and their probability of "present" becomes
 * column c. Train gold is dropped by `evaluationSplit`; test gold only scores the comparison.
 *
 * @example
 * const choice = chooseOneVsRestLabelModels(multiLabelVotes(L, 3), splits, goldSets, { classNames: ["a", "b", "c"], seed: 42 });
 * choice.proba.values[row * 3 + 1]; // P(class b applies to row)
 */
export function chooseOneVsRestLabelModels(
  votes: readonly LabelMatrix[],
  splits: readonly Split[],
  goldSets: readonly (readonly number[] | undefined)[],
  options: { readonly classNames: readonly string[]; readonly seed: number },
): OneVsRestChoice {
  const { classNames, seed } = options;
  const k = classNames.length;
  if (votes.length !== k) throw new EngineError("INVALID_ARGUMENT", `one-vs-rest label models: ${votes.length} vote matrices for ${k} classes`);
  const n = splits.length;
  if (goldSets.length !== n || votes.some((L) => L.n !== n)) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `one-vs-rest label models: ${n} splits, ${goldSets.length} gold sets and vote matrices of ${votes.map((L) => L.n).join("/")} rows; all must match`,
    );
  }
  const values = new Float64Array(n * k);
  const perClass = classNames.map((name, c): OneVsRestClassChoice => {
    const gold = goldSets.map((set) => (set === undefined ? -1 : set.includes(c) ? 1 : 0));
    const choice = chooseLabelModel(votes[c]!, evaluationSplit(splits, gold), { k: 2, seed });
    for (let i = 0; i < n; i++) values[i * k + c] = choice.proba.values[i * 2 + 1]!;
    return {
      class: name,
      name: choice.name,
      reason: choice.reason,
      comparison: choice.comparison,
      learnedAccuracies: choice.learnedAccuracies,
      prior: choice.classBalance[1]!,
    };
  });
  return { perClass, proba: { n, k, values } };
}
