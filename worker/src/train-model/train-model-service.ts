import {
  devRowsWithGold,
  embeddingMatrix,
  distillTargets,
  evaluationSplit,
  parseRunSettings,
  programInput,
  readImageScoring,
  type FeatureSpecJson,
  type ImageFeatureKind,
  type Split,
} from "@alchemist/engine";
import { distillOffThread, scoreImageDataset, testMetrics } from "@alchemist/engine/node";
import {
  assembleLabelMatrix,
  finishTrainedModel,
  getProjectTask,
  hasPseudolabels,
  readDatasetEmbeddings,
  readPseudolabels,
  runPrograms,
  startTrainedModel,
  toDataRow,
  toTaskSpec,
  DomainError,
  type Db,
} from "@alchemist/db";
import type { TrainModelPayload, TrainModelResult } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { epochProgress } from "./epoch-progress";
import { fitRunLabelModels } from "../apply-programs/fit-run-label-models";
import { fitRunMultiLabelModels } from "../apply-programs/fit-run-multi-label-models";
import { trainMultiLabelModel } from "./train-multi-label-model";
import { assertJobActor } from "../assert-job-actor";
import { memoTextEmbeddings } from "../images/memo-text-embeddings";
import { imageGroupAccuracy } from "./image-group-accuracy";
import { workerClipModel } from "../images/worker-clip-model";

const SPLIT_OF: Record<"TRAIN" | "DEV" | "TEST", Split> = { TRAIN: "train", DEV: "dev", TEST: "test" };

/**
 * Distils an MLP from a run's pseudolabels: features and targets from the train rows the programs
 * vote on (train gold is never read), early stopping on dev gold, final metrics on test gold only.
 * Fits the label model first when the run has no pseudolabels yet. The loss curve is stored after
 * every epoch so the Train page draws it live; the ONNX bytes, test report and config at the end.
 * Idempotent: a retry restarts the model's curve and overwrites its results. A multi-label task
 * trains the sigmoid MLP instead (`trainMultiLabelModel`).
 *
 * @example
 * await trainModelService(prisma, payload, { report, signal });
 */
export async function trainModelService(
  db: Db,
  payload: TrainModelPayload,
  options: { report: ReportProgress; signal?: AbortSignal; clipModelDir?: string | undefined },
): Promise<TrainModelResult> {
  const { report, signal } = options;
  // Roles can change while a job waits: the actor must still be allowed to change models.
  await assertJobActor(db, payload, "edit");
  const model = await db.trainedModel.findUnique({ where: { id: payload.trainedModelId }, select: { runId: true, projectId: true } });
  if (!model || model.runId !== payload.runId || model.projectId !== payload.projectId) {
    throw new Error(`trained model ${payload.trainedModelId} does not belong to run ${payload.runId} of project ${payload.projectId}`);
  }
  const run = await db.run.findUnique({ where: { id: payload.runId }, include: { dataset: true } });
  if (!run || run.projectId !== payload.projectId) throw new Error(`run ${payload.runId} is not in project ${payload.projectId}`);
  if (run.status !== "SUCCEEDED") throw new Error(`run ${run.id} is ${run.status}: its programs must finish applying before a model can be trained`);
  await startTrainedModel(db, payload.trainedModelId);
  const spec = toTaskSpec(await getProjectTask(db, payload.projectId));
  const k = spec.classes.length;
  const classNames = spec.classes.map((c) => c.name);
  const dataset = run.dataset;
  const { L } = await assembleLabelMatrix(
    db,
    dataset,
    runPrograms(run).map((p) => p.codeHash),
  );
  const multiLabel = spec.multiLabel === true;
  if (!(await hasPseudolabels(db, run.id))) {
    await report(2, "fitting the label model (the run has no pseudolabels yet)");
    if (multiLabel) await fitRunMultiLabelModels(db, { runId: run.id, datasetId: dataset.id, L, classNames });
    else await fitRunLabelModels(db, { runId: run.id, datasetId: dataset.id, L, k });
  }
  if (multiLabel) {
    const { labelModel } = (await db.run.findUnique({ where: { id: run.id }, select: { labelModel: true } }))!;
    return trainMultiLabelModel(db, payload, { runId: run.id, datasetId: dataset.id, spec, L, labelModel, report, signal });
  }
  await report(5, "loading rows");
  const rows = await db.row.findMany({
    where: { datasetId: dataset.id },
    orderBy: { index: "asc" },
    select: { index: true, externalId: true, fields: true, split: true, gold: true },
  });
  if (rows.length !== L.n) throw new Error(`dataset ${dataset.id} has ${rows.length} rows but its votes cover ${L.n}`);
  const pseudo = await readPseudolabels(db, run.id);
  if (pseudo.k !== k) throw new Error(`run ${run.id}'s pseudolabels have ${pseudo.k} classes, the task has ${k}`);
  // The engine's rules, as in the CLI: train gold dropped here, distil on covered train rows,
  // early stopping on dev gold, test gold for the final metrics only.
  const split = evaluationSplit(
    rows.map((r) => SPLIT_OF[r.split]),
    rows.map((r) => r.gold),
  );
  const { fitRows, targets } = distillTargets(L, split, { k, values: pseudo.probs });
  const dev = devRowsWithGold(split);
  // An image dataset trains on its pictures' stored CLIP embeddings and/or concept scores (the
  // engine's distillImageModel; the payload's choice, else the run's settings), a text one on TF-IDF of the inputs.
  const imageFeatures = payload.imageFeatures ?? parseRunSettings(run.settings).imageFeatures;
  const image = dataset.kind === "IMAGE" ? await imageInput(db, dataset, imageFeatures, options.clipModelDir) : undefined;
  const inputs = image ? [] : rows.map((r) => programInput(toDataRow(r), spec.input));

  await report(
    8,
    image
      ? `features: ${IMAGE_FEATURE_WORDS[image.features](image.dim, image.concepts.length)} of ${rows.length} pictures`
      : `features: hashed TF-IDF of ${split.train.length} train rows`,
  );
  const progress = epochProgress(db, { trainedModelId: payload.trainedModelId, epochs: payload.epochs, report, devScore: "dev accuracy" });
  const distilled = await distillOffThread(
    {
      inputs,
      fitRows,
      targets,
      train: split.train,
      devRows: dev.rows,
      devGold: dev.gold,
      scoreRows: split.test,
      k,
      seed: payload.seed,
      epochs: payload.epochs,
      hidden: payload.hidden,
      features: { tfidf: { dimension: payload.tfidfDimension } },
      classNames,
      input: spec.input,
      taskName: spec.name,
      ...(image ? { image } : {}),
    },
    {
      ...(signal ? { signal } : {}),
      onFeatures: () => void report(10, `training on ${fitRows.length} pseudolabelled train rows`).catch(() => undefined),
      onEpoch: progress.onEpoch,
    },
  );
  await progress.settled();
  await report(96, "scoring the test rows");
  const testPred = Int32Array.from(split.test, (_, r) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (distilled.proba[r * k + c]! > distilled.proba[r * k + best]!) best = c;
    return best;
  });
  // Image datasets with group fields (the label file's extra columns): worst-group accuracy on test, as the CLI reports it.
  const groups = image
    ? imageGroupAccuracy(
        rows.map((r) => r.fields),
        split.test,
        split.testGold,
        testPred,
        Int32Array.from(split.test, (i) => pseudo.predicted[i]!),
        classNames,
      )
    : [];
  const metrics = { ...testMetrics(split.testGold, testPred, classNames, distilled.proba), ...(groups.length > 0 ? { groups } : {}) };
  const { labelModel } = (await db.run.findUnique({ where: { id: run.id }, select: { labelModel: true } }))!;
  const featurizer = featurizerConfig(distilled.featureSpec, image);
  const testWithGold = split.testGold.filter((g) => g >= 0).length;
  const config = {
    epochs: payload.epochs,
    hidden: payload.hidden,
    seed: payload.seed,
    tfidfDimension: payload.tfidfDimension,
    labelModel,
    trainedEpochs: distilled.epochs,
    bestEpoch: distilled.bestEpoch,
    trainRows: fitRows.length,
    devRows: dev.rows.length,
    testRows: testWithGold,
    inputSize: distilled.params.sizes[0],
    featuresMs: Math.round(distilled.featuresMs),
    distillMs: Math.round(distilled.distillMs),
    featurizer,
  };
  await finishTrainedModel(db, payload.trainedModelId, {
    onnx: distilled.onnx,
    metrics: JSON.parse(JSON.stringify(metrics)),
    config,
    classNames,
    lossCurve: progress.curve,
  });
  return {
    trainedModelId: payload.trainedModelId,
    epochs: distilled.epochs,
    bestEpoch: distilled.bestEpoch,
    trainRows: fitRows.length,
    onnxBytes: distilled.onnx.byteLength,
    testAccuracy: metrics.accuracy,
    testF1: metrics.f1,
  };
}

const IMAGE_FEATURE_WORDS: Record<ImageFeatureKind, (dim: number, concepts: number) => string> = {
  embeddings: (dim) => `CLIP image embeddings (${dim} dimensions)`,
  scores: (_dim, concepts) => `scores on ${concepts} concepts`,
  both: (dim, concepts) => `CLIP image embeddings (${dim} dimensions) and scores on ${concepts} concepts`,
};

/**
 * An image dataset's training input: its stored embeddings and, when the model reads concept
 * scores, the concepts' text embeddings from the worker's CLIP model (the one that embedded the
 * pictures; the ONNX computes the scores from the image embedding with them).
 */
async function imageInput(
  db: Db,
  dataset: { id: string; name: string; kind: string; imageScoring: unknown },
  features: ImageFeatureKind,
  clipModelDir: string | undefined,
) {
  const scoring = readImageScoring(dataset);
  const embeddings = await readDatasetEmbeddings(db, dataset.id, scoring.dim);
  let conceptEmbeddings: Float32Array = new Float32Array(0);
  let calibration: Float32Array | null = null;
  const insights = scoring.insights && scoring.insights.harmful.length + scoring.insights.helpful.length > 0 ? scoring.insights : null;
  if (features !== "embeddings" || insights) {
    const clip = memoTextEmbeddings(await workerClipModel(clipModelDir));
    if (clip.key !== scoring.clipModelKey) {
      throw new DomainError(
        "CONFLICT",
        `dataset "${dataset.name}" was embedded with another CLIP model (${scoring.clipModelKey.slice(0, 12)}) than the worker's CLIP_MODEL_DIR (${clip.key.slice(0, 12)}): point CLIP_MODEL_DIR at that model (concept scores and RoboShot insights need its text encoder), or train on "embeddings" without insights`,
      );
    }
    // The scoring of no rows gives the concepts' text embeddings and the RoboShot matrix of the insights the scores were calibrated with.
    const scored = await scoreImageDataset({ name: dataset.name, rows: [] }, embeddingMatrix(0, scoring.dim, new Float32Array(0)), {
      clip,
      concepts: scoring.concepts,
      template: scoring.template,
      insights,
    });
    conceptEmbeddings = scored.conceptEmbeddings.values;
    calibration = scored.calibration;
  }
  return {
    embeddings: embeddings.values,
    dim: scoring.dim,
    template: scoring.template,
    preprocessing: { ...scoring.preprocessing, clipModelKey: scoring.clipModelKey },
    features,
    concepts: features === "embeddings" ? [] : [...scoring.concepts],
    conceptEmbeddings: features === "embeddings" ? new Float32Array(0) : conceptEmbeddings,
    calibration,
    insights,
  };
}

/** What the stored config says the model read: the text/tabular featurizer, or the image features. */
function featurizerConfig(spec: FeatureSpecJson | null, image: { dim: number; features: ImageFeatureKind; concepts: string[] } | undefined) {
  if (image || !spec) return { image: { features: image?.features ?? "embeddings", dim: image?.dim ?? null, concepts: image?.concepts ?? [] } };
  const { text, tabular, textFields } = spec;
  return {
    text: text
      ? {
          dimension: text.dimension,
          wordNgrams: text.wordNgrams,
          charNgrams: text.charNgrams,
          sublinearTf: text.sublinearTf,
          lowercase: text.lowercase,
          documents: text.documents,
        }
      : null,
    textFields,
    tabularColumns: tabular ? (tabular.columns?.length ?? null) : null,
  };
}
