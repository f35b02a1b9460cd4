import type { DataRow } from "../core/dataset";
import { ABSTAIN } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";
import { goldSetMask } from "../multi-label/gold-set-mask";
import type { LabelStudioNames } from "./label-studio-names";
import {
  LABEL_STUDIO_ID_KEY,
  LABEL_STUDIO_LABEL_MODEL_VERSION,
  LABEL_STUDIO_SPLIT_KEY,
  type LabelStudioPrediction,
  type LabelStudioResult,
  type LabelStudioTask,
} from "./label-studio-schema";

export interface LabelStudioTaskOptions {
  readonly classNames: readonly string[];
  readonly names: LabelStudioNames;
  /** Program names, in the order of `votes`. */
  readonly programs: readonly string[];
  /** This row's vote per program: a class index or -1 (abstain). */
  readonly votes: ArrayLike<number>;
  /** The label model's class for this row (-1: no program voted) and its probability. */
  readonly labelModel?: { readonly label: number; readonly score: number };
  /**
   * A multi-label task: gold, votes and the label model's label are class-set bitmasks (bit c =
   * class c; `goldSetMask`) and each result lists every class of the set (`<Choices choice="multiple">`).
   */
  readonly multiLabel?: boolean;
}

/**
 * One dataset row as a Label Studio task: `data` = the row's fields plus `alchemist_id` and
 * `alchemist_split`; gold (if any) as an annotation; one prediction per program (`model_version`
 * = the program's name, an empty result where it abstains) and one for the label model
 * (`model_version` "alchemist-label-model", `score` its probability). Results use
 * `names.fromName` / `names.toName`, the names `labelStudioConfig` writes.
 *
 * @example
 * labelStudioTask(row, { classNames: ["ham", "spam"], names, programs: ["has_url"], votes: [1], labelModel: { label: 1, score: 0.9 } });
 */
export function labelStudioTask(row: DataRow, o: LabelStudioTaskOptions): LabelStudioTask {
  if (o.votes.length !== o.programs.length)
    throw new EngineError("INVALID_ARGUMENT", `row ${row.id}: ${o.votes.length} votes for ${o.programs.length} programs`);
  const k = o.classNames.length;
  const result = (label: number): LabelStudioResult[] => {
    if (label === ABSTAIN) return [];
    if (o.multiLabel === true) {
      if (!Number.isInteger(label) || label < 0 || label >= 2 ** k)
        throw new EngineError("INVALID_ARGUMENT", `row ${row.id}: ${label} is not a set of the ${k} classes (0..${2 ** k - 1})`);
      const choices = goldSetMask.toSet(label, k).map((c) => o.classNames[c]!);
      return [{ from_name: o.names.fromName, to_name: o.names.toName, type: "choices", value: { choices } }];
    }
    if (!Number.isInteger(label) || label < 0 || label >= k) throw new EngineError("INVALID_ARGUMENT", `row ${row.id}: class ${label} is outside 0..${k - 1}`);
    return [{ from_name: o.names.fromName, to_name: o.names.toName, type: "choices", value: { choices: [o.classNames[label]!] } }];
  };
  const predictions: LabelStudioPrediction[] = o.programs.map((name, j) => ({ model_version: name, result: result(o.votes[j]!) }));
  if (o.labelModel)
    predictions.push({
      model_version: LABEL_STUDIO_LABEL_MODEL_VERSION,
      score: Math.round(o.labelModel.score * 1e6) / 1e6,
      result: result(o.labelModel.label),
    });
  return {
    data: { ...row.fields, [LABEL_STUDIO_ID_KEY]: row.id, [LABEL_STUDIO_SPLIT_KEY]: row.split },
    ...(row.gold !== undefined ? { annotations: [{ result: result(row.gold), ground_truth: true }] } : {}),
    predictions,
  };
}
