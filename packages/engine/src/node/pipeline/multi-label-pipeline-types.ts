import type { LabelMatrix } from "../../core/label-matrix";
import type { MultiLabelReport } from "../../metrics/multi-label-report";
import type { OneVsRestClassChoice } from "../../multi-label/choose-one-vs-rest-label-models";
import type { ProgramReport } from "../../pipeline/report-types";
import type { LabelRow } from "./pipeline-types";

/**
 * `report.json` of a multi-label run. Test metrics are `multiLabelReport`s (per class, micro and
 * macro F1, subset accuracy, Hamming loss) at threshold 0.5; `programs[].devAccuracy` is the share
 * of dev rows with gold where the program's returned set equals the gold set.
 */
export interface MultiLabelPipelineReport {
  readonly kind: "multi-label";
  readonly threshold: number;
  readonly labelModel: { readonly name: "one-vs-rest"; readonly perClass: readonly OneVsRestClassChoice[]; readonly test: MultiLabelReport | null };
  readonly distilled: {
    readonly name: "mlp-sigmoid";
    readonly test: MultiLabelReport | null;
    readonly epochs: number;
    readonly bestEpoch: number;
    readonly trainRows: number;
    readonly hidden: readonly number[];
    readonly inputSize: number;
    /** `devMicroF1` drove early stopping. */
    readonly history: readonly { readonly epoch: number; readonly loss: number; readonly devMicroF1: number | null }[];
  };
  readonly programs: readonly ProgramReport[];
  readonly summary: { readonly coverage: number; readonly overlap: number; readonly conflict: number };
  readonly llm: { readonly calls: number; readonly inputTokens: number; readonly outputTokens: number; readonly costUsd: number };
  readonly dataset: { readonly name: string; readonly rows: number; readonly train: number; readonly dev: number; readonly test: number };
  readonly task: { readonly name: string; readonly classes: readonly string[]; readonly multiLabel: true };
  readonly seed: number;
  readonly timings: {
    readonly applyMs: number;
    readonly labelModelMs: number;
    readonly featuresMs: number;
    readonly distillMs: number;
    readonly totalMs: number;
  };
}

export interface MultiLabelPipelineResult {
  readonly report: MultiLabelPipelineReport;
  /** Per row: `labels` (the classes at >= threshold), `label` the same joined with `|`, and each class's probability. */
  readonly labels: readonly LabelRow[];
  /** The programs' votes as class-set bitmasks, n x m (see `multiLabelVotes`). */
  readonly L: LabelMatrix;
  /** The one-vs-rest label models' probability of each class, n x k (independent). */
  readonly pseudolabels: { readonly n: number; readonly k: number; readonly values: Float64Array };
  /** The distilled model as ONNX bytes (sigmoid outputs). */
  readonly model: Uint8Array;
}
