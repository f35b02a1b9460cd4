import { readFile } from "node:fs/promises";
import { CostLedger, DEFAULT_PRICES, EngineError, parsePriceTable, type LlmProvider, type PriceTable } from "@alchemist/engine";
import { createLlmProvider, type ProviderKind } from "@alchemist/engine/node";
import type { CliEnv } from "../env";
import type { LlmFlags } from "./llm-options";

export interface ResolvedLlm {
  readonly kind: ProviderKind | "builtin";
  readonly model: string;
  readonly provider?: LlmProvider;
  readonly ledger: CostLedger;
  readonly prices: PriceTable;
}

const DEFAULT_MODELS: Record<string, string> = { openai: "gpt-4o-mini", anthropic: "claude-3-5-haiku-latest" };

async function loadPrices(file: string | undefined): Promise<PriceTable> {
  if (file === undefined) return DEFAULT_PRICES;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new EngineError("INVALID_ARGUMENT", `${file}: cannot read the price table (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return parsePriceTable(JSON.parse(text), file);
  } catch (error) {
    if (error instanceof SyntaxError) throw new EngineError("INVALID_ARGUMENT", `${file}: not JSON (${error.message})`);
    throw error;
  }
}

/**
 * Turns flags + env into a provider (keys from the parsed env, never process.env in the engine),
 * a cost ledger with the budget and price table, and the model name.
 *
 * @example
 * const llm = await resolveLlm(options, ctx.env, 42);
 */
export async function resolveLlm(flags: LlmFlags, env: CliEnv, seed: number): Promise<ResolvedLlm> {
  const kind = (flags.provider ?? env.ALCHEMIST_LLM_PROVIDER ?? "builtin") as ResolvedLlm["kind"];
  const prices = await loadPrices(flags.prices);
  const ledger = new CostLedger({ prices, ...(flags.budgetUsd !== undefined ? { budgetUsd: flags.budgetUsd } : {}) });
  const model = flags.model ?? env.ALCHEMIST_LLM_MODEL ?? DEFAULT_MODELS[kind] ?? (kind === "builtin" ? "synthesizer" : "");
  if (kind === "builtin") return { kind, model, ledger, prices };
  if (model === "") throw new EngineError("INVALID_ARGUMENT", `--model is required with --provider ${kind}`);
  const baseURL = flags.baseUrl ?? (kind === "openai-compatible" ? env.ALCHEMIST_LLM_BASE_URL : undefined);
  if (kind === "openai" && !env.OPENAI_API_KEY && !baseURL)
    throw new EngineError("INVALID_ARGUMENT", "--provider openai needs OPENAI_API_KEY in the environment (or --base-url for a compatible server)");
  if (kind === "anthropic" && !env.ANTHROPIC_API_KEY)
    throw new EngineError("INVALID_ARGUMENT", "--provider anthropic needs ANTHROPIC_API_KEY in the environment");
  const cacheDir = flags.cacheDir ?? env.ALCHEMIST_LLM_CACHE_DIR;
  const provider = await createLlmProvider({
    kind,
    ...(env.OPENAI_API_KEY ? { openaiApiKey: env.OPENAI_API_KEY } : {}),
    ...(env.ANTHROPIC_API_KEY ? { anthropicApiKey: env.ANTHROPIC_API_KEY } : {}),
    ...(baseURL ? { baseURL } : {}),
    ...(flags.replay ? { replayFile: flags.replay } : {}),
    ...(flags.record ? { recordFile: flags.record } : {}),
    ...(cacheDir ? { cacheDir } : {}),
    ...(flags.stream ? { stream: true } : {}),
    concurrency: flags.concurrency,
    retries: flags.retries,
    timeoutMs: flags.timeoutMs,
    seed,
  });
  return { kind, model, provider, ledger, prices };
}
