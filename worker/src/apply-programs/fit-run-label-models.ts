import { evaluationSplit, parseRunSettings, type LabelMatrix, type Split } from "@alchemist/engine";
import { chooseLabelModelOffThread, type LabelModelComparison } from "@alchemist/engine/node";
import type { Db } from "@alchemist/db";
import { savePseudolabels } from "@alchemist/db";

const SPLIT_OF: Record<"TRAIN" | "DEV" | "TEST", Split> = { TRAIN: "train", DEV: "dev", TEST: "test" };

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
 * The engine's label-model stage (`chooseLabelModel`, in a worker thread) on the run's stored
 * votes, with the engine's evaluation split (as the CLI does): every model fitted on train votes,
 * one chosen on DEV gold (majority vote without dev gold), each scored on TEST gold for the record.
 * Stores the choice in `Run.labelModel`, the comparison in `Run.metrics` and the chosen model's
 * probabilities of every row as the run's pseudolabels. The seed is the run's (its settings)
 * unless `seed` overrides it. Train gold never leaves evaluationSplit.
 *
 * @example
 * await fitRunLabelModels(prisma, { runId, datasetId, L, k: 2 });
 */
export async function fitRunLabelModels(
  db: Db,
  input: { runId: string; datasetId: string; L: LabelMatrix; k: number; seed?: number },
): Promise<RunLabelModels> {
  const { L, k } = input;
  const rows = await db.row.findMany({
    where: { datasetId: input.datasetId, index: { lt: L.n } },
    orderBy: { index: "asc" },
    select: { index: true, split: true, gold: true },
  });
  if (rows.length !== L.n) throw new Error(`dataset ${input.datasetId} has ${rows.length} rows but the run's votes cover ${L.n}`);
  const split = evaluationSplit(
    rows.map((row) => SPLIT_OF[row.split]),
    rows.map((row) => row.gold),
  );
  const seed = input.seed ?? parseRunSettings((await db.run.findUniqueOrThrow({ where: { id: input.runId }, select: { settings: true } })).settings).seed;
  const stage = split.train.length === 0 ? null : await chooseLabelModelOffThread(L, split, { k, seed });
  const result: RunLabelModels = stage
    ? {
        labelModel: stage.name,
        metrics: {
          labelModel: { name: stage.name, reason: stage.reason },
          labelModels: stage.comparison,
          learnedAccuracies: stage.learnedAccuracies,
          classBalance: { prior: stage.classBalance, estimated: stage.estimatedClassBalance },
        },
      }
    : { labelModel: null, metrics: { labelModel: null, labelModels: [] } };
  // Pseudolabels first: a run whose metrics say "fitted" always has them to read.
  if (stage) {
    const dataset = await db.dataset.findUniqueOrThrow({ where: { id: input.datasetId }, select: { chunkSize: true } });
    await savePseudolabels(db, {
      runId: input.runId,
      chunkSize: dataset.chunkSize,
      probs: { n: stage.proba.n, k: stage.proba.k, values: Float32Array.from(stage.proba.values) },
    });
  }
  await db.run.update({ where: { id: input.runId }, data: { labelModel: result.labelModel, metrics: JSON.parse(JSON.stringify(result.metrics)) } });
  return result;
}
