import type { ProgramAnalysisRow } from "@/features/runs/client";

/** A program as stored, for merging with a run's analysis. */
export interface StoredProgram {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly language: string | null;
}

/** One line of the programs table: the stored program (if it still exists) and its analysis (if it ran). */
export interface ProgramTableRow {
  readonly key: string;
  readonly name: string;
  readonly program: StoredProgram | undefined;
  readonly analysis: ProgramAnalysisRow | undefined;
}

/**
 * Joins stored programs with a run's per-program analysis, by `programId` and else by name, in
 * the run's order; programs added after the run follow, then analysed programs since deleted
 * stay listed so the run's figures are never silently dropped.
 *
 * @example
 * mergeProgramRows([{ id: "p1", name: "lf_free", enabled: true, language: "PYTHON" }], analysis.programs);
 */
export function mergeProgramRows(programs: readonly StoredProgram[], analysed: readonly ProgramAnalysisRow[]): ProgramTableRow[] {
  const byId = new Map(programs.map((program) => [program.id, program]));
  const byName = new Map(programs.map((program) => [program.name, program]));
  const used = new Set<string>();
  const rows: ProgramTableRow[] = analysed.map((analysis, index) => {
    const program = (analysis.programId ? byId.get(analysis.programId) : undefined) ?? byName.get(analysis.name);
    if (program) used.add(program.id);
    return { key: program?.id ?? `analysis-${index}`, name: program?.name ?? analysis.name, program, analysis };
  });
  for (const program of programs) {
    if (!used.has(program.id)) rows.push({ key: program.id, name: program.name, program, analysis: undefined });
  }
  return rows;
}
