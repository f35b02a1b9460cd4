import type { LabelMatrix } from "../core/label-matrix";
import type { FaultCounts } from "../core/program";
import type { RunAnalysis } from "../contracts/run-analysis-schema";
import { EngineError } from "../errors/engine-error";
import type { LfAnalysis } from "./lf-analysis";
import { voteCounts, type VoteCounts } from "./vote-counts";

/**
 * Shapes an engine `lfAnalysis` result plus per-program faults into the JSON stored on a run
 * (`runAnalysisSchema`), with the pairwise overlap / conflict counts, per-class vote counts and
 * dev right / wrong counts the analysis page charts (from `counts`, or computed from the columns'
 * votes when not given).
 *
 * @example
 * const analysis = buildRunAnalysis(lfAnalysis(L, { k: 2, gold }), runPrograms(run), columns, voteCounts(L, { k: 2, gold }));
 */
export function buildRunAnalysis(
  lf: LfAnalysis,
  programs: readonly { programId: string; name: string }[],
  columns: readonly { faults: FaultCounts; votes?: Int8Array; stopped?: { row: number; reason: string } | null }[],
  counts?: VoteCounts,
): RunAnalysis {
  if (lf.programs.length !== programs.length || columns.length !== programs.length) {
    throw new EngineError("INVALID_ARGUMENT", `buildRunAnalysis: ${lf.programs.length} analysed, ${programs.length} programs, ${columns.length} vote columns`);
  }
  const c = counts ?? countsFromColumns(columns, lf.classCoverage.length);
  if (c && c.m !== programs.length) throw new EngineError("INVALID_ARGUMENT", `buildRunAnalysis: vote counts for ${c.m} programs, ${programs.length} programs`);
  const m = programs.length;
  const hasGold = counts !== undefined && counts.goldRows > 0;
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
      ...(columns[j]!.stopped ? { stopped: { row: columns[j]!.stopped!.row, reason: columns[j]!.stopped!.reason } } : {}),
      ...(c
        ? {
            votes: c.overlap[j * m + j]!,
            classVotes: Array.from(c.classVotes.subarray(j * c.k, (j + 1) * c.k)),
            conflictRows: Math.round(p.conflicts * c.n),
            devCorrect: hasGold ? c.correct[j]! : (p.correct ?? 0),
            devIncorrect: hasGold ? c.incorrect[j]! : (p.incorrect ?? 0),
          }
        : {}),
    })),
    ...(c
      ? {
          rows: c.n,
          k: c.k,
          pairs: { overlap: Array.from(c.overlap), conflict: Array.from(c.conflict) },
          classBalance: { votes: sumClassVotes(c), devGold: hasGold ? Array.from(c.goldClassCounts) : null },
          devGoldRows: hasGold ? c.goldRows : null,
        }
      : {}),
  };
}

function sumClassVotes(c: VoteCounts): number[] {
  const sums = new Array<number>(c.k).fill(0);
  for (let j = 0; j < c.m; j++) for (let x = 0; x < c.k; x++) sums[x]! += c.classVotes[j * c.k + x]!;
  return sums;
}

// Callers that predate the counts (the demo seed) pass whole vote columns, which are enough.
function countsFromColumns(columns: readonly { votes?: Int8Array }[], k: number): VoteCounts | null {
  if (k < 2 || columns.some((col) => !col.votes)) return null;
  const m = columns.length;
  const n = m === 0 ? 0 : columns[0]!.votes!.length;
  const values = new Int8Array(n * m);
  for (let j = 0; j < m; j++) {
    const votes = columns[j]!.votes!;
    for (let i = 0; i < n; i++) values[i * m + j] = votes[i]!;
  }
  const L: LabelMatrix = { n, m, values };
  return voteCounts(L, { k });
}
