import { EngineError } from "../errors/engine-error";
import { estimateTokens } from "../llm/estimate-tokens";
import { callCostUsd, DEFAULT_PRICES, type PriceTable } from "../llm/price-table";

export interface CallEstimate {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

export interface GenerationCostEstimate {
  /** Every slot accepted at its first answer, answers of `typicalOutputTokens`. */
  readonly expected: CallEstimate;
  /** Every slot uses every repair round and every answer is `maxTokens` long: what the budget must allow. */
  readonly atMost: CallEstimate;
  readonly tokenizer: "chars/4";
}

/**
 * What generating programs will cost before anything is spent, from the prompts generation will
 * send (one per program slot, see `previewProgramPrompt`) and its stage-1 requests. A repair
 * round resends the conversation: the previous answer plus ~150 tokens of error feedback.
 *
 * @example
 * estimateGenerationCost({ prompts: [{ system, user }], stage1: [], model: "gpt-4o-mini", maxTokens: 1500, repairRounds: 2 });
 * // { expected: { calls: 1, costUsd: 0.0003, ... }, atMost: { calls: 3, ... }, tokenizer: "chars/4" }
 */
export function estimateGenerationCost(o: {
  prompts: readonly { system: string; user: string }[];
  stage1: readonly string[];
  model: string;
  maxTokens: number;
  repairRounds: number;
  typicalOutputTokens?: number;
  prices?: PriceTable;
}): GenerationCostEstimate {
  if (o.prompts.length === 0) throw new EngineError("INVALID_ARGUMENT", "estimateGenerationCost needs at least one program prompt");
  if (!Number.isInteger(o.maxTokens) || o.maxTokens < 1) throw new EngineError("INVALID_ARGUMENT", `maxTokens must be a positive integer, got ${o.maxTokens}`);
  if (!Number.isInteger(o.repairRounds) || o.repairRounds < 0)
    throw new EngineError("INVALID_ARGUMENT", `repairRounds must be an integer >= 0, got ${o.repairRounds}`);
  const prices = o.prices ?? DEFAULT_PRICES;
  const typical = Math.min(o.typicalOutputTokens ?? 400, o.maxTokens);
  const feedback = 150;
  const tally = (calls: { input: number; output: number }[]): CallEstimate => {
    const inputTokens = calls.reduce((s, c) => s + c.input, 0);
    const outputTokens = calls.reduce((s, c) => s + c.output, 0);
    return { calls: calls.length, inputTokens, outputTokens, costUsd: callCostUsd(o.model, inputTokens, outputTokens, prices) };
  };
  const base = o.prompts.map((p) => estimateTokens(p.system) + estimateTokens(p.user));
  const stage1 = o.stage1.map((p) => estimateTokens(p));
  const expected = tally([...stage1.map((input) => ({ input, output: typical })), ...base.map((input) => ({ input, output: typical }))]);
  const worst: { input: number; output: number }[] = stage1.map((input) => ({ input, output: o.maxTokens }));
  for (const input of base)
    for (let round = 0; round <= o.repairRounds; round++) worst.push({ input: input + round * (o.maxTokens + feedback), output: o.maxTokens });
  return { expected, atMost: tally(worst), tokenizer: "chars/4" };
}
