import { costComparison, estimateZeroShotCost, type Dataset, type GenerationResult, type TaskSpec } from "@alchemist/engine";
import type { ZeroShotSummary } from "./cli-zero-shot";
import type { ResolvedLlm } from "./make-provider";

/** The LLM part of report.json (beside the pipeline's): ledger, generation summary, estimator, zero-shot. */
export interface LlmReportParts {
  readonly llm: { readonly calls: number; readonly inputTokens: number; readonly outputTokens: number; readonly costUsd: number };
  readonly generation: {
    readonly provider: string;
    readonly model: string;
    readonly programs: number;
    readonly failedSlots: number;
    readonly attempts: number;
    readonly calls: number;
    readonly cachedCalls: number;
    readonly costUsd: number;
    readonly pricesAsOf: string;
    readonly stoppedBy?: string;
  };
  readonly zeroShotEstimate: {
    readonly model: string;
    readonly rows: number;
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly costUsd: number;
    readonly tokenizer: string;
    readonly comparison: string;
  };
  /** The baseline on its (sampled) test rows, with its cost; `zeroShot` holds the side-by-side metrics when it covered every test row. */
  readonly zeroShotBaseline?: ZeroShotSummary;
}

/**
 * Builds the report's LLM parts: the ledger totals (all calls of the run), what generation cost,
 * and the zero-shot estimate for every row ("programs cost $X; zero-shot ... would cost ~$Y").
 *
 * @example
 * const parts = llmReportParts({ llm, generation, task, dataset });
 */
export function llmReportParts(o: {
  llm: ResolvedLlm;
  generation: GenerationResult;
  task: TaskSpec;
  dataset: Dataset;
  zeroShot?: ZeroShotSummary;
}): LlmReportParts {
  const totals = o.llm.ledger.totals();
  const g = o.generation.ledger;
  const estimateModel = o.llm.kind === "builtin" ? "gpt-4o-mini" : o.llm.model;
  const estimate = estimateZeroShotCost({ task: o.task, rows: o.dataset.rows, model: estimateModel, prices: o.llm.prices });
  return {
    llm: { calls: totals.calls, inputTokens: totals.inputTokens, outputTokens: totals.outputTokens, costUsd: totals.costUsd },
    generation: {
      provider: o.llm.kind,
      model: o.llm.model,
      programs: o.generation.programs.length,
      failedSlots: o.generation.failedSlots,
      attempts: o.generation.attempts.length,
      calls: g.calls,
      cachedCalls: g.cachedCalls,
      costUsd: g.costUsd,
      pricesAsOf: o.llm.prices.asOf,
      ...(o.generation.stoppedBy ? { stoppedBy: o.generation.stoppedBy } : {}),
    },
    zeroShotEstimate: { model: estimateModel, ...estimate, comparison: costComparison(g.costUsd, estimate) },
    ...(o.zeroShot ? { zeroShotBaseline: o.zeroShot } : {}),
  };
}

const num = (x: number | null): string => (x === null ? "-" : x.toFixed(3));

/**
 * The human lines for the LLM parts: tokens and dollars, the zero-shot comparison, the baseline's metrics.
 *
 * @example
 * process.stdout.write(formatLlmReport(parts));
 */
export function formatLlmReport(p: LlmReportParts): string {
  const lines = [
    `programs by ${p.generation.provider}${p.generation.provider === "builtin" ? "" : ` ${p.generation.model}`}: ${p.generation.programs} accepted, ${p.generation.failedSlots} failed, ${p.generation.attempts} attempts (${p.generation.calls} API calls, ${p.generation.cachedCalls} cached)${p.generation.stoppedBy ? ", stopped by the budget" : ""}`,
    `LLM tokens: ${p.llm.inputTokens} in / ${p.llm.outputTokens} out, ${p.llm.calls} calls, $${p.llm.costUsd.toFixed(4)} (prices as of ${p.generation.pricesAsOf})`,
    `${p.zeroShotEstimate.comparison} [${p.zeroShotEstimate.model}, tokens estimated as chars/4]`,
  ];
  if (p.zeroShotBaseline) {
    const z = p.zeroShotBaseline;
    lines.push(
      `${`zero-shot (${z.model})`.padEnd(22)} test accuracy ${num(z.test.accuracy)}  F1 ${num(z.test.f1)}  (n=${z.test.n}, ${z.unparsed} unparsed answers, $${z.costUsd.toFixed(4)})`,
    );
  }
  return lines.join("\n") + "\n";
}
