import { z } from "zod";
import { stoppedSchema } from "@/features/runs/client";

const count = z.number().int().nonnegative();
const fraction = z.number().finite();
const snapshotSchema = z.object({
  summary: z.object({ coverage: fraction, overlap: fraction, conflict: fraction }),
  programs: z.array(
    z.object({
      name: z.string(),
      programId: z.string().optional(),
      polarity: z.array(count),
      coverage: fraction,
      overlaps: fraction,
      conflicts: fraction,
      empiricalAccuracy: fraction.nullish(),
      faults: z.union([count, z.record(z.string(), z.number().nonnegative())]).optional(),
      votes: count.optional(),
      classVotes: z.array(count).optional(),
      conflictRows: count.optional(),
      devCorrect: count.optional(),
      devIncorrect: count.optional(),
      stopped: stoppedSchema.optional(),
    }),
  ),
  rows: count.optional(),
  k: count.optional(),
  pairs: z.object({ overlap: z.array(count), conflict: z.array(count) }).optional(),
  classBalance: z.object({ votes: z.array(count), devGold: z.array(count).nullable() }).optional(),
  devGoldRows: count.nullish(),
});

/** One program's line on the analysis page. */
export interface ProgramView {
  readonly index: number;
  readonly name: string;
  readonly programId: string | null;
  readonly polarity: readonly number[];
  readonly coverage: number;
  readonly overlaps: number;
  readonly conflicts: number;
  readonly accuracy: number | null;
  readonly faults: number;
  /** Fault counts by kind (exception, timeout, ..., disabled). */
  readonly faultKinds: Readonly<Record<string, number>>;
  /** Set when the runner stopped the program during the apply: the row and why. */
  readonly stopped: { readonly row: number; readonly reason: string } | null;
  /** Click-through totals (null in snapshots older than the analysis page). */
  readonly votes: number | null;
  readonly conflictRows: number | null;
  readonly devCorrect: number | null;
  readonly devIncorrect: number | null;
  readonly classVotes: readonly number[] | null;
}

/** A run's analysis snapshot, validated and shaped for the analysis page. */
export interface AnalysisView {
  readonly runId: string;
  readonly rows: number | null;
  readonly summary: { readonly coverage: number; readonly overlap: number; readonly conflict: number };
  readonly programs: readonly ProgramView[];
  /** m x m counts, row-major; null when the snapshot predates them (refit the run to add them). */
  readonly pairs: { readonly overlap: readonly number[]; readonly conflict: readonly number[] } | null;
  readonly classBalance: { readonly votes: readonly number[]; readonly devGold: readonly number[] | null } | null;
  readonly devGoldRows: number | null;
}

/**
 * Validates a Run's `analysis` JSON for the analysis page (throws naming the run and the first bad
 * path), flattening faults to a total and checking the pair matrices are m x m.
 *
 * @example
 * const view = parseAnalysisSnapshot(run.analysis, run.id);
 * view.pairs?.conflict[0 * view.programs.length + 1]; // rows where programs 0 and 1 disagree
 */
export function parseAnalysisSnapshot(value: unknown, runId: string): AnalysisView {
  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Run ${runId} has a malformed analysis snapshot at ${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "unknown shape"}`);
  }
  const s = parsed.data;
  const m = s.programs.length;
  if (s.pairs && (s.pairs.overlap.length !== m * m || s.pairs.conflict.length !== m * m)) {
    throw new Error(`Run ${runId} has pair matrices of ${s.pairs.overlap.length} / ${s.pairs.conflict.length} cells for ${m} programs (expected ${m * m})`);
  }
  return {
    runId,
    rows: s.rows ?? null,
    summary: s.summary,
    programs: s.programs.map((p, index) => ({
      index,
      name: p.name,
      programId: p.programId ?? null,
      polarity: p.polarity,
      coverage: p.coverage,
      overlaps: p.overlaps,
      conflicts: p.conflicts,
      accuracy: p.empiricalAccuracy ?? null,
      faults: typeof p.faults === "number" ? p.faults : Object.values(p.faults ?? {}).reduce((a, b) => a + b, 0),
      faultKinds: typeof p.faults === "object" ? p.faults : {},
      stopped: p.stopped ?? null,
      votes: p.votes ?? null,
      conflictRows: p.conflictRows ?? null,
      devCorrect: p.devCorrect ?? null,
      devIncorrect: p.devIncorrect ?? null,
      classVotes: p.classVotes ?? null,
    })),
    pairs: s.pairs ?? null,
    classBalance: s.classBalance ?? null,
    devGoldRows: s.devGoldRows ?? null,
  };
}
