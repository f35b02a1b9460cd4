import { lfAnalysis } from "../../analysis/lf-analysis";
import { programInput } from "../../datasets/program-input";
import { EngineError } from "../../errors/engine-error";
import { chooseOneVsRestLabelModels } from "../../multi-label/choose-one-vs-rest-label-models";
import { goldSetIndicators } from "../../multi-label/gold-set-indicators";
import { goldSetMask } from "../../multi-label/gold-set-mask";
import { MULTI_LABEL_THRESHOLD, multiLabelTestReport } from "../../multi-label/multi-label-test-report";
import { multiLabelVotes } from "../../multi-label/multi-label-votes";
import { exportModelOnnx } from "../../onnx/export-model-onnx";
import { applyInMemory } from "../../pipeline/apply-in-memory";
import { distillMultiLabelModel } from "../../pipeline/distill-multi-label-model";
import { evaluationSplit } from "../../pipeline/evaluation-split";
import { programReports } from "../../pipeline/program-reports";
import type { MultiLabelPipelineResult } from "./multi-label-pipeline-types";
import type { PipelineOptions } from "./pipeline-types";

export type * from "./multi-label-pipeline-types";

const THRESHOLD = MULTI_LABEL_THRESHOLD;
const ms = (x: number): number => Math.round(x);

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError("ABORTED", "pipeline cancelled");
}

/**
 * The multi-label pipeline in memory (`task.multiLabel`): programs return class lists, each class
 * gets its one-vs-rest label models (`chooseOneVsRestLabelModels`, chosen on dev gold), an MLP with
 * sigmoid outputs is distilled on the covered train rows' class probabilities (early stopping on
 * dev micro-F1) and both are scored on test gold (per class, micro/macro F1). Train gold is never
 * read. A class applies where its probability is >= 0.5.
 *
 * @example
 * const { report, labels } = await runMultiLabelPipeline({ dataset, task, programs, runner, seed: 42 });
 * labels[0].labels; // ["sports", "politics"]
 */
export async function runMultiLabelPipeline(options: PipelineOptions): Promise<MultiLabelPipelineResult> {
  const { dataset, task, programs, runner, seed, signal, onStage } = options;
  const n = dataset.rows.length;
  const k = task.classes.length;
  const classNames = task.classes.map((c) => c.name);
  if (task.multiLabel !== true) throw new EngineError("INVALID_ARGUMENT", `runMultiLabelPipeline: task ${task.name} is not multi-label (multi_label: true)`);
  if (n === 0) throw new EngineError("INVALID_ARGUMENT", `dataset ${dataset.name} has 0 rows`);
  if (programs.length === 0) throw new EngineError("INVALID_ARGUMENT", "a multi-label run needs at least 1 program returning class lists, got 0");
  if (options.votes || options.applied || options.featureMatrix || options.encoder || options.zeroShot) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      "a multi-label run takes programs only (no imported votes, precomputed features, sentence encoder or zero-shot labels)",
    );
  }
  if (!Number.isInteger(seed)) throw new EngineError("INVALID_ARGUMENT", `seed must be an integer, got ${seed}`);
  const t0 = performance.now();
  const splits = dataset.rows.map((row) => row.split);
  const goldSets = dataset.rows.map((row) => row.goldSet);
  const { train, dev, test } = evaluationSplit(splits, new Int32Array(n).fill(-1));
  if (train.length === 0)
    throw new EngineError("INVALID_ARGUMENT", `dataset ${dataset.name} has no train rows (${n} rows: ${dev.length} dev, ${test.length} test)`);
  const inputs = dataset.rows.map((row) => programInput(row, task.input));

  onStage?.({ stage: "apply", done: 0, total: n * programs.length });
  const applied = await applyInMemory({
    runner,
    task,
    rows: dataset.rows,
    programs,
    ...(signal ? { signal } : {}),
    ...(onStage ? { onProgress: (p) => onStage({ stage: "apply", ...p }) } : {}),
  });
  const L = applied.L;
  const t1 = performance.now();
  throwIfAborted(signal);

  onStage?.({ stage: "analysis", done: 0, total: 1 });
  // The bitmask L read as 2^k "classes": overlap/conflict compare whole sets, dev accuracy is an exact set match.
  const devMasks = new Int32Array(n).fill(-1);
  for (const row of dev) if (goldSets[row] !== undefined) devMasks[row] = goldSetMask.fromSet(goldSets[row]!);
  const analysis = lfAnalysis(L, { k: 2 ** k, names: programs.map((p) => p.name), gold: devMasks });
  onStage?.({ stage: "analysis", done: 1, total: 1 });

  onStage?.({ stage: "label-model", done: 0, total: 1 });
  const votes = multiLabelVotes(L, k);
  const lm = chooseOneVsRestLabelModels(votes, splits, goldSets, { classNames, seed });
  onStage?.({ stage: "label-model", done: 1, total: 1 });
  const t2 = performance.now();
  throwIfAborted(signal);

  const epochs = options.epochs ?? 30;
  const devGold = goldSetIndicators(goldSets, dev, k);
  const history: { epoch: number; loss: number; devMicroF1: number | null }[] = [];
  onStage?.({ stage: "features", done: 0, total: 1 });
  const fit = distillMultiLabelModel({
    inputs,
    L,
    proba: lm.proba.values,
    train,
    devRows: devGold.kept,
    devGold: devGold.values,
    k,
    seed,
    epochs,
    ...(options.hidden ? { hidden: options.hidden } : {}),
    ...(options.features ? { features: options.features } : {}),
    ...(options.keepUncovered === true ? { keepUncovered: true } : {}),
    ...(signal ? { signal } : {}),
    onFeatures: () => {
      onStage?.({ stage: "features", done: 1, total: 1 });
      onStage?.({ stage: "distill", done: 0, total: epochs });
    },
    onEpoch: ({ epoch, loss, devAccuracy }) => {
      history.push({ epoch, loss, devMicroF1: devAccuracy });
      onStage?.({ stage: "distill", done: epoch, total: epochs, epoch: { loss, devAccuracy } });
    },
  });
  const P = fit.proba;
  throwIfAborted(signal);

  onStage?.({ stage: "label", done: 0, total: n });
  const labels = dataset.rows.map((row, i) => {
    const probabilities = Array.from(P.subarray(i * k, (i + 1) * k));
    const names = classNames.filter((_, c) => probabilities[c]! >= THRESHOLD);
    return { id: row.id, label: names.join("|"), labels: names, probabilities };
  });
  onStage?.({ stage: "label", done: n, total: n });

  const report = {
    kind: "multi-label" as const,
    threshold: THRESHOLD,
    labelModel: { name: "one-vs-rest" as const, perClass: lm.perClass, test: multiLabelTestReport(lm.proba.values, k, test, goldSets, classNames) },
    distilled: {
      name: "mlp-sigmoid" as const,
      test: multiLabelTestReport(P, k, test, goldSets, classNames),
      epochs: fit.epochs,
      bestEpoch: fit.bestEpoch,
      trainRows: fit.trainRows,
      hidden: fit.params.sizes.slice(1, -1),
      inputSize: fit.params.sizes[0]!,
      history,
    },
    programs: programReports(programs, analysis, applied.meta),
    summary: { coverage: analysis.coverage, overlap: analysis.overlap, conflict: analysis.conflict },
    llm: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    dataset: { name: dataset.name, rows: n, train: train.length, dev: dev.length, test: test.length },
    task: { name: task.name, classes: classNames, multiLabel: true as const },
    seed,
    timings: {
      applyMs: ms(t1 - t0),
      labelModelMs: ms(t2 - t1),
      featuresMs: ms(fit.featuresMs),
      distillMs: ms(fit.distillMs),
      totalMs: ms(performance.now() - t0),
    },
  };
  const model = exportModelOnnx({
    params: fit.params,
    features: fit.featureSpec,
    classNames,
    input: task.input,
    taskName: task.name,
  });
  return { report, labels, L, pseudolabels: lm.proba, model };
}
