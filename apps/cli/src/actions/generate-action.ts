import { EngineError, type ProgramLanguage } from "@alchemist/engine";
import { createLocalRunner } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";
import type { DataOptions } from "../data-options";
import { loadInputs } from "../load-inputs";
import { generateForCli } from "../llm/cli-generation";
import type { LlmFlags } from "../llm/llm-options";
import { formatLlmReport, llmReportParts } from "../llm/llm-report";
import { resolveLlm } from "../llm/make-provider";
import { writeGenerationFolder } from "../llm/write-generation";

export type GenerateOptions = DataOptions & LlmFlags & { out: string; language?: ProgramLanguage };

/**
 * What `alchemist generate` does once its flags are parsed (loaded lazily by `commands/generate.ts`):
 * programs from the LLM (or the builtin synthesizer), validated in the sandbox, written to `--out`.
 *
 * @example
 * await generateAction({ ...flags, provider: "openai", out: "gen/" }, ctx);
 */
export async function generateAction(options: GenerateOptions, ctx: CliContext): Promise<void> {
  if (options.programs !== undefined) throw new EngineError("INVALID_ARGUMENT", "generate writes programs; --programs belongs to run and apply");
  const runner = createLocalRunner();
  const progress = progressFor(ctx);
  try {
    const { task, dataset } = await loadInputs(options, runner, { generating: true });
    const llm = await resolveLlm(options, ctx.env, options.seed);
    const language = options.language ?? task.language;
    const generation = await generateForCli({
      llm,
      flags: options,
      task,
      dataset,
      runner,
      language,
      seed: options.seed,
      signal: ctx.signal,
      onStep: (t) => progress.step(t),
    });
    progress.stop();
    const parts = llmReportParts({ llm, generation, task, dataset });
    await writeGenerationFolder(options.out, generation, {
      provider: llm.kind,
      model: llm.model,
      pricesAsOf: llm.prices.asOf,
      task: task.name,
      zeroShotEstimate: parts.zeroShotEstimate,
      comparison: parts.zeroShotEstimate.comparison,
    });
    for (const p of generation.programs) process.stdout.write(`${p.name.padEnd(28)} ${p.description}\n`);
    process.stdout.write(formatLlmReport(parts));
    process.stdout.write(`wrote ${options.out}/ (programs/, generation.json, attempts.jsonl)\n`);
    if (generation.programs.length === 0)
      throw new EngineError("GENERATION_FAILED", `no program passed validation in ${generation.attempts.length} attempts; see ${options.out}/attempts.jsonl`);
  } finally {
    progress.stop();
    await runner.close();
  }
}
