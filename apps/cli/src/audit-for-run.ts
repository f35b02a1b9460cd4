import {
  devRowsWithGold, distillTargets, evaluationSplit, labelErrorAudit, outOfFoldProba, programInput,
  type Dataset, type LabelIssue, type LabelMatrix, type Probabilities, type TaskSpec,
} from "@alchemist/engine";
import type { PipelineOptions } from "@alchemist/engine/node";

/** `report.audit`: the label-error audit's method and its most likely errors. */
export interface AuditReport {
  readonly method: string;
  readonly folds: number;
  readonly audited: number;
  readonly issues: number;
  readonly top: readonly { readonly id: string; readonly split: string; readonly label: string; readonly suggested: string; readonly selfConfidence: number }[];
}

const csvField = (value: string): string => (/[",\r\n]/.test(value) || /^[=+\-@\t\r]/.test(value) ? `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"` : value);

/**
 * `run --audit`: the label-error audit on the run's own outputs. Labels under audit: dev gold (dev's
 * to use) and, on train rows, the label model's pseudolabels (train gold is never read; test rows
 * are not audited, their gold is for final metrics only). Evidence: 5-fold out-of-fold
 * probabilities of the distilled model and the programs' votes (`labelErrorAudit`).
 * Returns the report part and `likely-errors.csv`.
 *
 * @example
 * const audit = auditForRun({ dataset, task, L: result.L, pseudolabels: result.pseudolabels, seed: 42 });
 */
export function auditForRun(o: { dataset: Dataset; task: TaskSpec; L: LabelMatrix; pseudolabels: Probabilities; seed: number; model: Pick<PipelineOptions, "keepUncovered" | "hidden" | "features" | "epochs">; folds?: number; signal?: AbortSignal }): { report: AuditReport; csv: string; issues: LabelIssue[] } {
  const { dataset, task } = o;
  const k = task.classes.length;
  const names = task.classes.map((c) => c.name);
  const folds = o.folds ?? 5;
  const split = evaluationSplit(dataset.rows.map((r) => r.split), dataset.rows.map((r) => r.gold));
  const { fitRows, targets } = distillTargets(o.L, split, o.pseudolabels, { keepUncovered: o.model.keepUncovered ?? false });
  const dev = devRowsWithGold(split);
  const inputs = dataset.rows.map((row) => programInput(row, task.input));
  const oof = outOfFoldProba({
    inputs, fitRows, targets, train: split.train, devRows: dev.rows, devGold: dev.gold, k, seed: o.seed, epochs: o.model.epochs ?? 30, folds,
    ...(o.model.hidden ? { hidden: o.model.hidden } : {}), ...(o.model.features ? { features: o.model.features } : {}), ...(o.signal ? { signal: o.signal } : {}),
  });
  const labels = new Int32Array(dataset.rows.length).fill(-1);
  const covered = new Set(fitRows);
  for (const i of split.train) {
    if (!covered.has(i)) continue;
    let best = 0;
    for (let c = 1; c < k; c++) if (o.pseudolabels.values[i * k + c]! > o.pseudolabels.values[i * k + best]!) best = c;
    labels[i] = best;
  }
  dev.rows.forEach((row, at) => (labels[row] = dev.gold[at]!));
  const audited = [...covered, ...dev.rows];
  const issues = labelErrorAudit({ labels, proba: oof, L: o.L, rows: audited });
  const text = (i: number): string => {
    const input = inputs[i];
    const s = typeof input === "string" ? input : JSON.stringify(input);
    return s.length > 300 ? `${s.slice(0, 300)}...` : s;
  };
  const lines = ["rank,id,split,label,label_source,suggested,self_confidence,model_confidence,vote_disagreement,text"];
  issues.forEach((x, r) => {
    const row = dataset.rows[x.row]!;
    lines.push([String(r + 1), csvField(row.id), row.split, csvField(names[x.label]!), row.split === "dev" ? "dev gold" : "pseudolabel", csvField(names[x.suggested]!), x.selfConfidence.toFixed(4), x.modelConfidence.toFixed(4), x.voteDisagreement === null ? "" : x.voteDisagreement.toFixed(4), csvField(text(x.row))].join(","));
  });
  const top = issues.slice(0, 20).map((x) => ({ id: dataset.rows[x.row]!.id, split: dataset.rows[x.row]!.split, label: names[x.label]!, suggested: names[x.suggested]!, selfConfidence: x.selfConfidence }));
  return { report: { method: "confident learning: out-of-fold distilled-model probabilities + program votes vs dev gold / train pseudolabels", folds, audited: audited.length, issues: issues.length, top }, csv: `${lines.join("\r\n")}\r\n`, issues };
}
