import type { DataRow } from "../core/dataset";
import type { TaskSpec } from "../core/task";
import { programInput } from "../datasets/program-input";
import { estimateTokens } from "../llm/estimate-tokens";
import { callCostUsd, DEFAULT_PRICES, type PriceTable } from "../llm/price-table";
import { zeroShotPrompt } from "../prompts/zero-shot-prompt";

export interface ZeroShotEstimate {
  readonly rows: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly tokenizer: "chars/4";
}

/**
 * What labeling every row with the zero-shot prompt would cost: the estimated tokens of each
 * row's prompt (chars/4: no tokenizer ships with the engine) plus `outputTokensPerRow`, times the model's price.
 *
 * @example
 * estimateZeroShotCost({ task, rows: dataset.rows, model: "gpt-4o-mini" }); // { rows: 5571, inputTokens: ..., costUsd: 0.09, tokenizer: "chars/4" }
 */
export function estimateZeroShotCost(o: {
  task: TaskSpec;
  rows: readonly DataRow[];
  model: string;
  prices?: PriceTable;
  outputTokensPerRow?: number;
  template?: string;
}): ZeroShotEstimate {
  let inputTokens = 0;
  for (const row of o.rows) {
    const input = programInput(row, o.task.input);
    inputTokens += estimateTokens(zeroShotPrompt(o.task, typeof input === "string" ? input : JSON.stringify(input), o.template));
  }
  const outputTokens = o.rows.length * (o.outputTokensPerRow ?? 2);
  return {
    rows: o.rows.length,
    inputTokens,
    outputTokens,
    costUsd: callCostUsd(o.model, inputTokens, outputTokens, o.prices ?? DEFAULT_PRICES),
    tokenizer: "chars/4",
  };
}

/**
 * The paper's comparison in one line.
 *
 * @example
 * costComparison(0.004, { rows: 5571, costUsd: 0.24 } as ZeroShotEstimate);
 * // "programs cost $0.0040; zero-shot labeling of all 5571 rows would cost ~$0.2400 (60x more)"
 */
export function costComparison(programCostUsd: number, estimate: Pick<ZeroShotEstimate, "rows" | "costUsd">): string {
  const ratio = programCostUsd > 0 ? `${Math.round(estimate.costUsd / programCostUsd)}x more` : "programs were free";
  return `programs cost $${programCostUsd.toFixed(4)}; zero-shot labeling of all ${estimate.rows} rows would cost ~$${estimate.costUsd.toFixed(4)} (${ratio})`;
}
