import type { LabelMatrix } from "@alchemist/engine";
import type { LabelModelComparison } from "@alchemist/engine/node";
import type { Db } from "@alchemist/db";
import { fitLabelModelOffThread } from "./fit-label-model-off-thread";
import { savePseudolabels } from "@alchemist/db";

export interface RunLabelModels {
  /** The chosen label model's name, or null when the dataset has no train rows. */
  readonly labelModel: string | null;
  readonly metrics: {
    readonly labelModel: { readonly name: string; readonly reason: string } | null;
    readonly labelModels: readonly LabelModelComparison[];
    /** Per program in run order (the label-model page): the chosen model's learned accuracies. */
    readonly learnedAccuracies?: readonly (number | null)[];
    /** The dev-gold class-balance prior and the chosen model's mean train soft label per class. */
    readonly classBalance?: { readonly prior: readonly number[]; readonly estimated: readonly number[] };
  };
}

/**
 * Fits every label model (in a worker thread) on the run's stored train votes, chooses one on DEV gold (majority vote
 * without dev gold), scores each on TEST gold for the record, and stores the choice in
 * `Run.labelModel`, the comparison in `Run.metrics` and the chosen model's probabilities of every
 * row as the run's pseudolabels. Train gold is never read.
 *
 * @example
 * await fitRunLabelModels(prisma, { runId, datasetId, L, k: 2 });
 */
export async function fitRunLabelModels(db: Db, input: { runId: string; datasetId: string; L: LabelMatrix; k: number; seed?: number }): Promise<RunLabelModels> {
  const { L, k } = input;
  const rows = await db.row.findMany({ where: { datasetId: input.datasetId, index: { lt: L.n } }, select: { index: true, split: true, gold: true } });
  const bySplit = { TRAIN: [] as number[], DEV: [] as number[], TEST: [] as number[] };
  const gold = new Int32Array(L.n).fill(-1);
  for (const row of rows) {
    bySplit[row.split].push(row.index);
    if (row.split !== "TRAIN" && row.gold !== null) gold[row.index] = row.gold;
  }
  const [train, dev, test] = [bySplit.TRAIN, bySplit.DEV, bySplit.TEST].map((idx) => Int32Array.from(idx.sort((a, b) => a - b))) as [Int32Array, Int32Array, Int32Array];
  const pick = (idx: Int32Array) => Int32Array.from(idx, (i) => gold[i]!);
  const stage = train.length === 0 ? null : await fitLabelModelOffThread(L, { train, dev, test, devGold: pick(dev), testGold: pick(test), k, seed: input.seed ?? 0 });
  const result: RunLabelModels = stage
    ? {
        labelModel: stage.name,
        metrics: {
          labelModel: { name: stage.name, reason: stage.reason }, labelModels: stage.comparison,
          ...(stage.learnedAccuracies ? { learnedAccuracies: stage.learnedAccuracies } : {}),
          ...(stage.classBalance && stage.estimatedClassBalance ? { classBalance: { prior: stage.classBalance, estimated: stage.estimatedClassBalance } } : {}),
        },
      }
    : { labelModel: null, metrics: { labelModel: null, labelModels: [] } };
  // Pseudolabels first: a run whose metrics say "fitted" always has them to read.
  if (stage) {
    const dataset = await db.dataset.findUniqueOrThrow({ where: { id: input.datasetId }, select: { chunkSize: true } });
    await savePseudolabels(db, { runId: input.runId, chunkSize: dataset.chunkSize, probs: stage.proba });
  }
  await db.run.update({ where: { id: input.runId }, data: { labelModel: result.labelModel, metrics: JSON.parse(JSON.stringify(result.metrics)) } });
  return result;
}
