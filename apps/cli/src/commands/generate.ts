import { Option, type Command } from "commander";
import { EngineError, type ProgramLanguage } from "@alchemist/engine";
import { createLocalRunner } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";
import { addDataOptions, loadInputs, type DataOptions } from "../data-options";
import { generateForCli } from "../llm/cli-generation";
import { addLlmOptions, type LlmFlags } from "../llm/llm-options";
import { formatLlmReport, llmReportParts } from "../llm/llm-report";
import { resolveLlm } from "../llm/make-provider";
import { writeGenerationFolder } from "../llm/write-generation";

/**
 * `alchemist generate`: writes `--out/programs/*.py|js`, `generation.json` (provenance, attempts,
 * ledger, zero-shot estimate) and `attempts.jsonl` (raw responses).
 *
 * @example
 * registerGenerate(program, ctx); // alchemist generate --task t.yaml --data d.csv --provider openai --model gpt-4o-mini --n 10 --out gen/
 */
export function registerGenerate(program: Command, ctx: CliContext): void {
  addLlmOptions(addDataOptions(program.command("generate").description("write labeling programs with an LLM (or the builtin synthesizer), validated and repaired")))
    .addOption(new Option("--language <language>", "language of the programs (default: the task's)").choices(["python", "javascript"]))
    .requiredOption("--out <dir>", "output folder (programs/, generation.json, attempts.jsonl)")
    .action(async (options: DataOptions & LlmFlags & { out: string; language?: ProgramLanguage }) => {
      if (options.programs !== undefined) throw new EngineError("INVALID_ARGUMENT", "generate writes programs; --programs belongs to run and apply");
      const runner = createLocalRunner();
      const progress = progressFor(ctx);
      try {
        const { task, dataset } = await loadInputs(options, runner, { generating: true });
        const llm = await resolveLlm(options, ctx.env, options.seed);
        const language = options.language ?? task.language;
        const generation = await generateForCli({ llm, flags: options, task, dataset, runner, language, seed: options.seed, signal: ctx.signal, onStep: (t) => progress.step(t) });
        progress.stop();
        const parts = llmReportParts({ llm, generation, task, dataset });
        await writeGenerationFolder(options.out, generation, { provider: llm.kind, model: llm.model, pricesAsOf: llm.prices.asOf, task: task.name, zeroShotEstimate: parts.zeroShotEstimate, comparison: parts.zeroShotEstimate.comparison });
        for (const p of generation.programs) process.stdout.write(`${p.name.padEnd(28)} ${p.description}\n`);
        process.stdout.write(formatLlmReport(parts));
        process.stdout.write(`wrote ${options.out}/ (programs/, generation.json, attempts.jsonl)\n`);
        if (generation.programs.length === 0) throw new EngineError("GENERATION_FAILED", `no program passed validation in ${generation.attempts.length} attempts; see ${options.out}/attempts.jsonl`);
      } finally {
        progress.stop();
        await runner.close();
      }
    });
}
