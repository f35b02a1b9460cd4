import type { LabelChangeCounts, LabelChangeSample } from "./attribute-label-changes";
import type { RunDiffProgram, RunProgramsDiff } from "./diff-run-programs";

/** What changed between two runs of the same dataset (stored as `RunDiff.result`). */
export interface RunDiffResult {
  readonly version: 1;
  readonly runA: { readonly id: string; readonly createdAt: string; readonly labelModel: string | null };
  readonly runB: { readonly id: string; readonly createdAt: string; readonly labelModel: string | null };
  readonly programs: {
    readonly added: RunDiffProgram[];
    readonly removed: RunDiffProgram[];
    readonly changed: RunDiffProgram[];
    readonly unchanged: RunDiffProgram[];
  };
  readonly labelModelChanged: boolean;
  readonly rows: number;
  /** Rows whose pseudolabel (argmax) differs between the runs. */
  readonly changed: number;
  /** Programs whose votes differ on changed rows, most changes first. */
  readonly drivers: { readonly programId: string; readonly name: string; readonly rows: number }[];
  /** Changed rows with identical votes in both runs: moved by the label model alone. */
  readonly labelModelOnly: number;
  readonly transitions: { readonly from: number; readonly to: number; readonly rows: number }[];
  readonly samples: readonly LabelChangeSample[];
  /** Newest pseudolabel write of each run when computed: a refit makes the stored diff stale. */
  readonly stamps: { readonly a: string; readonly b: string };
}

type RunSide = { readonly id: string; readonly createdAt: Date; readonly labelModel: string | null };

/**
 * The stored form of a run diff: the merged label-change counts of every chunk
 * (`attributeLabelChanges` + `mergeLabelChangeCounts`) with the program lists, drivers (most
 * changed rows first, then by name) and class transitions (most rows first).
 *
 * @example
 * const result = summarizeRunDiff({ runA, runB, programs: diffRunPrograms(a, b, versions), counts, stamps });
 */
export function summarizeRunDiff(input: {
  runA: RunSide;
  runB: RunSide;
  programs: RunProgramsDiff;
  counts: LabelChangeCounts;
  stamps: { a: string; b: string };
}): RunDiffResult {
  const { runA, runB, programs, counts } = input;
  return {
    version: 1,
    runA: { id: runA.id, createdAt: runA.createdAt.toISOString(), labelModel: runA.labelModel },
    runB: { id: runB.id, createdAt: runB.createdAt.toISOString(), labelModel: runB.labelModel },
    programs: { added: programs.added, removed: programs.removed, changed: programs.changed, unchanged: programs.unchanged },
    labelModelChanged: runA.labelModel !== runB.labelModel,
    rows: counts.rows,
    changed: counts.changed,
    drivers: Object.entries(counts.byProgram)
      .map(([programId, rows]) => ({ programId, name: programs.names.get(programId)!, rows }))
      .sort((x, y) => y.rows - x.rows || x.name.localeCompare(y.name)),
    labelModelOnly: counts.labelModelOnly,
    transitions: Object.entries(counts.transitions)
      .map(([key, rows]) => {
        const [a, b] = key.split(">").map(Number);
        return { from: a!, to: b!, rows };
      })
      .sort((x, y) => y.rows - x.rows),
    samples: counts.samples,
    stamps: input.stamps,
  };
}
