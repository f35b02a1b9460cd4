import {
  auditLabels,
  evaluationSplit,
  programInput,
  type Dataset,
  type LabelIssue,
  type LabelMatrix,
  type Probabilities,
  type TaskSpec,
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

const csvField = (value: string): string =>
  /[",\r\n]/.test(value) || /^[=+\-@\t\r]/.test(value) ? `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"` : value;

/**
 * `run --audit`: the engine's `auditLabels` on the run's own outputs (dev gold and train
 * pseudolabels against 5-fold out-of-fold distilled-model probabilities and the programs' votes).
 * Returns the report part and `likely-errors.csv`.
 *
 * @example
 * const audit = auditForRun({ dataset, task, L: result.L, pseudolabels: result.pseudolabels, seed: 42 });
 */
export function auditForRun(o: {
  dataset: Dataset;
  task: TaskSpec;
  L: LabelMatrix;
  pseudolabels: Probabilities;
  seed: number;
  model: Pick<PipelineOptions, "keepUncovered" | "hidden" | "features" | "epochs">;
  folds?: number;
  signal?: AbortSignal;
}): { report: AuditReport; csv: string; issues: LabelIssue[] } {
  const { dataset, task } = o;
  const k = task.classes.length;
  const names = task.classes.map((c) => c.name);
  const split = evaluationSplit(
    dataset.rows.map((r) => r.split),
    dataset.rows.map((r) => r.gold),
  );
  const inputs = dataset.rows.map((row) => programInput(row, task.input));
  const { issues, audited, folds, labelSource } = auditLabels({
    inputs,
    split,
    L: o.L,
    pseudolabels: o.pseudolabels,
    k,
    seed: o.seed,
    epochs: o.model.epochs ?? 30,
    folds: o.folds ?? 5,
    keepUncovered: o.model.keepUncovered ?? false,
    ...(o.model.hidden ? { hidden: o.model.hidden } : {}),
    ...(o.model.features ? { features: o.model.features } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const text = (i: number): string => {
    const input = inputs[i];
    const s = typeof input === "string" ? input : JSON.stringify(input);
    return s.length > 300 ? `${s.slice(0, 300)}...` : s;
  };
  const lines = ["rank,id,split,label,label_source,suggested,self_confidence,model_confidence,vote_disagreement,text"];
  issues.forEach((x, r) => {
    const row = dataset.rows[x.row]!;
    lines.push(
      [
        String(r + 1),
        csvField(row.id),
        row.split,
        csvField(names[x.label]!),
        labelSource(x.row),
        csvField(names[x.suggested]!),
        x.selfConfidence.toFixed(4),
        x.modelConfidence.toFixed(4),
        x.voteDisagreement === null ? "" : x.voteDisagreement.toFixed(4),
        csvField(text(x.row)),
      ].join(","),
    );
  });
  const top = issues.slice(0, 20).map((x) => ({
    id: dataset.rows[x.row]!.id,
    split: dataset.rows[x.row]!.split,
    label: names[x.label]!,
    suggested: names[x.suggested]!,
    selfConfidence: x.selfConfidence,
  }));
  return {
    report: {
      method: "confident learning: out-of-fold distilled-model probabilities + program votes vs dev gold / train pseudolabels",
      folds,
      audited,
      issues: issues.length,
      top,
    },
    csv: `${lines.join("\r\n")}\r\n`,
    issues,
  };
}
