import type { DataRow } from "../core/dataset";
import type { TaskSpec } from "../core/task";
import { programInput } from "../datasets/program-input";
import type { CostLedger } from "../llm/cost-ledger";
import type { LlmProvider } from "../llm/llm-provider";
import { meteredProvider } from "../llm/metered-provider";
import { parseClassAnswer, zeroShotPrompt } from "../prompts/zero-shot-prompt";

export interface ZeroShotResult {
  /** Class index per row, -1 where the answer named no single class. */
  readonly predictions: Int32Array;
  readonly answers: readonly string[];
  readonly unparsed: number;
}

/**
 * The paper's baseline: one call per row with the zero-shot prompt, the answer parsed to a class.
 * Calls go through the provider's concurrency/retries/cache and the ledger (budget included).
 *
 * @example
 * const { predictions } = await zeroShotLabel({ task, rows: testRows, provider, model: "gpt-4o-mini", ledger });
 */
export async function zeroShotLabel(o: {
  task: TaskSpec;
  rows: readonly DataRow[];
  provider: LlmProvider;
  model: string;
  ledger: CostLedger;
  concurrency?: number;
  template?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}): Promise<ZeroShotResult> {
  const provider = meteredProvider(o.provider, o.ledger, o.concurrency ?? 4);
  const names = o.task.classes.map((c) => c.name);
  let done = 0;
  const answers = await Promise.all(
    o.rows.map(async (row) => {
      const input = programInput(row, o.task.input);
      const content = zeroShotPrompt(o.task, typeof input === "string" ? input : JSON.stringify(input), o.template);
      const response = await provider.complete({
        messages: [{ role: "user", content }],
        model: o.model,
        temperature: 0,
        maxTokens: 16,
        ...(o.signal ? { signal: o.signal } : {}),
      });
      o.onProgress?.(++done, o.rows.length);
      return response.text;
    }),
  );
  const predictions = Int32Array.from(answers, (a) => parseClassAnswer(a, names));
  return { predictions, answers, unparsed: predictions.filter((p) => p < 0).length };
}
