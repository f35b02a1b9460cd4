import type { DataRow } from "../core/dataset";
import type { LabelMatrix } from "../core/label-matrix";
import type { Program, ProgramRunMeta, ProgramRunner } from "../core/program";
import type { TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";
import type { GenerationResult } from "../generation/generation-types";
import type { CostLedger, LedgerTotals } from "../llm/cost-ledger";
import { applyInMemory } from "../pipeline/apply-in-memory";
import type { EvaluationSplit } from "../pipeline/evaluation-split";
import { dedupeByVotes, programSize } from "./dedupe-programs";
import { findWeakSpots } from "./find-weak-spots";
import { appendColumns, selectColumns } from "./label-matrix-columns";
import { sourceSetMetrics } from "./source-metrics";
import { weakSpotContext, type FocusedContext, type LabelCorrection } from "./weak-spot-context";

/** One round in `report.rounds`. */
export interface RoundReport {
  readonly round: number;
  /** Whether the round's programs were kept (its dev metric beat the previous kept round's). */
  readonly kept: boolean;
  /** What round r > 1 aimed at (counts before it ran); null for the first round. */
  readonly focus: {
    readonly uncovered: number;
    readonly uncertain: number;
    readonly conflicted: number;
    readonly devErrors: number;
    readonly weakClasses: readonly string[];
  } | null;
  /** Programs that passed validation, those dropped as duplicates, and those added. */
  readonly proposed: number;
  readonly duplicates: number;
  readonly programsAdded: number;
  /** Programs after the round (the previous count when it was not kept). */
  readonly programs: number;
  /** Coverage (all rows) and the label model's dev metric with the round's programs. */
  readonly coverage: number;
  readonly devF1: number | null;
  readonly devAccuracy: number | null;
  readonly labelModel: string;
  readonly calls: number;
  readonly cachedCalls: number;
  readonly costUsd: number;
  /** Names of the programs the round added. */
  readonly added: readonly string[];
  /** Why the loop ended after this round, if it did. */
  readonly stoppedBy?: "no-improvement" | "budget" | "nothing-weak" | "no-programs";
}

/** What a round asks the generator for: contexts aimed at weak spots, and a name prefix. */
export interface RoundRequest {
  readonly round: number;
  readonly focus: (prompt: number) => FocusedContext;
  readonly namePrefix: string;
}

export interface ImproveRoundsResult {
  readonly programs: readonly Program[];
  readonly L: LabelMatrix;
  readonly meta: readonly ProgramRunMeta[];
  readonly rounds: readonly RoundReport[];
  /** Programs de-duplicated away (by name), with the program kept in their place. */
  readonly merged: readonly { readonly kept: string; readonly dropped: string; readonly agreement: number }[];
  /** Generation results of the kept rounds after the first. */
  readonly generations: readonly GenerationResult[];
}

const delta = (a: LedgerTotals, b: LedgerTotals): { calls: number; cachedCalls: number; costUsd: number } => ({
  calls: b.calls - a.calls,
  cachedCalls: b.cachedCalls - a.cachedCalls,
  costUsd: b.costUsd - a.costUsd,
});

/**
 * The generation loop that aims at its own weak spots. Round 1 applies the initial programs and
 * drops near-duplicates (self-consistency completions); each later round finds the weak spots of
 * the current label model (`findWeakSpots`), asks `generate` for programs aimed there
 * (`weakSpotContext`: the gap and class named, exemplars from those rows), applies only the new
 * programs, drops those voting like a kept one, and keeps the round only if the label model's dev
 * F1 (rows without votes count as wrong) beats the last kept round's by more than `minGain`, or ties
 * it and beats its dev accuracy so (binary F1 ignores the other class's rows). It stops at
 * the first round that does not, when the budget stops generation, or when nothing is weak. Dev
 * gold chooses; test gold is never read here.
 *
 * @example
 * const result = await improveRounds({ task, rows, runner, split, seed: 42, rounds: 3, initial: programs, ledger,
 *   initialCost: { calls: 10, cachedCalls: 0, costUsd: 0.004 }, generate: (req) => generatePrograms({ ...opts, focus: req.focus, namePrefix: req.namePrefix }) });
 * result.rounds; // [{ round: 1, kept: true, ... }, { round: 2, kept: true, programsAdded: 3, ... }, ...]
 */
export async function improveRounds(o: {
  task: TaskSpec;
  rows: readonly DataRow[];
  runner: ProgramRunner;
  split: EvaluationSplit;
  seed: number;
  rounds: number;
  initial: readonly Program[];
  ledger: CostLedger;
  initialCost?: { calls: number; cachedCalls: number; costUsd: number };
  generate: (request: RoundRequest) => Promise<GenerationResult>;
  agreement?: number;
  minGain?: number;
  corrections?: readonly LabelCorrection[];
  signal?: AbortSignal;
  onRound?: (round: RoundReport) => void;
}): Promise<ImproveRoundsResult> {
  const { task, rows, runner, split, seed } = o;
  const k = task.classes.length;
  if (!Number.isInteger(o.rounds) || o.rounds < 1) throw new EngineError("INVALID_ARGUMENT", `rounds must be a positive integer, got ${o.rounds}`);
  if (o.initial.length === 0) throw new EngineError("INVALID_ARGUMENT", "improveRounds needs at least 1 initial program, got 0");
  const minGain = o.minGain ?? 0;
  const merged: { kept: string; dropped: string; agreement: number }[] = [];
  const reports: RoundReport[] = [];
  const generations: GenerationResult[] = [];

  const first = await applyInMemory({ runner, task, rows, programs: o.initial, ...(o.signal ? { signal: o.signal } : {}) });
  const d1 = dedupeByVotes(
    first.L,
    split.train,
    o.initial.map((p) => programSize(p.source)),
    { ...(o.agreement !== undefined ? { agreement: o.agreement } : {}) },
  );
  for (const x of d1.merged) merged.push({ kept: o.initial[x.kept]!.name, dropped: o.initial[x.dropped]!.name, agreement: x.agreement });
  let programs = d1.keep.map((j) => o.initial[j]!);
  let meta = d1.keep.map((j) => first.meta[j]!);
  let L = selectColumns(first.L, d1.keep);
  let current = sourceSetMetrics(L, split, { k, seed });
  if (current.dev.n === 0)
    throw new EngineError("INVALID_ARGUMENT", `rounds need dev rows with gold labels to judge a round; none of the ${split.dev.length} dev rows has one`);
  const cost1 = o.initialCost ?? { calls: 0, cachedCalls: 0, costUsd: 0 };
  const r1: RoundReport = {
    round: 1,
    kept: true,
    focus: null,
    proposed: o.initial.length,
    duplicates: d1.merged.length,
    programsAdded: programs.length,
    programs: programs.length,
    coverage: current.coverage,
    devF1: current.dev.f1,
    devAccuracy: current.dev.accuracy,
    labelModel: current.labelModel,
    ...cost1,
    added: programs.map((p) => p.name),
  };
  reports.push(r1);
  o.onRound?.(r1);

  for (let round = 2; round <= o.rounds; round++) {
    o.signal?.throwIfAborted();
    const spots = findWeakSpots(L, current.proba, split, { k });
    const focus = weakSpotContext(spots, rows, task, { seed: seed + round, ...(o.corrections ? { corrections: o.corrections } : {}) });
    const aimed = {
      uncovered: spots.counts.uncovered,
      uncertain: spots.counts.uncertain,
      conflicted: spots.counts.conflicted,
      devErrors: spots.counts.devErrors,
      weakClasses: spots.weakClasses.map((w) => task.classes[w.class]!.name),
    };
    const base = {
      round,
      focus: aimed,
      programs: programs.length,
      coverage: current.coverage,
      devF1: current.dev.f1,
      devAccuracy: current.dev.accuracy,
      labelModel: current.labelModel,
    };
    if (!focus) {
      reports.push({
        ...base,
        kept: false,
        proposed: 0,
        duplicates: 0,
        programsAdded: 0,
        calls: 0,
        cachedCalls: 0,
        costUsd: 0,
        added: [],
        stoppedBy: "nothing-weak",
      });
      o.onRound?.(reports.at(-1)!);
      break;
    }
    const before = o.ledger.totals();
    const generation = await o.generate({ round, focus, namePrefix: `r${round}_` });
    const spent = delta(before, o.ledger.totals());
    if (generation.programs.length === 0) {
      reports.push({
        ...base,
        kept: false,
        proposed: 0,
        duplicates: 0,
        programsAdded: 0,
        ...spent,
        added: [],
        stoppedBy: generation.stoppedBy ?? "no-programs",
      });
      o.onRound?.(reports.at(-1)!);
      break;
    }
    const fresh = await applyInMemory({ runner, task, rows, programs: generation.programs, ...(o.signal ? { signal: o.signal } : {}) });
    const all = appendColumns(L, fresh.L, k);
    const candidates = [...programs, ...generation.programs];
    const d = dedupeByVotes(
      all,
      split.train,
      candidates.map((p) => programSize(p.source)),
      { fixed: programs.length, ...(o.agreement !== undefined ? { agreement: o.agreement } : {}) },
    );
    const nextL = selectColumns(all, d.keep);
    const next = sourceSetMetrics(nextL, split, { k, seed });
    const added = d.keep.filter((j) => j >= programs.length).map((j) => candidates[j]!);
    // k = 2 scores F1 of one class only: a round that covers the other class ties on F1 and shows in accuracy
    const improved =
      added.length > 0 &&
      (next.dev.f1! > current.dev.f1! + minGain || (next.dev.f1! >= current.dev.f1! && next.dev.accuracy! > current.dev.accuracy! + minGain));
    const report: RoundReport = {
      round,
      kept: improved,
      focus: aimed,
      proposed: generation.programs.length,
      duplicates: d.merged.length,
      programsAdded: improved ? added.length : 0,
      programs: improved ? d.keep.length : programs.length,
      coverage: next.coverage,
      devF1: next.dev.f1,
      devAccuracy: next.dev.accuracy,
      labelModel: next.labelModel,
      ...spent,
      added: improved ? added.map((p) => p.name) : [],
      ...(!improved ? { stoppedBy: "no-improvement" as const } : generation.stoppedBy === "budget" ? { stoppedBy: "budget" as const } : {}),
    };
    reports.push(report);
    o.onRound?.(report);
    if (!improved) break;
    for (const x of d.merged) merged.push({ kept: candidates[x.kept]!.name, dropped: candidates[x.dropped]!.name, agreement: x.agreement });
    const allMeta = [...meta, ...fresh.meta];
    programs = d.keep.map((j) => candidates[j]!);
    meta = d.keep.map((j) => allMeta[j]!);
    L = nextL;
    current = next;
    generations.push(generation);
    if (generation.stoppedBy === "budget") break;
  }
  return { programs, L, meta, rounds: reports, merged, generations };
}
