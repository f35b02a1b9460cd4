import { z } from "zod";

const count = z.number().int().nonnegative();
const fraction = z.number().finite();

/**
 * What `Run.analysis` holds: the worker's `analyseRun` writes it (built by `buildRunAnalysis`),
 * the project, analysis and label-model pages read it. Fields after `programs` (and the
 * per-program counts) are absent in snapshots written before the analysis page; `faults` was a
 * plain total in the oldest ones.
 */
export const runAnalysisSchema = z.object({
  summary: z.object({ coverage: fraction, overlap: fraction, conflict: fraction }),
  programs: z.array(
    z.object({
      name: z.string(),
      programId: z.string().optional(),
      coverage: fraction,
      overlaps: fraction,
      conflicts: fraction,
      polarity: z.array(count),
      /** On DEV rows with gold; null when the program never voted on one. */
      empiricalAccuracy: fraction.nullish(),
      /** Fault counts by kind (exception, timeout, ..., disabled). */
      faults: z.union([count, z.record(z.string(), z.number().nonnegative())]).optional(),
      /** Set when the runner stopped the program during the apply: the row and why; its later rows are `disabled` faults. */
      stopped: z.object({ row: count, reason: z.string() }).optional(),
      /** Rows the program votes on (the click-through total for "fires"). */
      votes: count.optional(),
      /** Votes per class, class-index order. */
      classVotes: z.array(count).optional(),
      /** Rows where it votes and another program votes a different class. */
      conflictRows: count.optional(),
      /** DEV rows with gold it votes right / wrong on. */
      devCorrect: count.optional(),
      devIncorrect: count.optional(),
    }),
  ),
  rows: count.optional(),
  k: count.optional(),
  /** Program x program counts, m x m row-major: rows where both vote (diagonal: each one's votes) / vote different classes. */
  pairs: z.object({ overlap: z.array(count), conflict: z.array(count) }).optional(),
  /** All programs' votes per class; DEV gold rows per class (null when built without gold). */
  classBalance: z.object({ votes: z.array(count), devGold: z.array(count).nullable() }).optional(),
  /** DEV rows with gold. */
  devGoldRows: count.nullish(),
});

export type RunAnalysis = z.infer<typeof runAnalysisSchema>;
export type RunAnalysisProgram = RunAnalysis["programs"][number];
