import type { DataRow } from "../core/dataset";
import { ABSTAIN } from "../core/label-matrix";
import type { TaskSpec } from "../core/task";
import { programInput } from "../datasets/program-input";
import { EngineError, isEngineError } from "../errors/engine-error";
import type { CostLedger } from "../llm/cost-ledger";
import type { LlmProvider } from "../llm/llm-provider";
import { meteredProvider } from "../llm/metered-provider";
import { batchLabelPrompt, parseBatchAnswer } from "../prompts/batch-label-prompt";
import { seededShuffle } from "../random/seeded-shuffle";

export interface LlmVotesResult {
  /** One more column of L: the LLM's class per row, -1 on rows not asked (or not parsed). */
  readonly column: Int32Array;
  /** Rows asked, in the order they were sent. */
  readonly rows: Int32Array;
  readonly unparsed: number;
  readonly calls: number;
  readonly cachedCalls: number;
  readonly costUsd: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Set when the budget stopped it; the rows not answered stay -1. */
  readonly stoppedBy?: "budget";
}

/**
 * The seeded sample of `k` rows the LLM votes on: any split (the LLM is a source like a program,
 * and votes on test rows as programs do; no gold is read).
 *
 * @example
 * llmVoteSample(10_000, 200, 42); // 200 row indices, sorted
 */
export function llmVoteSample(n: number, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 1) throw new EngineError("INVALID_ARGUMENT", `llm votes: K must be a positive integer, got ${k}`);
  return Int32Array.from(
    seededShuffle(
      Array.from({ length: n }, (_, i) => i),
      seed,
    ).slice(0, Math.min(k, n)),
  ).sort();
}

/**
 * LLM votes as one more source: the zero-shot prompt on the sampled rows, `batchSize` rows per call
 * (one call per row when 1, which shares the zero-shot baseline's cache), answers parsed to classes.
 * Calls = ceil(rows / batchSize): they scale with K, never with the dataset. Every call goes through
 * the ledger (budget included); when the budget stops it, the rows answered so far keep their votes.
 *
 * @example
 * const votes = await llmVotes({ task, rows: dataset.rows, sample: llmVoteSample(n, 200, 42), provider, model: "gpt-4o-mini", ledger, batchSize: 10 });
 * votes.column; // Int32Array(n), -1 outside the sample
 */
export async function llmVotes(o: {
  task: TaskSpec;
  rows: readonly DataRow[];
  sample: Int32Array;
  provider: LlmProvider;
  model: string;
  ledger: CostLedger;
  batchSize?: number;
  concurrency?: number;
  maxTokensPerRow?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}): Promise<LlmVotesResult> {
  const batchSize = o.batchSize ?? 10;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100)
    throw new EngineError("INVALID_ARGUMENT", `llm votes: batch size must be an integer in 1..100, got ${batchSize}`);
  for (const r of o.sample)
    if (r < 0 || r >= o.rows.length) throw new EngineError("INVALID_ARGUMENT", `llm votes: sample row ${r} is outside 0..${o.rows.length - 1}`);
  const provider = meteredProvider(o.provider, o.ledger, o.concurrency ?? 4);
  const names = o.task.classes.map((c) => c.name);
  const column = new Int32Array(o.rows.length).fill(ABSTAIN);
  const before = o.ledger.totals();
  const batches: Int32Array[] = [];
  for (let s = 0; s < o.sample.length; s += batchSize) batches.push(o.sample.subarray(s, s + batchSize));
  let done = 0;
  let unparsed = 0;
  let stoppedBy: "budget" | undefined;
  await Promise.all(
    batches.map(async (batch) => {
      const texts = Array.from(batch, (r) => {
        const input = programInput(o.rows[r]!, o.task.input);
        return typeof input === "string" ? input : JSON.stringify(input);
      });
      let answer: string;
      try {
        const response = await provider.complete({
          messages: [{ role: "user", content: batchLabelPrompt(o.task, texts) }],
          model: o.model,
          temperature: 0,
          maxTokens: 16 + (o.maxTokensPerRow ?? 8) * batch.length,
          ...(o.signal ? { signal: o.signal } : {}),
        });
        answer = response.text;
      } catch (error) {
        if (isEngineError(error) && error.code === "BUDGET_EXCEEDED") {
          stoppedBy = "budget";
          return;
        }
        throw error;
      }
      const parsed = parseBatchAnswer(answer, batch.length, names);
      batch.forEach((r, x) => (column[r] = parsed[x]!));
      unparsed += parsed.filter((p) => p < 0).length;
      done += batch.length;
      o.onProgress?.(done, o.sample.length);
    }),
  );
  const after = o.ledger.totals();
  return {
    column,
    rows: o.sample,
    unparsed,
    calls: after.calls - before.calls,
    cachedCalls: after.cachedCalls - before.cachedCalls,
    costUsd: after.costUsd - before.costUsd,
    inputTokens: after.inputTokens - before.inputTokens,
    outputTokens: after.outputTokens - before.outputTokens,
    ...(stoppedBy ? { stoppedBy } : {}),
  };
}
