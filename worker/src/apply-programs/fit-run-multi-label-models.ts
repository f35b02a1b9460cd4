import {
  evaluationSplit,
  goldSetMask,
  MULTI_LABEL_THRESHOLD,
  multiLabelTestReport,
  parseRunSettings,
  runMetricsSchema,
  type LabelMatrix,
  type Split,
} from "@alchemist/engine";
import { chooseOneVsRestOffThread } from "@alchemist/engine/node";
import { savePseudolabels, type Db } from "@alchemist/db";
import type { RunLabelModels } from "./fit-run-label-models";

const SPLIT_OF: Record<"TRAIN" | "DEV" | "TEST", Split> = { TRAIN: "train", DEV: "dev", TEST: "test" };

/**
 * The label-model stage of a multi-label run, as the CLI's `runMultiLabelPipeline` runs it: the
 * stored class-set votes split one vs rest (`multiLabelVotes`), each class's binary label models
 * fitted on train votes and chosen on DEV gold (`chooseOneVsRestLabelModels`, in the label-model
 * thread; train gold never leaves its evaluationSplit), the classes' probabilities stored as the run's pseudolabels (n x k,
 * independent) and the per-class choices plus TEST micro/macro F1 at 0.5 in `Run.metrics.multiLabel`.
 *
 * @example
 * await fitRunMultiLabelModels(prisma, { runId, datasetId, L, classNames: ["sports", "politics", "tech"] });
 */
export async function fitRunMultiLabelModels(
  db: Db,
  input: { runId: string; datasetId: string; L: LabelMatrix; classNames: readonly string[]; seed?: number },
): Promise<RunLabelModels> {
  const { L, classNames } = input;
  const k = classNames.length;
  const rows = await db.row.findMany({
    where: { datasetId: input.datasetId, index: { lt: L.n } },
    orderBy: { index: "asc" },
    select: { index: true, split: true, gold: true },
  });
  if (rows.length !== L.n) throw new Error(`dataset ${input.datasetId} has ${rows.length} rows but the run's votes cover ${L.n}`);
  const splits = rows.map((row) => SPLIT_OF[row.split]);
  const goldSets = rows.map((row) => (row.gold === null ? undefined : goldSetMask.toSet(row.gold, k)));
  const { train, test } = evaluationSplit(splits, new Int32Array(L.n).fill(-1));
  const seed = input.seed ?? parseRunSettings((await db.run.findUniqueOrThrow({ where: { id: input.runId }, select: { settings: true } })).settings).seed;
  if (train.length === 0) {
    await db.run.update({ where: { id: input.runId }, data: { labelModel: null, metrics: { labelModel: null, labelModels: [] } } });
    return { labelModel: null, metrics: { labelModel: null, labelModels: [] } };
  }
  const choice = await chooseOneVsRestOffThread(L, splits, goldSets, { classNames, seed });
  const metrics = runMetricsSchema.parse({
    labelModel: {
      name: "one-vs-rest",
      reason: `one binary label model per class, chosen on dev gold: ${choice.perClass.map((c) => `${c.class} ${c.name}`).join(", ")}`,
    },
    labelModels: [],
    multiLabel: {
      threshold: MULTI_LABEL_THRESHOLD,
      perClass: choice.perClass,
      test: multiLabelTestReport(choice.proba.values, k, test, goldSets, classNames),
    },
  });
  // Pseudolabels first: a run whose metrics say "fitted" always has them to read.
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: input.datasetId }, select: { chunkSize: true } });
  await savePseudolabels(db, { runId: input.runId, chunkSize: dataset.chunkSize, probs: { n: L.n, k, values: Float32Array.from(choice.proba.values) } });
  await db.run.update({ where: { id: input.runId }, data: { labelModel: "one-vs-rest", metrics: JSON.parse(JSON.stringify(metrics)) } });
  return { labelModel: "one-vs-rest", metrics: { labelModel: metrics.labelModel, labelModels: [] } };
}
