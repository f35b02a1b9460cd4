import type { LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";
import type { GenerationAttempt, GenerationResult } from "../generation/generation-types";
import { selectColumns } from "../improve/label-matrix-columns";
import { sourceSetMetrics, type HeadlineMetrics } from "../improve/source-metrics";
import type { EvaluationSplit } from "../pipeline/evaluation-split";

/** One point of a sweep: the first `programs` programs of one grid cell through the label model. */
export interface SweepPoint {
  readonly info: string;
  readonly temperature: number;
  /** Programs asked for (a prefix of the cell's programs) and how many there were. */
  readonly programs: number;
  readonly available: number;
  /** What generating those programs cost (every attempt up to the last one's slot, plus stage-1 info calls). */
  readonly costUsd: number;
  readonly calls: number;
  readonly labelModel: string;
  readonly coverage: number;
  readonly dev: HeadlineMetrics;
  readonly test: HeadlineMetrics;
}

/**
 * Cumulative cost and model calls of a generation's first p accepted programs, p = 1..programs:
 * every attempt of a slot up to the p-th program's slot (failed slots before it included) and the
 * stage-1 info calls the prompts shared. `costOf` prices an attempt (default: what it was billed;
 * a sweep passes list prices, so answers served from the cache still count what they cost).
 *
 * @example
 * programPrefixCosts(generation); // [{ costUsd: 0.0003, calls: 1 }, { costUsd: 0.0009, calls: 3 }, ...]
 */
export function programPrefixCosts(
  generation: Pick<GenerationResult, "programs" | "attempts">,
  costOf: (attempt: GenerationAttempt) => number = (a) => a.costUsd,
): { costUsd: number; calls: number }[] {
  const slotOf = (attemptId: string): number => Number(/^p(\d+)-r\d+$/.exec(attemptId)?.[1] ?? Number.NaN);
  const info = generation.attempts.filter((a) => a.kind === "info");
  const base = { costUsd: info.reduce((s, a) => s + costOf(a), 0), calls: info.length };
  return generation.programs.map((p) => {
    const slot = slotOf(p.attemptId);
    if (!Number.isFinite(slot)) throw new EngineError("INVALID_ARGUMENT", `program ${p.name}: attempt id "${p.attemptId}" names no slot`);
    const upTo = generation.attempts.filter((a) => a.kind === "program" && a.slot <= slot);
    return { costUsd: base.costUsd + upTo.reduce((s, a) => s + costOf(a), 0), calls: base.calls + upTo.length };
  });
}

/**
 * A sweep cell's curve: for each count, the first `count` programs (generation order; columns of
 * `L`) through the label model chosen on dev, scored on dev and test (test gold reports only) with
 * their generation cost. Counts beyond the programs available use them all (`available` says so).
 *
 * @example
 * sweepCurve(L, split, { k: 2, seed: 42, counts: [1, 2, 5], info: "keywords", temperature: 0.3, costs: programPrefixCosts(generation) });
 */
export function sweepCurve(
  L: LabelMatrix,
  split: EvaluationSplit,
  o: { k: number; seed: number; counts: readonly number[]; info: string; temperature: number; costs: readonly { costUsd: number; calls: number }[] },
): SweepPoint[] {
  if (o.costs.length !== L.m) throw new EngineError("INVALID_ARGUMENT", `sweepCurve: ${o.costs.length} program costs for ${L.m} programs`);
  return o.counts.flatMap((count) => {
    const used = Math.min(count, L.m);
    if (used === 0) return [];
    const metrics = sourceSetMetrics(
      selectColumns(
        L,
        Array.from({ length: used }, (_, j) => j),
      ),
      split,
      { k: o.k, seed: o.seed },
    );
    const cost = o.costs[used - 1]!;
    return [
      {
        info: o.info,
        temperature: o.temperature,
        programs: count,
        available: used,
        costUsd: cost.costUsd,
        calls: cost.calls,
        labelModel: metrics.labelModel,
        coverage: metrics.coverage,
        dev: metrics.dev,
        test: metrics.test,
      },
    ];
  });
}
