import { evaluatePredictions, seededShuffle, zeroShotLabel, type Dataset, type TaskSpec } from "@alchemist/engine";
import type { ResolvedLlm } from "./make-provider";

export interface ZeroShotSummary {
  readonly provider: string;
  readonly model: string;
  /** Test rows labeled (a seeded sample or all). */
  readonly rows: number;
  readonly unparsed: number;
  readonly test: { readonly accuracy: number | null; readonly f1: number | null; readonly n: number };
  readonly calls: number;
  readonly costUsd: number;
}

/**
 * The paper's zero-shot baseline on `sample` test rows (seeded; `"all"` for every test row):
 * one call per row, answers parsed to classes, test metrics beside the programs' models.
 *
 * @example
 * const zeroShot = await zeroShotForCli({ llm, task, dataset, sample: 200, seed: 42 });
 */
export async function zeroShotForCli(o: {
  llm: ResolvedLlm;
  task: TaskSpec;
  dataset: Dataset;
  sample: number | "all";
  seed: number;
  concurrency: number;
  signal?: AbortSignal;
  onStep?: (text: string) => void;
}): Promise<{ summary: ZeroShotSummary; predictions: Int32Array; allTest: boolean } | undefined> {
  if (!o.llm.provider) return undefined;
  const test = o.dataset.rows.filter((r) => r.split === "test" && r.gold !== undefined && r.gold >= 0);
  const rows = o.sample === "all" ? test : seededShuffle(test, o.seed).slice(0, o.sample);
  if (rows.length === 0) return undefined;
  const before = o.llm.ledger.totals();
  o.onStep?.(`zero-shot baseline: labeling ${rows.length} test rows with ${o.llm.model}`);
  const result = await zeroShotLabel({
    task: o.task,
    rows,
    provider: o.llm.provider,
    model: o.llm.model,
    ledger: o.llm.ledger,
    concurrency: o.concurrency,
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const after = o.llm.ledger.totals();
  const { accuracy, f1, n } = evaluatePredictions(
    Int32Array.from(rows, (r) => r.gold!),
    result.predictions,
    o.task.classes.length,
  );
  // aligned with the dataset rows (-1 where not asked), for the pipeline's side-by-side metrics
  const at = new Map(o.dataset.rows.map((r, i) => [r.id, i]));
  const predictions = new Int32Array(o.dataset.rows.length).fill(-1);
  rows.forEach((r, j) => (predictions[at.get(r.id)!] = result.predictions[j]!));
  const summary = {
    provider: o.llm.kind,
    model: o.llm.model,
    rows: rows.length,
    unparsed: result.unparsed,
    test: { accuracy, f1, n },
    calls: after.calls - before.calls,
    costUsd: after.costUsd - before.costUsd,
  };
  return { summary, predictions, allTest: rows.length === test.length };
}
