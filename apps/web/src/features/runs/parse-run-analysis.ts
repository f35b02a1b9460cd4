import { z } from "zod";

const fraction = z.number().finite();
const faultsSchema = z.union([z.number().int().nonnegative(), z.record(z.string(), z.number().nonnegative())]);

/** Where the runner stopped the program during the apply (its later rows are `disabled` faults). */
export const stoppedSchema = z.object({ row: z.number().int().nonnegative(), reason: z.string() });

const analysisSchema = z.object({
  summary: z.object({ coverage: fraction, overlap: fraction, conflict: fraction }),
  programs: z.array(
    z.object({
      name: z.string(),
      programId: z.string().optional(),
      polarity: z.array(z.number().int().nonnegative()),
      coverage: fraction,
      overlaps: fraction,
      conflicts: fraction,
      empiricalAccuracy: fraction.nullish(),
      faults: faultsSchema.optional(),
      stopped: stoppedSchema.optional(),
    }),
  ),
});

/** One program's row of the stored LF analysis, with faults flattened to a total. */
export interface ProgramAnalysisRow {
  readonly name: string;
  readonly programId: string | undefined;
  readonly polarity: readonly number[];
  readonly coverage: number;
  readonly overlaps: number;
  readonly conflicts: number;
  readonly empiricalAccuracy: number | undefined;
  readonly faults: number;
  readonly faultKinds: Readonly<Record<string, number>>;
  /** Set when the runner stopped the program during the apply (K faults in a row, or its time budget). */
  readonly stopped?: { readonly row: number; readonly reason: string } | undefined;
}

/** The label-level summary plus per-program rows of a Run's `analysis` JSON. */
export interface RunAnalysis {
  readonly summary: { readonly coverage: number; readonly overlap: number; readonly conflict: number };
  readonly programs: readonly ProgramAnalysisRow[];
}

/**
 * Validates a Run's `analysis` JSON (written by the worker or the demo seed) so pages never
 * render half-shaped data. Throws naming the run and the first offending path.
 *
 * @example
 * const analysis = parseRunAnalysis(run.analysis, run.id);
 * analysis.programs[0].coverage; // 0.42
 */
export function parseRunAnalysis(value: unknown, runId: string): RunAnalysis {
  const parsed = analysisSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "unknown shape";
    throw new Error(`Run ${runId} has a malformed analysis snapshot at ${where}`);
  }
  return {
    summary: parsed.data.summary,
    programs: parsed.data.programs.map((program) => {
      const faultKinds = typeof program.faults === "object" ? program.faults : {};
      const faults = typeof program.faults === "number" ? program.faults : Object.values(faultKinds).reduce((sum, n) => sum + n, 0);
      return {
        name: program.name,
        programId: program.programId,
        polarity: program.polarity,
        coverage: program.coverage,
        overlaps: program.overlaps,
        conflicts: program.conflicts,
        empiricalAccuracy: program.empiricalAccuracy ?? undefined,
        faults,
        faultKinds,
        stopped: program.stopped,
      };
    }),
  };
}
