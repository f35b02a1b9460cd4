import { Option, type Command } from "commander";
import type { GenerateOptions } from "../actions/generate-action";
import type { CliContext } from "../cli-context";
import { addDataOptions } from "../data-options";
import { addLlmOptions } from "../llm/llm-options";

/**
 * `alchemist generate`: writes `--out/programs/*.py|js`, `generation.json` (provenance, attempts,
 * ledger, zero-shot estimate) and `attempts.jsonl` (raw responses). The action (LLM SDKs,
 * sandbox) is imported only when the command runs.
 *
 * @example
 * registerGenerate(program, ctx); // alchemist generate --task t.yaml --data d.csv --provider openai --model gpt-4o-mini --n 10 --out gen/
 */
export function registerGenerate(program: Command, ctx: CliContext): void {
  addLlmOptions(
    addDataOptions(program.command("generate").description("write labeling programs with an LLM (or the builtin synthesizer), validated and repaired")),
  )
    .addOption(new Option("--language <language>", "language of the programs (default: the task's)").choices(["python", "javascript"]))
    .requiredOption("--out <dir>", "output folder (programs/, generation.json, attempts.jsonl)")
    .action(async (options: GenerateOptions) => (await import("../actions/generate-action")).generateAction(options, ctx));
}
