import { z } from "zod";

const score = z.number().finite();

const labelModelComparisonSchema = z
  .object({
    name: z.string(),
    chosen: z.boolean(),
    dev: z.object({ accuracy: score, f1: score, ece: score.nullable(), coverage: score }).nullable(),
    test: z.object({ accuracy: score.nullable(), f1: score.nullable() }).nullable(),
    fitMs: z.number().nonnegative(),
    skipped: z.string().optional(),
  })
  .passthrough();

/** `multiLabelReport` as stored: per class precision/recall/F1, micro and macro F1. */
export const multiLabelReportSchema = z.object({
  n: z.number().int().nonnegative(),
  microF1: score,
  microPrecision: score,
  microRecall: score,
  macroF1: score,
  subsetAccuracy: score,
  hammingLoss: score,
  perClass: z.array(z.object({ class: z.string(), precision: score, recall: score, f1: score, support: z.number().int(), predicted: z.number().int() })),
});

/**
 * What `Run.metrics` holds: the worker's label-model stage (`fitRunLabelModels`) writes it, the
 * label-model and runs pages read it. One line per label model (`LabelModelComparison`), the
 * choice and why, and the chosen model's learned accuracies (per program, run order) and class
 * balance; the last two are absent on runs fitted before they were stored. A multi-label run
 * stores its per-class choices and micro/macro F1 under `multiLabel`.
 */
export const runMetricsSchema = z
  .object({
    labelModel: z.object({ name: z.string(), reason: z.string() }).nullable(),
    labelModels: z.array(labelModelComparisonSchema),
    learnedAccuracies: z.array(score.nullable()).optional(),
    classBalance: z.object({ prior: z.array(score), estimated: z.array(score) }).optional(),
    /**
     * A multi-label run (labelModel "one-vs-rest", `labelModels` empty): each class's own binary
     * label-model choice (`chooseOneVsRestLabelModels`) and the test metrics of the classes at
     * probability >= threshold (per class, micro and macro F1); test null without test gold.
     */
    multiLabel: z
      .object({
        threshold: score,
        perClass: z.array(
          z.object({
            class: z.string(),
            name: z.string(),
            reason: z.string(),
            comparison: z.array(labelModelComparisonSchema),
            learnedAccuracies: z.array(score.nullable()),
            prior: score,
          }),
        ),
        test: multiLabelReportSchema.nullable(),
      })
      .optional(),
  })
  .passthrough();

export type RunMetrics = z.infer<typeof runMetricsSchema>;
