import { z } from "zod";
import { groupAccuracyReportSchema, multiLabelReportSchema, type GroupAccuracyReport } from "@alchemist/engine";

const LossPoint = z.object({ epoch: z.number(), loss: z.number(), devAccuracy: z.number().nullable() });
const Report = z.object({
  n: z.number(),
  accuracy: z.number(),
  f1: z.number(),
  macroF1: z.number(),
  ece: z.number().nullable(),
  perClass: z.array(z.object({ name: z.string(), precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() })),
  confusion: z.array(z.array(z.number())),
});

/** A multi-label model's test report (train-multi-label-model): per class, micro and macro F1. */
const MultiLabelReport = multiLabelReportSchema.extend({ kind: z.literal("multi-label") });

/** `config.featurizer` of an image model (train-model-service's featurizerConfig). */
const ImageFeaturizer = z.object({ image: z.object({ features: z.enum(["embeddings", "scores", "both"]) }) });

export type LossPointView = z.infer<typeof LossPoint>;
export type MultiLabelModelMetricsView = z.infer<typeof MultiLabelReport>;
export type ModelMetricsView = z.infer<typeof Report>;

/** A trained model as the Train page and its polling route show it (no ONNX bytes). */
export interface TrainedModelView {
  readonly id: string;
  readonly runId: string;
  readonly status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  readonly lossCurve: LossPointView[];
  /** Test report; null until done or without test gold. */
  readonly metrics: ModelMetricsView | null;
  /** A multi-label model's test report (sigmoid outputs, classes at >= 0.5); null for a single-label one. */
  readonly multiLabelMetrics: MultiLabelModelMetricsView | null;
  /** A multi-label model (sigmoid outputs; its curve's dev score is micro-F1), known from the start of its training. */
  readonly multiLabel: boolean;
  readonly classNames: string[];
  readonly onnxBytes: number;
  readonly error: string | null;
  readonly epochs: number | null;
  readonly bestEpoch: number | null;
  readonly trainRows: number | null;
  readonly labelModel: string | null;
  /** An image model: what its MLP read (CLIP embeddings, concept scores or both); null for a text model. */
  readonly imageFeatures: "embeddings" | "scores" | "both" | null;
  /** Worst-group accuracy on test per group field of an image dataset (its label file's extra columns); empty otherwise. */
  readonly groups: readonly GroupAccuracyReport[];
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

type Row = {
  id: string;
  runId: string;
  status: TrainedModelView["status"];
  lossCurve: unknown;
  metrics: unknown;
  config: unknown;
  classNames: unknown;
  onnxBytes: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

/**
 * A stored TrainedModel row as a typed view; malformed JSON parts become empty rather than
 * breaking the page (a test report without gold has no accuracy, so it shows as no metrics).
 *
 * @example
 * const view = toTrainedModelView(await getTrainedModel(prisma, id));
 */
export function toTrainedModelView(row: Row): TrainedModelView {
  const curve = z.array(LossPoint).safeParse(row.lossCurve);
  const metrics = Report.safeParse(row.metrics);
  const multiLabel = MultiLabelReport.safeParse(row.metrics);
  const config = (row.config ?? {}) as Record<string, unknown>;
  const classNames = z.array(z.string()).safeParse(row.classNames);
  return {
    id: row.id,
    runId: row.runId,
    status: row.status,
    lossCurve: curve.success ? curve.data : [],
    metrics: metrics.success ? metrics.data : null,
    multiLabelMetrics: multiLabel.success ? multiLabel.data : null,
    multiLabel: config.multiLabel === true || multiLabel.success,
    classNames: classNames.success ? classNames.data : [],
    onnxBytes: row.onnxBytes,
    error: row.error,
    epochs: num(config.epochs),
    bestEpoch: num(config.bestEpoch),
    trainRows: num(config.trainRows),
    labelModel: typeof config.labelModel === "string" ? config.labelModel : null,
    imageFeatures: ImageFeaturizer.safeParse(config.featurizer).data?.image.features ?? null,
    groups: z.object({ groups: z.array(groupAccuracyReportSchema) }).safeParse(row.metrics).data?.groups ?? [],
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Whether the worker may still change the model (the page keeps polling). */
export function isModelActive(status: TrainedModelView["status"]): boolean {
  return status === "QUEUED" || status === "RUNNING";
}
