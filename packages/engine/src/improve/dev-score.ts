import type { LabelMatrix } from "../core/label-matrix";
import { subsetRows } from "../core/subset-rows";
import { EngineError } from "../errors/engine-error";
import { selectLabelModel } from "../label-models/select-label-model";
import { evaluatePredictions } from "../metrics/evaluate-predictions";
import { testPredictions } from "../pipeline/label-model-comparison";
import { devClassBalance } from "../pipeline/fit-label-model";
import { devRowsWithGold, type EvaluationSplit } from "../pipeline/evaluation-split";

/** A label model's score on the dev rows with gold: what rounds and pruning compare. */
export interface DevScore {
  /** The task's metric: F1 of the last class for k = 2, macro F1 otherwise. */
  readonly f1: number;
  readonly accuracy: number;
  /** The label model that scored it. */
  readonly model: string;
}

/**
 * Fits label models on the train rows' votes (no train gold) and scores them on the dev rows with
 * gold; `models` limits the candidates (pruning fixes the chosen one so only the programs change).
 * Throws when no dev row has gold: nothing can say whether a change helps.
 *
 * @example
 * devScore(L, split, { k: 2, seed: 42 }); // { f1: 0.81, accuracy: 0.84, model: "dawid-skene" }
 */
export function devScore(L: LabelMatrix, split: EvaluationSplit, o: { k: number; seed: number; models?: readonly string[] }): DevScore {
  const { rows, gold } = devRowsWithGold(split);
  if (rows.length === 0)
    throw new EngineError("INVALID_ARGUMENT", `scoring on dev needs dev rows with gold labels; none of the ${split.dev.length} dev rows has one`);
  if (L.m === 0) return { f1: 0, accuracy: 0, model: "none" };
  const Ldev = subsetRows(L, rows);
  const sel = selectLabelModel(subsetRows(L, split.train), Ldev, gold, {
    k: o.k,
    seed: o.seed,
    classBalance: devClassBalance(split.devGold, o.k),
    ...(o.models ? { models: o.models } : {}),
  });
  // rows no program votes on count as wrong, as on test: more coverage can only help
  const { f1, accuracy } = evaluatePredictions(gold, testPredictions(sel.chosen.model.predictProba(Ldev), Ldev), o.k);
  return { f1, accuracy, model: sel.chosen.name };
}
