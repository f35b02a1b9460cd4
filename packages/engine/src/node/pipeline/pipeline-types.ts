import type { Dataset } from "../../core/dataset";
import type { FaultCounts, Program, ProgramRunner } from "../../core/program";
import type { TaskSpec } from "../../core/task";

/** Pipeline stages, in the order they run. */
export type PipelineStage = "apply" | "analysis" | "label-model" | "features" | "distill" | "label";

export interface StageProgress {
  readonly stage: PipelineStage;
  readonly done: number;
  readonly total: number;
}

export interface PipelineOptions {
  readonly dataset: Dataset;
  readonly task: TaskSpec;
  readonly programs: readonly Program[];
  readonly runner: ProgramRunner;
  readonly seed: number;
  readonly signal?: AbortSignal;
  readonly onStage?: (progress: StageProgress) => void;
  /** MLP epochs (default 30); early stopping on dev gold usually ends sooner. */
  readonly epochs?: number;
}

/** Test-set metrics; `null` when the test split has no gold labels. */
export interface TestMetrics {
  readonly accuracy: number | null;
  readonly f1: number | null;
  readonly n: number;
}

export interface ProgramReport {
  readonly name: string;
  readonly language: string;
  readonly coverage: number;
  readonly overlaps: number;
  readonly conflicts: number;
  /** Accuracy on the dev rows with gold where the program voted; `null` when it never voted there. */
  readonly devAccuracy: number | null;
  readonly faults: number;
  readonly faultsByKind: FaultCounts;
  readonly firstError?: string;
}

/** The `report.json` contract (see issue 2, "A stable contract for tools outside the project"). */
export interface PipelineReport {
  readonly labelModel: { readonly name: string; readonly test: TestMetrics };
  readonly distilled: { readonly name: string; readonly test: TestMetrics; readonly epochs: number; readonly bestEpoch: number; readonly trainRows: number };
  readonly programs: readonly ProgramReport[];
  readonly summary: { readonly coverage: number; readonly overlap: number; readonly conflict: number };
  readonly llm: { readonly calls: number; readonly inputTokens: number; readonly outputTokens: number; readonly costUsd: number };
  readonly dataset: { readonly name: string; readonly rows: number; readonly train: number; readonly dev: number; readonly test: number };
  readonly task: { readonly name: string; readonly classes: readonly string[] };
  readonly seed: number;
  readonly timings: { readonly applyMs: number; readonly labelModelMs: number; readonly featuresMs: number; readonly distillMs: number; readonly totalMs: number };
}

/** One row of `labels.csv`: the distilled model's label and class probabilities. */
export interface LabelRow {
  readonly id: string;
  readonly label: string;
  readonly probabilities: readonly number[];
}

export interface PipelineResult {
  readonly report: PipelineReport;
  readonly labels: readonly LabelRow[];
}
