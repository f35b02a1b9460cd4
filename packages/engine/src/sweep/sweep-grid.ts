import type { DataRow } from "../core/dataset";
import type { ProgramRunner } from "../core/program";
import type { TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";
import type { GenerationAttempt, GenerationResult } from "../generation/generation-types";
import type { EvaluationSplit } from "../pipeline/evaluation-split";
import { applyInMemory } from "../pipeline/apply-in-memory";
import { programPrefixCosts, sweepCurve, type SweepPoint } from "./sweep-curve";

/** One (info kind, temperature) cell of a sweep: how many programs its generation kept. */
export interface SweepCell {
  readonly info: string;
  readonly temperature: number;
  readonly programs: number;
  readonly failedSlots: number;
}

/** The grid of a sweep: program counts (prefixes), info kinds ("none" = no stage-1 info) and temperatures. */
export interface SweepGridSpec {
  readonly programs: readonly number[];
  readonly info: readonly string[];
  readonly temperatures: readonly number[];
}

/**
 * Runs a sweep's grid (the paper's Sec. 4.3-4.4 ablation): for each (info kind, temperature)
 * cell, `generate` writes the largest count of programs once (the caller's provider, cache and
 * booking), they are applied in memory, and every count's prefix is scored through the label
 * model (dev chooses, test reports) with what the prefix cost at `costOf` (list prices, so cached
 * answers still count what they would cost). Cells run one after another so a budget stops the
 * grid where it is; a cell whose programs all failed adds no point. Throws GENERATION_FAILED when
 * no cell produced a program.
 *
 * @example
 * const { cells, points } = await sweepGrid({ task, rows, split, runner, seed: 42, grid: { programs: [1, 5], info: ["none", "keywords"], temperatures: [0.3] }, generate, costOf });
 */
export async function sweepGrid(o: {
  task: TaskSpec;
  rows: readonly DataRow[];
  split: EvaluationSplit;
  runner: ProgramRunner;
  seed: number;
  grid: SweepGridSpec;
  generate: (cell: { info: string; temperature: number; n: number; index: number }) => Promise<GenerationResult>;
  costOf: (attempt: GenerationAttempt) => number;
  signal?: AbortSignal;
  onCell?: (cell: SweepCell, index: number, total: number) => void;
}): Promise<{ cells: SweepCell[]; points: SweepPoint[] }> {
  if (o.grid.programs.length === 0 || o.grid.info.length === 0 || o.grid.temperatures.length === 0)
    throw new EngineError("INVALID_ARGUMENT", "a sweep needs at least one program count, one info kind and one temperature");
  const n = Math.max(...o.grid.programs);
  const k = o.task.classes.length;
  const total = o.grid.info.length * o.grid.temperatures.length;
  const cells: SweepCell[] = [];
  const points: SweepPoint[] = [];
  for (const info of o.grid.info) {
    for (const temperature of o.grid.temperatures) {
      o.signal?.throwIfAborted();
      const generation = await o.generate({ info, temperature, n, index: cells.length });
      const cell = { info, temperature, programs: generation.programs.length, failedSlots: generation.failedSlots };
      cells.push(cell);
      o.onCell?.(cell, cells.length, total);
      if (generation.programs.length === 0) continue;
      const { L } = await applyInMemory({
        runner: o.runner,
        task: o.task,
        rows: o.rows,
        programs: generation.programs,
        ...(o.signal ? { signal: o.signal } : {}),
      });
      points.push(...sweepCurve(L, o.split, { k, seed: o.seed, counts: o.grid.programs, info, temperature, costs: programPrefixCosts(generation, o.costOf) }));
    }
  }
  if (points.length === 0) throw new EngineError("GENERATION_FAILED", `no generated program passed validation in any of the ${cells.length} sweep cells`);
  return { cells, points };
}
