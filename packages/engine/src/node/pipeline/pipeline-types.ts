import type { Dataset } from "../../core/dataset";
import type { LabelMatrix } from "../../core/label-matrix";
import type { Probabilities } from "../../core/probabilities";
import type { RowFeaturizerOptions } from "../../features/row-featurizer";
import type { SentenceEncoderOptions } from "../onnx/sentence-encoder";
import type { Program, ProgramRunMeta, ProgramRunner } from "../../core/program";
import type { ProgramReport, TestMetrics } from "../../pipeline/report-types";
import type { TaskSpec } from "../../core/task";
import type { LabelModelComparison } from "../../pipeline/label-model-comparison";
import type { SparseMatrix } from "../../core/sparse-matrix";
import type { GroupAccuracy } from "../../metrics/group-accuracy";
import type { MlpParams } from "../../models/mlp-forward";
import type { ImageFeatureKind } from "../../images/image-features";
import type { RoboShotInsights } from "../../images/roboshot-calibration";

export type { ProgramReport, TestMetrics } from "../../pipeline/report-types";

/** Pipeline stages, in the order they run. */
export type PipelineStage = "apply" | "analysis" | "label-model" | "features" | "distill" | "label";

export interface StageProgress {
  readonly stage: PipelineStage;
  readonly done: number;
  readonly total: number;
  /** Distill stage: the epoch just finished (mean train loss, dev accuracy when dev gold exists). */
  readonly epoch?: { readonly loss: number; readonly devAccuracy: number | null };
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
  /**
   * Precomputed program outputs (e.g. a WRENCH folder's weak labels) used instead of running
   * `programs`; `programs` may then be empty.
   */
  readonly votes?: { readonly names: readonly string[]; readonly L: LabelMatrix };
  /** Train the MLP on train rows no program voted on too (label-model prior as target); default false (dropped, as the paper's code does). */
  readonly keepUncovered?: boolean;
  /** MLP hidden layer sizes; default [32, 32]. */
  readonly hidden?: readonly number[];
  /** Feature options (TF-IDF dimension, n-gram ranges, ...); default 2^16 buckets, word 1-2 grams, sublinear tf. */
  readonly features?: RowFeaturizerOptions;
  /** A sentence encoder (ONNX model + WordPiece vocabulary) whose embeddings join the MLP's features. */
  readonly encoder?: SentenceEncoderOptions;
  /** Zero-shot labels per row (class index, -1 = none), evaluated on test next to the other models. */
  readonly zeroShot?: { readonly name: string; readonly predictions: ArrayLike<number> };
  /** Votes already computed (rounds applied the programs; LLM votes are one more column), used instead of applying `programs`. */
  readonly applied?: {
    readonly sources: readonly { readonly name: string; readonly language: string }[];
    readonly L: LabelMatrix;
    readonly meta: readonly ProgramRunMeta[];
  };
  /**
   * Ready features of every row (image tasks: CLIP embeddings and/or concept scores) instead of
   * TF-IDF/tabular ones, and how the trained MLP becomes ONNX bytes (the whole inference).
   */
  readonly featureMatrix?: { readonly X: SparseMatrix; readonly exportModel: (params: MlpParams) => Uint8Array };
  /** A row field naming each row's group (Waterbirds' place): test accuracy per (class, group) and the worst group. */
  readonly groupField?: string;
}

/** The `report.json` contract (see issue 2, "A stable contract for tools outside the project"). */
export interface PipelineReport {
  /** `learnedAccuracies`: per program (report order), the chosen model's mean probability of its train votes. */
  readonly labelModel: { readonly name: string; readonly reason: string; readonly learnedAccuracies: readonly (number | null)[]; readonly test: TestMetrics };
  /** Every label model tried (dev scores drove the choice; test scores are for reporting). */
  readonly labelModels: readonly LabelModelComparison[];
  readonly distilled: {
    readonly name: string;
    readonly test: TestMetrics;
    readonly epochs: number;
    readonly bestEpoch: number;
    readonly trainRows: number;
    readonly keepUncovered: boolean;
    readonly hidden: readonly number[];
    readonly inputSize: number;
    readonly history: readonly { readonly epoch: number; readonly loss: number; readonly devAccuracy: number | null }[];
  };
  readonly zeroShot?: { readonly name: string; readonly test: TestMetrics };
  /** Image tasks: where the pictures, concepts, insights and programs came from. */
  readonly image?: ImageRunReport;
  /** With `groupField`: test accuracy per (gold class, group) of the label model and the distilled model. */
  readonly groups?: { readonly field: string; readonly labelModel: GroupAccuracy; readonly distilled: GroupAccuracy };
  readonly programs: readonly ProgramReport[];
  readonly summary: { readonly coverage: number; readonly overlap: number; readonly conflict: number };
  readonly llm: { readonly calls: number; readonly inputTokens: number; readonly outputTokens: number; readonly costUsd: number };
  readonly dataset: { readonly name: string; readonly rows: number; readonly train: number; readonly dev: number; readonly test: number };
  readonly task: { readonly name: string; readonly classes: readonly string[] };
  readonly seed: number;
  readonly timings: {
    readonly applyMs: number;
    readonly labelModelMs: number;
    readonly featuresMs: number;
    readonly distillMs: number;
    readonly totalMs: number;
  };
}

/** The image part of report.json. */
export interface ImageRunReport {
  readonly clipModel: string;
  /** `ClipModel.key`: sha256 of the image encoder + preprocessing (what the model.onnx expects as input). */
  readonly clipModelKey: string;
  readonly images: number;
  /** Embeddings served by the cache, and made in this run. */
  readonly cached: number;
  readonly embedded: number;
  readonly concepts: readonly string[];
  /** A file, `llm:<provider>/<model>` or `builtin`. */
  readonly conceptSource: string;
  readonly template: string;
  readonly features: ImageFeatureKind;
  readonly insights: RoboShotInsights | null;
  readonly insightSource: string | null;
  readonly programSource: string;
  readonly embedMs: number;
}

/** One row of `labels.csv`: the distilled model's label and class probabilities. */
export interface LabelRow {
  readonly id: string;
  readonly label: string;
  readonly probabilities: readonly number[];
  /** Multi-label runs: every class that applies (`label` joins them with `|`). */
  readonly labels?: readonly string[];
}

export interface PipelineResult {
  readonly report: PipelineReport;
  readonly labels: readonly LabelRow[];
  /** The programs' votes, n x m (the label matrix the label models were fitted on). */
  readonly L: LabelMatrix;
  /** The chosen label model's probabilities of every row (the studio stores the same as a run's pseudolabels). */
  readonly pseudolabels: Probabilities;
  /** The distilled model as ONNX bytes (feature spec and class names in its metadata). */
  readonly model: Uint8Array;
}
