import {
  compareLlmVotes,
  CostLedger,
  EngineError,
  evaluationSplit,
  improveRounds,
  llmVotes,
  llmVoteSample,
  pruneFlags,
  selectColumns,
  appendColumns,
  type GenerationResult,
  type LabelMatrix,
  type LlmVotesReport,
  type Program,
  type ProgramRunMeta,
  type ProgramRunner,
  type RoundReport,
} from "@alchemist/engine";
import type { CliContext } from "../cli-context";
import type { Progress } from "../progress";
import { generateForCli } from "./cli-generation";
import type { RunInputs } from "./generate-for-run";
import { improving, type ImproveFlags } from "./improve-options";
import type { RunLlmFlags } from "./run-llm-options";

/** What report.json gains from the improve flags. */
export interface ImproveReportParts {
  readonly rounds?: readonly RoundReport[];
  readonly dedupe?: { readonly agreement: number; readonly merged: readonly { readonly kept: string; readonly dropped: string; readonly agreement: number }[] };
  readonly pruning?: {
    readonly enabled: boolean;
    readonly labelModel: string;
    readonly flags: readonly {
      readonly program: string;
      readonly reason: string;
      readonly detail: string;
      readonly disabled: boolean;
      readonly devAccuracy: number | null;
      readonly devVotes: number;
    }[];
  };
  readonly llmVotes?: LlmVotesReport & { readonly column: string };
}

export interface ImprovedRun {
  /** The programs that go into the run (after de-duplication and pruning). */
  readonly programs: Program[];
  /** Their votes (plus the LLM-votes column) for `runPipeline({ applied })`. */
  readonly applied: { readonly sources: { readonly name: string; readonly language: string }[]; readonly L: LabelMatrix; readonly meta: ProgramRunMeta[] };
  readonly parts: ImproveReportParts;
  /** Generations of the kept rounds after the first. */
  readonly generations: readonly GenerationResult[];
}

const LLM_COLUMN = "llm_votes";

/**
 * `run --rounds/--completions/--llm-votes/--prune`: rounds aimed at the weak spots (the engine's
 * `improveRounds`), pruning flags (`pruneFlags`, applied with --prune), and the LLM's zero-shot
 * answers on K rows as one more column of votes (`llmVotes`, compared by `compareLlmVotes`).
 * Undefined when no improve flag is set (the paper's one-shot pipeline).
 *
 * @example
 * const improved = await improveForRun(inputs, options, ctx, runner, progress);
 */
export async function improveForRun(
  inputs: RunInputs,
  options: ImproveFlags & RunLlmFlags & { seed: number },
  ctx: CliContext,
  runner: ProgramRunner,
  progress: Progress,
): Promise<ImprovedRun | undefined> {
  if (!improving(options)) return undefined;
  const { task, dataset } = inputs;
  const llm = inputs.llm?.resolved;
  const needsLlm =
    (options.rounds ?? 1) > 1 ? "--rounds" : options.llmVotes !== undefined ? "--llm-votes" : options.completions > 1 ? "--completions" : undefined;
  if (needsLlm && !llm?.provider)
    throw new EngineError(
      "INVALID_ARGUMENT",
      `${needsLlm} needs an LLM provider writing the programs (--provider openai|anthropic|openai-compatible|replay, without --programs)`,
    );
  if (inputs.votes) throw new EngineError("INVALID_ARGUMENT", "--rounds, --llm-votes and --prune work on programs, not on a WRENCH folder's weak_labels");
  const k = task.classes.length;
  const split = evaluationSplit(
    dataset.rows.map((r) => r.split),
    dataset.rows.map((r) => r.gold),
  );
  const ledger = llm?.ledger;
  const first = inputs.llm?.generation.ledger;
  const result = await improveRounds({
    task,
    rows: dataset.rows,
    runner,
    split,
    seed: options.seed,
    rounds: options.rounds ?? 1,
    initial: inputs.programs,
    agreement: options.dedupeAgreement,
    ledger: ledger ?? new CostLedger(),
    ...(first ? { initialCost: { calls: first.calls, cachedCalls: first.cachedCalls, costUsd: first.costUsd } } : {}),
    signal: ctx.signal,
    generate: (req) =>
      generateForCli({
        llm: llm!,
        flags: options,
        task,
        dataset,
        runner,
        language: task.language,
        seed: options.seed + 1000 * req.round,
        signal: ctx.signal,
        onStep: (t) => progress.step(t),
        extra: { focus: req.focus, namePrefix: req.namePrefix },
      }),
    onRound: (r) =>
      progress.step(
        `round ${r.round}: ${r.kept ? "kept" : "not kept"}, +${r.programsAdded} programs (${r.programs} in all), coverage ${(r.coverage * 100).toFixed(1)}%, dev F1 ${r.devF1?.toFixed(3) ?? "-"}, ${r.calls} calls, $${r.costUsd.toFixed(4)}${r.stoppedBy ? `; stopped: ${r.stoppedBy}` : ""}`,
      ),
  });
  let programs = [...result.programs];
  let L = result.L;
  let meta = [...result.meta];
  const parts: { -readonly [K in keyof ImproveReportParts]: ImproveReportParts[K] } = {};
  if ((options.rounds ?? 1) > 1 || options.completions > 1) parts.rounds = result.rounds;
  parts.dedupe = { agreement: options.dedupeAgreement, merged: result.merged };

  const labelModel = result.rounds.filter((r) => r.kept).at(-1)!.labelModel;
  if (programs.length > 1 || options.prune) {
    const flags = pruneFlags(L, split, { k, seed: options.seed, model: labelModel });
    const off = new Set(options.prune ? flags.map((f) => f.column) : []);
    parts.pruning = {
      enabled: options.prune === true,
      labelModel,
      flags: flags.map((f) => ({
        program: programs[f.column]!.name,
        reason: f.reason,
        detail: f.detail,
        disabled: off.has(f.column),
        devAccuracy: f.devAccuracy,
        devVotes: f.devVotes,
      })),
    };
    for (const f of flags) progress.step(`${options.prune ? "pruned" : "flagged"} ${programs[f.column]!.name}: ${f.detail}`);
    if (off.size > 0) {
      const keep = programs.map((_, j) => j).filter((j) => !off.has(j));
      L = selectColumns(L, keep);
      programs = keep.map((j) => programs[j]!);
      meta = keep.map((j) => meta[j]!);
    }
  }

  const sources: { name: string; language: string }[] = programs.map((p) => ({ name: p.name, language: p.language }));
  if (options.llmVotes !== undefined && llm?.provider) {
    const sample = llmVoteSample(dataset.rows.length, options.llmVotes, options.seed);
    progress.step(`LLM votes: ${sample.length} rows, ${options.llmVotesBatch} per call, with ${llm.model}`);
    const votes = await llmVotes({
      task,
      rows: dataset.rows,
      sample,
      provider: llm.provider,
      model: llm.model,
      ledger: llm.ledger,
      batchSize: options.llmVotesBatch,
      concurrency: options.concurrency,
      signal: ctx.signal,
    });
    const programsCostUsd = (first?.costUsd ?? 0) + result.rounds.slice(1).reduce((s, r) => s + r.costUsd, 0);
    parts.llmVotes = { column: LLM_COLUMN, ...compareLlmVotes(L, votes, split, { k, seed: options.seed, programsCostUsd, batchSize: options.llmVotesBatch }) };
    L = appendColumns(L, { n: L.n, m: 1, values: votes.column }, k);
    sources.push({ name: LLM_COLUMN, language: "llm" });
    meta.push({ name: LLM_COLUMN, faults: {}, millis: 0 });
  }
  return { programs, applied: { sources, L, meta }, parts, generations: result.generations };
}
