import { z } from "zod";

const roundSchema = z.object({
  round: z.number().int().min(1),
  kept: z.boolean(),
  focus: z
    .object({
      uncovered: z.number().int(),
      uncertain: z.number().int(),
      conflicted: z.number().int(),
      devErrors: z.number().int(),
      weakClasses: z.array(z.string()),
    })
    .nullable(),
  proposed: z.number().int(),
  duplicates: z.number().int(),
  programsAdded: z.number().int(),
  programs: z.number().int(),
  coverage: z.number(),
  devF1: z.number().nullable(),
  devAccuracy: z.number().nullable(),
  labelModel: z.string(),
  calls: z.number().int(),
  cachedCalls: z.number().int(),
  costUsd: z.number(),
  added: z.array(z.string()),
  stoppedBy: z.enum(["no-improvement", "budget", "nothing-weak", "no-programs"]).optional(),
});

const pruneFlagSchema = z.object({
  /** The program's name in the project. */
  program: z.string(),
  reason: z.enum(["below-chance", "leave-one-out"]),
  detail: z.string(),
  /** Whether the round disabled it (the round's "disable flagged programs"). */
  disabled: z.boolean(),
});

/**
 * What a studio round stores (`ImprovementRound.report`): the round it started from (the base
 * run's programs, scored the same way) and the round itself, both `RoundReport`s of
 * `improveRounds`, numbered in the project's sequence, and the `pruneFlags` of the programs the
 * project has after the round. The worker writes it, pages read it.
 *
 * @example
 * const stored = storedRoundSchema.parse(row.report);
 * stored.round.programsAdded; // 2
 */
export const storedRoundSchema = z.object({ base: roundSchema, round: roundSchema, pruning: z.array(pruneFlagSchema) });
export type StoredRound = z.infer<typeof storedRoundSchema>;
