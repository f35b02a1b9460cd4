import {
  evaluationSplit,
  goldSetIndicators,
  goldSetMask,
  multiLabelTestReport,
  programInput,
  type LabelMatrix,
  type Split,
  type TaskSpec,
} from "@alchemist/engine";
import { distillOffThread } from "@alchemist/engine/node";
import { finishTrainedModel, readPseudolabels, toDataRow, type Db } from "@alchemist/db";
import type { TrainModelPayload, TrainModelResult } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { epochProgress } from "./epoch-progress";

const SPLIT_OF: Record<"TRAIN" | "DEV" | "TEST", Split> = { TRAIN: "train", DEV: "dev", TEST: "test" };

/**
 * `train-model` for a multi-label task: the engine's `distillMultiLabelModel` (the CLI's stage, in
 * the training thread) fits an MLP with sigmoid outputs on the covered train rows' one-vs-rest
 * pseudolabels (train gold is never read), early-stops on dev micro-F1 and exports the sigmoid
 * ONNX; test gold gives the stored report (`kind: "multi-label"`: per class, micro and macro F1).
 *
 * @example
 * await trainMultiLabelModel(prisma, payload, { runId, dataset, spec, L, report });
 */
export async function trainMultiLabelModel(
  db: Db,
  payload: TrainModelPayload,
  o: { runId: string; datasetId: string; spec: TaskSpec; L: LabelMatrix; labelModel: string | null; report: ReportProgress; signal?: AbortSignal | undefined },
): Promise<TrainModelResult> {
  const { spec, L, report } = o;
  const classNames = spec.classes.map((c) => c.name);
  const k = classNames.length;
  // Said from the start, so the Train page labels the live curve's dev score micro-F1 while it trains.
  const created = await db.trainedModel.findUniqueOrThrow({ where: { id: payload.trainedModelId }, select: { config: true } });
  await db.trainedModel.update({ where: { id: payload.trainedModelId }, data: { config: { ...((created.config ?? {}) as object), multiLabel: true } } });
  await report(5, "loading rows");
  const rows = await db.row.findMany({
    where: { datasetId: o.datasetId },
    orderBy: { index: "asc" },
    select: { index: true, externalId: true, fields: true, split: true, gold: true },
  });
  if (rows.length !== L.n) throw new Error(`dataset ${o.datasetId} has ${rows.length} rows but its votes cover ${L.n}`);
  const pseudo = await readPseudolabels(db, o.runId);
  if (pseudo.k !== k) throw new Error(`run ${o.runId}'s pseudolabels have ${pseudo.k} classes, the task has ${k}`);
  const splits = rows.map((r) => SPLIT_OF[r.split]);
  const goldSets = rows.map((r) => (r.gold === null ? undefined : goldSetMask.toSet(r.gold, k)));
  // Split only: gold sets reach the stage as dev indicators (early stopping) and test indicators (the report).
  const { train, dev, test } = evaluationSplit(splits, new Int32Array(rows.length).fill(-1));
  const devGold = goldSetIndicators(goldSets, dev, k);
  await report(8, `features: hashed TF-IDF of ${train.length} train rows`);
  const progress = epochProgress(db, { trainedModelId: payload.trainedModelId, epochs: payload.epochs, report, devScore: "dev micro-F1" });
  const distilled = await distillOffThread(
    {
      inputs: rows.map((r) => programInput(toDataRow(r), spec.input)),
      fitRows: new Int32Array(0),
      targets: new Float64Array(0),
      train,
      devRows: devGold.kept,
      devGold: new Int32Array(0),
      scoreRows: test,
      k,
      seed: payload.seed,
      epochs: payload.epochs,
      hidden: payload.hidden,
      features: { tfidf: { dimension: payload.tfidfDimension } },
      classNames,
      input: spec.input,
      taskName: spec.name,
      multiLabel: { L, proba: pseudo.probs, devGold: devGold.values },
    },
    {
      ...(o.signal ? { signal: o.signal } : {}),
      onFeatures: () => void report(10, "training the sigmoid MLP on the covered train rows").catch(() => undefined),
      onEpoch: progress.onEpoch,
    },
  );
  await progress.settled();
  await report(96, "scoring the test rows");
  // distilled.proba holds the test rows only (scoreRows), in test order.
  const testReport = multiLabelTestReport(
    distilled.proba,
    k,
    Int32Array.from(test, (_, i) => i),
    Array.from(test, (row) => goldSets[row]),
    classNames,
  );
  const trainRows = distilled.trainRows ?? 0;
  await finishTrainedModel(db, payload.trainedModelId, {
    onnx: distilled.onnx,
    metrics: testReport ? { kind: "multi-label", ...testReport } : {},
    config: {
      multiLabel: true,
      epochs: payload.epochs,
      hidden: payload.hidden,
      seed: payload.seed,
      tfidfDimension: payload.tfidfDimension,
      labelModel: o.labelModel,
      trainedEpochs: distilled.epochs,
      bestEpoch: distilled.bestEpoch,
      trainRows,
      devRows: devGold.kept.length,
      testRows: testReport?.n ?? 0,
      inputSize: distilled.params.sizes[0],
      featuresMs: Math.round(distilled.featuresMs),
      distillMs: Math.round(distilled.distillMs),
    },
    classNames,
    lossCurve: progress.curve,
  });
  return {
    trainedModelId: payload.trainedModelId,
    epochs: distilled.epochs,
    bestEpoch: distilled.bestEpoch,
    trainRows,
    onnxBytes: distilled.onnx.byteLength,
    testAccuracy: testReport?.subsetAccuracy ?? null,
    testF1: testReport?.microF1 ?? null,
    testMacroF1: testReport?.macroF1 ?? null,
  };
}
