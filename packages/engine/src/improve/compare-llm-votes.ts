import type { LabelMatrix } from "../core/label-matrix";
import type { LlmVotesResult } from "../generation/llm-votes";
import type { EvaluationSplit } from "../pipeline/evaluation-split";
import { pickRows } from "../pipeline/pick-rows";
import { appendColumns } from "./label-matrix-columns";
import { headline, sourceSetMetrics, type HeadlineMetrics, type SourceSetMetrics } from "./source-metrics";

/** `report.llmVotes`: the LLM as one more source, against programs only and zero-shot alone. */
export interface LlmVotesReport {
  /** Rows the LLM was asked about (K), rows per call, and what it cost. */
  readonly rows: number;
  readonly batchSize: number;
  readonly calls: number;
  readonly cachedCalls: number;
  readonly costUsd: number;
  readonly unparsed: number;
  /** Share of all rows with an LLM vote. */
  readonly coverage: number;
  /** The LLM column's accuracy on the dev rows with gold it voted on (what the label model has to learn). */
  readonly devAccuracy: number | null;
  readonly stoppedBy?: string;
  readonly programsOnly: SourceSetMetrics & { readonly costUsd: number };
  readonly programsPlusLlmVotes: SourceSetMetrics & { readonly costUsd: number };
  /** The LLM's answers alone, on the test rows it labeled (its coverage of test rows beside). */
  readonly zeroShotAlone: { readonly test: HeadlineMetrics; readonly testCoverage: number; readonly costUsd: number };
}

const withoutProba = ({ labelModel, dev, test, coverage }: SourceSetMetrics): SourceSetMetrics => ({ labelModel, dev, test, coverage });

/**
 * Programs only, programs + LLM votes (one more column of L, partial coverage: the label model
 * learns its accuracy like a program's) and the LLM's zero-shot answers alone, with their costs.
 * Dev gold chooses the label models; test gold only reports.
 *
 * @example
 * const report = compareLlmVotes(L, votes, split, { k: 2, seed: 42, programsCostUsd: 0.004, batchSize: 10 });
 */
export function compareLlmVotes(
  L: LabelMatrix,
  votes: LlmVotesResult,
  split: EvaluationSplit,
  o: { k: number; seed: number; programsCostUsd: number; batchSize: number },
): LlmVotesReport {
  const { k } = o;
  const programsOnly = withoutProba(sourceSetMetrics(L, split, o));
  const plus = withoutProba(sourceSetMetrics(appendColumns(L, { n: L.n, m: 1, values: votes.column }, k), split, o));
  const testVotes = pickRows(votes.column, split.test);
  const askedSet = new Set(votes.rows);
  const askedTest = split.test.filter((row) => askedSet.has(row)).length;
  const testGoldAsked = Int32Array.from(split.testGold, (g, at) => (askedSet.has(split.test[at]!) ? g : -1));
  const devVotes = pickRows(votes.column, split.dev);
  const devKnown = Array.from(split.devGold.keys()).filter((at) => split.devGold[at]! >= 0 && devVotes[at]! >= 0);
  let covered = 0;
  for (const v of votes.column) if (v >= 0) covered++;
  return {
    rows: votes.rows.length,
    batchSize: o.batchSize,
    calls: votes.calls,
    cachedCalls: votes.cachedCalls,
    costUsd: votes.costUsd,
    unparsed: votes.unparsed,
    coverage: L.n ? covered / L.n : 0,
    devAccuracy: devKnown.length ? devKnown.filter((at) => devVotes[at] === split.devGold[at]).length / devKnown.length : null,
    ...(votes.stoppedBy ? { stoppedBy: votes.stoppedBy } : {}),
    programsOnly: { ...programsOnly, costUsd: o.programsCostUsd },
    programsPlusLlmVotes: { ...plus, costUsd: o.programsCostUsd + votes.costUsd },
    zeroShotAlone: { test: headline(testGoldAsked, testVotes, k), testCoverage: split.test.length ? askedTest / split.test.length : 0, costUsd: votes.costUsd },
  };
}
