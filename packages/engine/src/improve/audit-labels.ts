import type { LabelMatrix } from "../core/label-matrix";
import type { RowFeaturizerOptions } from "../features/row-featurizer";
import { distillTargets } from "../pipeline/distill-targets";
import { devRowsWithGold, type EvaluationSplit } from "../pipeline/evaluation-split";
import { labelErrorAudit, type LabelIssue } from "./label-error-audit";
import { outOfFoldProba } from "./out-of-fold-proba";

/** The audit of a run's labels: the issues (most likely wrong first) and what was audited. */
export interface LabelAudit {
  readonly issues: LabelIssue[];
  /** Rows audited: covered train rows (their pseudolabel) and dev rows with gold. */
  readonly audited: number;
  readonly folds: number;
  /** Per row: whether its label under audit is dev gold (else the train row's pseudolabel). */
  readonly labelSource: (row: number) => "dev gold" | "pseudolabel";
}

/**
 * The label-error audit of a run (CLI `run --audit`, the studio's "likely errors" review order).
 * Labels under audit: dev gold (dev's to use) and, on covered train rows, the label model's
 * pseudolabels (train gold is never read; test rows are not audited, their gold is for final
 * metrics only). Evidence: the distilled model's `folds`-fold out-of-fold probabilities and the
 * programs' votes (`labelErrorAudit`, confident learning).
 *
 * @example
 * const { issues } = auditLabels({ inputs, split, L, pseudolabels, k: 2, seed: 42, epochs: 30 });
 * issues[0]; // { row: 812, label: 0, suggested: 1, selfConfidence: 0.08, ... }
 */
export function auditLabels(o: {
  inputs: readonly unknown[];
  split: EvaluationSplit;
  L: LabelMatrix;
  pseudolabels: { readonly k: number; readonly values: ArrayLike<number> };
  k: number;
  seed: number;
  epochs: number;
  folds?: number;
  keepUncovered?: boolean;
  hidden?: readonly number[];
  features?: RowFeaturizerOptions;
  signal?: AbortSignal;
}): LabelAudit {
  const { k, split } = o;
  const folds = o.folds ?? 5;
  const { fitRows, targets } = distillTargets(o.L, split, o.pseudolabels, { keepUncovered: o.keepUncovered ?? false });
  const dev = devRowsWithGold(split);
  const oof = outOfFoldProba({
    inputs: o.inputs,
    fitRows,
    targets,
    train: split.train,
    devRows: dev.rows,
    devGold: dev.gold,
    k,
    seed: o.seed,
    epochs: o.epochs,
    folds,
    ...(o.hidden ? { hidden: o.hidden } : {}),
    ...(o.features ? { features: o.features } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const labels = new Int32Array(o.inputs.length).fill(-1);
  const covered = new Set(fitRows);
  for (const i of split.train) {
    if (!covered.has(i)) continue;
    let best = 0;
    for (let c = 1; c < k; c++) if (o.pseudolabels.values[i * k + c]! > o.pseudolabels.values[i * k + best]!) best = c;
    labels[i] = best;
  }
  const devGold = new Set<number>();
  dev.rows.forEach((row, at) => {
    labels[row] = dev.gold[at]!;
    devGold.add(row);
  });
  const audited = [...covered, ...dev.rows];
  const issues = labelErrorAudit({ labels, proba: oof, L: o.L, rows: audited });
  return { issues, audited: audited.length, folds, labelSource: (row) => (devGold.has(row) ? "dev gold" : "pseudolabel") };
}
