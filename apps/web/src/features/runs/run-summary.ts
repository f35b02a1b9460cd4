import { z } from "zod";

const Scores = z.object({ accuracy: z.number().nullable(), f1: z.number().nullable() }).passthrough();
const Metrics = z
  .object({
    labelModel: z.object({ name: z.string(), reason: z.string() }).nullable().optional(),
    labelModels: z.array(z.object({ name: z.string(), chosen: z.boolean(), dev: Scores.nullable(), test: Scores.nullable() }).passthrough()).default([]),
  })
  .passthrough();

/** The chosen label model's dev and test scores as stored in Run.metrics. */
export interface LabelModelScoresView {
  readonly name: string;
  readonly dev: { readonly accuracy: number | null; readonly f1: number | null } | null;
  readonly test: { readonly accuracy: number | null; readonly f1: number | null } | null;
}

/**
 * The chosen label model and its dev/test scores from a run's stored metrics; null when no label
 * model was fitted (or the JSON is not the expected shape).
 *
 * @example
 * chosenLabelModelScores(run.metrics)?.dev?.f1; // 0.93
 */
export function chosenLabelModelScores(metrics: unknown): LabelModelScoresView | null {
  const parsed = Metrics.safeParse(metrics);
  if (!parsed.success) return null;
  const chosen = parsed.data.labelModels.find((m) => m.chosen);
  if (!chosen) return null;
  const pick = (s: z.infer<typeof Scores> | null) => (s ? { accuracy: s.accuracy, f1: s.f1 } : null);
  return { name: chosen.name, dev: pick(chosen.dev), test: pick(chosen.test) };
}

/**
 * Parses `?a=..&b=..` of the diff page: two distinct run ids, or the reason they are unusable.
 *
 * @example
 * parseDiffQuery({ a: "r1", b: "r2" }); // { ok: true, a: "r1", b: "r2" }
 */
export function parseDiffQuery(query: {
  a?: string | string[] | undefined;
  b?: string | string[] | undefined;
}): { ok: true; a: string; b: string } | { ok: false; error: string } {
  const id = (x: string | string[] | undefined) => (typeof x === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(x) ? x : null);
  const [a, b] = [id(query.a), id(query.b)];
  if (!a || !b) return { ok: false, error: "Pick two runs to compare (a and b)." };
  if (a === b) return { ok: false, error: "Pick two different runs to compare." };
  return { ok: true, a, b };
}
