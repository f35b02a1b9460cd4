import { runMetricsSchema, type RunMetrics } from "@alchemist/engine";

/** A run's label-model comparison as the label-model page shows it. */
export interface LabelModelView {
  readonly chosen: { readonly name: string; readonly reason: string } | null;
  readonly models: readonly {
    readonly name: string;
    readonly chosen: boolean;
    readonly dev: { readonly accuracy: number; readonly f1: number; readonly ece: number | null; readonly coverage: number } | null;
    readonly test: { readonly accuracy: number | null; readonly f1: number | null } | null;
    readonly fitMs: number;
    readonly skipped: string | null;
  }[];
  /** Per program in run order; null when the run was fitted before they were stored. */
  readonly learnedAccuracies: readonly (number | null)[] | null;
  readonly classBalance: { readonly prior: readonly number[]; readonly estimated: readonly number[] } | null;
  /** A multi-label run: each class's own label-model choice and the test micro/macro F1 (null otherwise). */
  readonly multiLabel: NonNullable<RunMetrics["multiLabel"]> | null;
}

/**
 * Validates a Run's `metrics` JSON (written by the worker's label-model stage) with its one schema,
 * the engine's `runMetricsSchema`; null when the run has none. Throws naming the run and the first bad path.
 *
 * @example
 * const view = parseLabelModelMetrics(run.metrics, run.id);
 * view?.models.find((m) => m.chosen)?.dev?.f1;
 */
export function parseLabelModelMetrics(value: unknown, runId: string): LabelModelView | null {
  if (value === null || value === undefined) return null;
  const parsed = runMetricsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Run ${runId} has malformed label-model metrics at ${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "unknown shape"}`);
  }
  const m = parsed.data;
  return {
    chosen: m.labelModel,
    models: m.labelModels.map((c) => ({ name: c.name, chosen: c.chosen, dev: c.dev, test: c.test, fitMs: c.fitMs, skipped: c.skipped ?? null })),
    learnedAccuracies: m.learnedAccuracies ?? null,
    classBalance: m.classBalance ?? null,
    multiLabel: m.multiLabel ?? null,
  };
}

/**
 * The best value of a column among the scored models (for highlighting): max, or min for ECE.
 *
 * @example
 * bestScore(view.models, "f1"); // 0.91
 */
export function bestScore(models: LabelModelView["models"], key: "accuracy" | "f1" | "ece" | "coverage"): number | null {
  const values = models.flatMap((m) => (m.dev && m.dev[key] !== null ? [m.dev[key]!] : []));
  if (values.length === 0) return null;
  return key === "ece" ? Math.min(...values) : Math.max(...values);
}
