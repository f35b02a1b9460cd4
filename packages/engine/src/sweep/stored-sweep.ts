import { z } from "zod";

const metrics = z.object({ accuracy: z.number().nullable(), f1: z.number().nullable(), n: z.number().int() });

/**
 * A finished sweep as stored (the studio's Sweep.result): the grid, each cell's generation, every
 * point (a prefix of a cell's programs through the label model) and the zero-shot baseline. The
 * worker writes it through this schema and the pages read it through it.
 *
 * @example
 * const stored = storedSweepSchema.parse(row.result); sweepChartSvg(stored.points, stored.baseline);
 */
export const storedSweepSchema = z.object({
  grid: z.object({
    programs: z.array(z.number().int().min(1)),
    info: z.array(z.string()),
    temperatures: z.array(z.number()),
    model: z.string(),
    provider: z.string(),
  }),
  cells: z.array(z.object({ info: z.string(), temperature: z.number(), programs: z.number().int(), failedSlots: z.number().int() })),
  points: z.array(
    z.object({
      info: z.string(),
      temperature: z.number(),
      programs: z.number().int(),
      available: z.number().int(),
      costUsd: z.number(),
      calls: z.number().int(),
      labelModel: z.string(),
      coverage: z.number(),
      dev: metrics,
      test: metrics,
    }),
  ),
  /** Zero-shot on a seeded sample of test rows (f1 null when not asked), and what labeling every row would cost. */
  baseline: z.object({ name: z.string(), f1: z.number().nullable(), costUsd: z.number(), rows: z.number().int() }),
  /** What this sweep spent: calls paid for, answers from the cache (at $0), dollars. */
  spent: z.object({ calls: z.number().int(), cachedCalls: z.number().int(), costUsd: z.number() }),
});
export type StoredSweep = z.infer<typeof storedSweepSchema>;
