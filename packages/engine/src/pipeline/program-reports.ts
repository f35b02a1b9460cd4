import type { LfAnalysis } from "../analysis/lf-analysis";
import type { ProgramRunMeta } from "../core/program";
import type { ProgramReport } from "./report-types";

/**
 * Joins LF analysis (dev gold only) with the runner's fault counts into the report's program rows.
 *
 * @example
 * const rows = programReports(programs, analysis, meta);
 */
export function programReports(
  programs: readonly { readonly name: string; readonly language: string }[],
  analysis: LfAnalysis,
  meta: readonly ProgramRunMeta[],
): ProgramReport[] {
  return programs.map((program, j) => {
    const stats = analysis.programs[j]!;
    const run = meta.find((entry) => entry.name === program.name) ?? meta[j];
    const faultsByKind = { ...(run?.faults ?? {}) };
    const faults = Object.values(faultsByKind).reduce((sum, count) => sum + (count ?? 0), 0);
    return {
      name: program.name,
      language: program.language,
      coverage: stats.coverage,
      overlaps: stats.overlaps,
      conflicts: stats.conflicts,
      devAccuracy: stats.empiricalAccuracy ?? null,
      faults,
      faultsByKind,
      ...(run?.firstError ? { firstError: run.firstError } : {}),
      ...(run?.stopped ? { stopped: run.stopped } : {}),
    };
  });
}
