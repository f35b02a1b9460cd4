import type { FaultCounts, LfAnalysis } from "@alchemist/engine";

/** Per-program row of a stored run analysis. */
export interface RunAnalysisProgram {
  readonly name: string;
  readonly programId: string;
  readonly coverage: number;
  readonly overlaps: number;
  readonly conflicts: number;
  readonly polarity: number[];
  /** On DEV rows with gold; null when the program never voted on one. */
  readonly empiricalAccuracy: number | null;
  readonly faults: FaultCounts;
}

/** What `Run.analysis` holds. */
export interface RunAnalysis {
  readonly summary: { readonly coverage: number; readonly overlap: number; readonly conflict: number };
  readonly programs: RunAnalysisProgram[];
}

/**
 * Shapes an engine `lfAnalysis` result plus per-program faults into the JSON stored on a run.
 *
 * @example
 * const analysis = buildRunAnalysis(lfAnalysis(L, { k: 2, gold }), runPrograms(run), columns);
 */
export function buildRunAnalysis(
  lf: LfAnalysis,
  programs: readonly { programId: string; name: string }[],
  columns: readonly { faults: FaultCounts }[],
): RunAnalysis {
  if (lf.programs.length !== programs.length || columns.length !== programs.length) {
    throw new Error(`buildRunAnalysis: ${lf.programs.length} analysed, ${programs.length} programs, ${columns.length} vote columns`);
  }
  return {
    summary: { coverage: lf.coverage, overlap: lf.overlap, conflict: lf.conflict },
    programs: lf.programs.map((p, j) => ({
      name: programs[j]!.name,
      programId: programs[j]!.programId,
      coverage: p.coverage,
      overlaps: p.overlaps,
      conflicts: p.conflicts,
      polarity: p.polarity,
      empiricalAccuracy: p.empiricalAccuracy ?? null,
      faults: columns[j]!.faults,
    })),
  };
}
