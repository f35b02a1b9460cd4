import type { Dataset, GenerationResult, LabelMatrix, Program, ProgramRunner, TaskSpec } from "@alchemist/engine";
import { EngineError } from "@alchemist/engine";
import type { CliContext } from "../cli-context";
import type { DataOptions } from "../data-options";
import { loadInputs } from "../load-inputs";
import type { Progress } from "../progress";
import { zeroShotForCli, type ZeroShotSummary } from "./cli-zero-shot";
import { generateForCli } from "./cli-generation";
import { formatLlmReport, llmReportParts, type LlmReportParts } from "./llm-report";
import { resolveLlm, type ResolvedLlm } from "./make-provider";
import type { RunLlmFlags } from "./run-llm-options";
import { writeGenerationRecord } from "./write-generation";

export interface RunInputs {
  readonly task: TaskSpec;
  readonly programs: Program[];
  readonly dataset: Dataset;
  readonly votes?: { names: string[]; L: LabelMatrix };
  readonly llm?: { readonly resolved: ResolvedLlm; readonly generation: GenerationResult };
}

/**
 * `run`'s inputs: with `--programs` (or WRENCH weak_labels) as before; otherwise, when a
 * provider is named (flag or ALCHEMIST_LLM_PROVIDER), the programs are generated first.
 *
 * @example
 * const inputs = await inputsForRun(options, ctx, runner, progress);
 */
export async function inputsForRun(
  options: DataOptions & RunLlmFlags & { completions?: number },
  ctx: CliContext,
  runner: ProgramRunner,
  progress: Progress,
): Promise<RunInputs> {
  const generating = options.programs === undefined && (options.provider ?? ctx.env.ALCHEMIST_LLM_PROVIDER) !== undefined;
  if (!generating) {
    if (options.provider !== undefined) throw new EngineError("INVALID_ARGUMENT", "--provider generates programs; drop --programs to use it");
    return loadInputs(options, runner);
  }
  const { task, dataset } = await loadInputs(options, runner, { generating: true });
  const resolved = await resolveLlm(options, ctx.env, options.seed);
  const extra = options.completions !== undefined && options.completions > 1 ? { extra: { completions: options.completions } } : {};
  const generation = await generateForCli({
    llm: resolved,
    flags: options,
    task,
    dataset,
    runner,
    language: task.language,
    seed: options.seed,
    signal: ctx.signal,
    onStep: (t) => progress.step(t),
    ...extra,
  });
  if (generation.programs.length === 0)
    throw new EngineError(
      "GENERATION_FAILED",
      `no generated program passed validation (${generation.attempts.length} attempts${generation.stoppedBy ? ", stopped by the budget" : ""})`,
    );
  return { task, programs: [...generation.programs], dataset, llm: { resolved, generation } };
}

/**
 * Before the pipeline: the zero-shot baseline when `--zero-shot-sample` asks for it. The
 * pipeline gets its predictions for side-by-side metrics only when every test row was labeled.
 *
 * @example
 * const zeroShot = await zeroShotForRun(inputs, options, ctx, progress);
 */
export async function zeroShotForRun(
  inputs: RunInputs,
  options: RunLlmFlags & { seed: number },
  ctx: CliContext,
  progress: Progress,
): Promise<{ summary?: ZeroShotSummary; pipeline?: { name: string; predictions: Int32Array } }> {
  if (!inputs.llm || options.zeroShotSample === undefined) return {};
  const z = await zeroShotForCli({
    llm: inputs.llm.resolved,
    task: inputs.task,
    dataset: inputs.dataset,
    sample: options.zeroShotSample,
    seed: options.seed,
    concurrency: options.concurrency,
    signal: ctx.signal,
    onStep: (t) => progress.step(t),
  });
  if (!z) return {};
  return { summary: z.summary, ...(z.allTest ? { pipeline: { name: z.summary.model, predictions: z.predictions } } : {}) };
}

/**
 * The LLM report parts of a run with generated programs (undefined otherwise).
 *
 * @example
 * const parts = llmPartsForRun(inputs, zeroShot.summary);
 */
export function llmPartsForRun(inputs: RunInputs, zeroShot: ZeroShotSummary | undefined): LlmReportParts | undefined {
  if (!inputs.llm) return undefined;
  const { resolved, generation } = inputs.llm;
  return llmReportParts({ llm: resolved, generation, task: inputs.task, dataset: inputs.dataset, ...(zeroShot ? { zeroShot } : {}) });
}

/**
 * Writes the generation record into the finished run folder and prints the LLM summary.
 *
 * @example
 * await finishLlmRun("out", inputs, parts);
 */
export async function finishLlmRun(out: string, inputs: RunInputs, parts: LlmReportParts | undefined): Promise<void> {
  if (!inputs.llm || !parts) return;
  const { resolved, generation } = inputs.llm;
  await writeGenerationRecord(out, generation, {
    provider: resolved.kind,
    model: resolved.model,
    pricesAsOf: resolved.prices.asOf,
    task: inputs.task.name,
    zeroShotEstimate: parts.zeroShotEstimate,
    comparison: parts.zeroShotEstimate.comparison,
  });
  process.stdout.write(formatLlmReport(parts));
}

/**
 * `demo` with an LLM: the provider named by `--provider` or ALCHEMIST_LLM_PROVIDER writes the
 * programs for the demo's task and data; `undefined` means the builtin synthesizer (the default).
 *
 * @example
 * const inputs = await demoLlmInputs(options, ctx, { task, dataset, runner, progress });
 */
export async function demoLlmInputs(
  options: RunLlmFlags & { seed: number },
  ctx: CliContext,
  o: { task: TaskSpec; dataset: Dataset; runner: ProgramRunner; progress: Progress },
): Promise<RunInputs | undefined> {
  const kind = options.provider ?? ctx.env.ALCHEMIST_LLM_PROVIDER;
  if (kind === undefined || kind === "builtin") {
    if (ctx.env.OPENAI_API_KEY || ctx.env.ANTHROPIC_API_KEY)
      o.progress.step("an LLM key is configured: --provider openai|anthropic (or ALCHEMIST_LLM_PROVIDER) lets the LLM write the programs");
    return undefined;
  }
  const resolved = await resolveLlm(options, ctx.env, options.seed);
  const generation = await generateForCli({
    llm: resolved,
    flags: options,
    task: o.task,
    dataset: o.dataset,
    runner: o.runner,
    language: o.task.language,
    seed: options.seed,
    signal: ctx.signal,
    onStep: (t) => o.progress.step(t),
  });
  if (generation.programs.length === 0)
    throw new EngineError("GENERATION_FAILED", `no generated program passed validation (${generation.attempts.length} attempts)`);
  return { task: o.task, programs: [...generation.programs], dataset: o.dataset, llm: { resolved, generation } };
}
