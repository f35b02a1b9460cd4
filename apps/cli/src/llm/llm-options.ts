import { InvalidArgumentError, Option, type Command } from "commander";
import { INFO_KINDS, type InfoKind } from "@alchemist/engine";
import { parseInteger } from "../data-options";

export interface LlmFlags {
  readonly provider?: string;
  readonly model?: string;
  readonly n: number;
  readonly baseUrl?: string;
  readonly info?: InfoKind[];
  readonly infoFile?: string;
  readonly promptTemplate?: string;
  readonly twoStage?: boolean;
  readonly docs?: string;
  readonly temperature: number[];
  readonly repairRounds: number;
  readonly minCoverage: number;
  readonly maxFaultRate: number;
  readonly minDevAccuracy?: number;
  readonly exemplars: number;
  readonly seedSize: number;
  readonly budgetUsd?: number;
  readonly prices?: string;
  readonly replay?: string;
  readonly record?: string;
  readonly cacheDir?: string;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly maxTokens: number;
  readonly stream?: boolean;
}

const parseNumber =
  (min: number, max: number) =>
  (value: string): number => {
    const x = Number(value);
    if (value.trim() === "" || !Number.isFinite(x) || x < min || x > max) throw new InvalidArgumentError(`expected a number in ${min}..${max}, got "${value}"`);
    return x;
  };

function parseKinds(value: string): InfoKind[] {
  const kinds = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = kinds.find((k) => !INFO_KINDS.includes(k as InfoKind));
  if (bad !== undefined || kinds.length === 0) throw new InvalidArgumentError(`expected a comma list of ${INFO_KINDS.join(", ")}; got "${value}"`);
  return kinds as InfoKind[];
}

/** Commander parser for a comma list of temperatures in 0..2. */
export function parseTemperatures(value: string): number[] {
  return value.split(",").map((s) => parseNumber(0, 2)(s.trim()));
}

/**
 * Adds the program-generation flags shared by `generate`, `run` and `demo`.
 *
 * @example
 * addLlmOptions(program.command("generate")); // --provider openai --model gpt-4o-mini --n 10 ...
 */
export function addLlmOptions(command: Command, { seedSize = true, mix = true } = {}): Command {
  if (seedSize) command.option("--seed-size <n>", "labeled dev rows for the builtin synthesizer", parseInteger, 50);
  command
    .addOption(
      new Option("--provider <name>", "who writes the programs (default: ALCHEMIST_LLM_PROVIDER, else builtin)").choices([
        "builtin",
        "openai",
        "anthropic",
        "openai-compatible",
        "replay",
      ]),
    )
    .option("--model <name>", "model name (default: ALCHEMIST_LLM_MODEL, else gpt-4o-mini / claude-3-5-haiku-latest)");
  // `sweep` sets the program count, info kinds and temperatures as grids of its own
  if (mix) command.option("--n <n>", "programs to generate", parseInteger, 10);
  command.option("--base-url <url>", "API base URL (OpenAI-compatible: with /v1; Anthropic: without)");
  if (mix) command.option("--info <kinds>", `supplementary info, mixed over programs: ${INFO_KINDS.join(",")}`, parseKinds);
  command
    .option("--info-file <file>", "JSON {kind: text} with your own rules, keywords, descriptions or examples")
    .option("--prompt-template <file>", "JSON or YAML overriding parts of the program prompt: system, mission, instruction, signature")
    .option("--two-stage", "ask the model for the supplementary info first (stage 1), then for code")
    .option("--docs <dir>", "documents (.txt/.md) for BM25 retrieval (--info retrieval)");
  if (mix) command.option("--temperature <list>", "temperatures, mixed over programs, e.g. 0.7,1.0", parseTemperatures, [0.7]);
  return command
    .option("--repair-rounds <n>", "fix attempts for a rejected program", parseInteger, 2)
    .option("--min-coverage <x>", "reject programs voting on fewer sample rows", parseNumber(0, 1), 0.1)
    .option("--max-fault-rate <x>", "reject programs failing on more sample rows", parseNumber(0, 1), 0.2)
    .option("--min-dev-accuracy <x>", "reject programs below this accuracy on dev sample rows", parseNumber(0, 1))
    .option("--exemplars <k>", "labeled dev examples per class for --info examples", parseInteger, 3)
    .option("--budget-usd <x>", "stop generating once this much is spent", parseNumber(0, 1e9))
    .option("--prices <file>", "JSON price table {models: {name: {inputPerMTok, outputPerMTok}}} over the defaults")
    .option("--replay <file>", "JSONL of recorded responses (with --provider replay)")
    .option("--record <file>", "append live responses to this JSONL (replay them later)")
    .option("--cache-dir <dir>", "on-disk response cache (default: ALCHEMIST_LLM_CACHE_DIR; off when unset)")
    .option("--concurrency <n>", "LLM calls in flight", parseInteger, 4)
    .option("--timeout-ms <n>", "per-call timeout", parseInteger, 120_000)
    .option("--retries <n>", "retries on 429/5xx/timeouts", parseInteger, 4)
    .option("--max-tokens <n>", "max output tokens per program", parseInteger, 1500)
    .option("--stream", "stream responses (SSE)");
}
