import { z } from "zod";

const score = z.number().finite();

/**
 * What `Run.metrics` holds: the worker's label-model stage (`fitRunLabelModels`) writes it, the
 * label-model and runs pages read it. One line per label model (`LabelModelComparison`), the
 * choice and why, and the chosen model's learned accuracies (per program, run order) and class
 * balance; the last two are absent on runs fitted before they were stored.
 */
export const runMetricsSchema = z
  .object({
    labelModel: z.object({ name: z.string(), reason: z.string() }).nullable(),
    labelModels: z.array(
      z
        .object({
          name: z.string(),
          chosen: z.boolean(),
          dev: z.object({ accuracy: score, f1: score, ece: score.nullable(), coverage: score }).nullable(),
          test: z.object({ accuracy: score.nullable(), f1: score.nullable() }).nullable(),
          fitMs: z.number().nonnegative(),
          skipped: z.string().optional(),
        })
        .passthrough(),
    ),
    learnedAccuracies: z.array(score.nullable()).optional(),
    classBalance: z.object({ prior: z.array(score), estimated: z.array(score) }).optional(),
  })
  .passthrough();

export type RunMetrics = z.infer<typeof runMetricsSchema>;
