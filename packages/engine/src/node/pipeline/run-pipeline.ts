import { lfAnalysis } from "../../analysis/lf-analysis";
import { createLabelMatrix, type LabelMatrix } from "../../core/label-matrix";
import type { ProgramRunMeta } from "../../core/program";
import { applyChunkStage } from "../../pipeline/apply-chunk-stage";
import { memoryChunkPort } from "../../pipeline/memory-chunk-port";
import { programInput } from "../../datasets/program-input";
import { EngineError } from "../../errors/engine-error";
import { exportModelOnnx } from "../../onnx/export-model-onnx";
import { chooseLabelModel } from "../../pipeline/choose-label-model";
import { distillModel } from "../../pipeline/distill-model";
import { distillTargets } from "../../pipeline/distill-targets";
import { devGoldByRow, devRowsWithGold, evaluationSplit } from "../../pipeline/evaluation-split";
import { pickRows } from "../../pipeline/pick-rows";
import { programReports } from "../../pipeline/program-reports";
import { testMetrics } from "../../pipeline/test-metrics";
import { encodeInputs } from "../onnx/encode-inputs";
import type { PipelineOptions, PipelineReport, PipelineResult } from "./pipeline-types";
import type { SparseMatrix } from "../../core/sparse-matrix";
import { groupAccuracy } from "../../metrics/group-accuracy";
import { distillOnFeatures, type DistillOnFeaturesOptions } from "../../pipeline/distill-on-features";

export type * from "./pipeline-types";

/** The engine's apply stage with the in-memory port: one chunk of every row, each program its own column. */
async function applyInMemory(options: PipelineOptions, n: number): Promise<{ L: LabelMatrix; meta: ProgramRunMeta[] }> {
  const { dataset, task, programs, runner, signal, onStage } = options;
  const port = memoryChunkPort(dataset.rows);
  const keyed = programs.map((program, j) => ({ codeHash: String(j), program }));
  await applyChunkStage({
    runner,
    task,
    programs: keyed,
    chunk: { index: 0, start: 0, rows: n },
    port,
    ...(signal ? { signal } : {}),
    onProgress: (p) => onStage?.({ stage: "apply", ...p }),
  });
  const L = createLabelMatrix(n, programs.length, task.classes.length);
  const meta = programs.map((program, j): ProgramRunMeta => {
    const saved = port.saved.find((s) => s.codeHash === String(j))!;
    for (let i = 0; i < n; i++) L.values[i * L.m + j] = saved.votes[i]!;
    return {
      name: program.name,
      faults: saved.faults,
      millis: saved.millis,
      ...(saved.firstError !== null ? { firstError: saved.firstError } : {}),
      ...(saved.stopped ? { stopped: saved.stopped } : {}),
    };
  });
  return { L, meta };
}

/** Rows of an n x k probability table, in `rows` order. */
function pickProba(values: ArrayLike<number>, rows: Int32Array, k: number): Float64Array {
  return Float64Array.from({ length: rows.length * k }, (_, x) => values[rows[Math.floor(x / k)]! * k + (x % k)]!);
}

/** The MLP on ready features, timed like `distillModel`. */
function distillPrecomputed(
  X: SparseMatrix,
  o: DistillOnFeaturesOptions,
  hooks: { onFeatures: () => void; onEpoch: (e: { epoch: number; loss: number; devAccuracy: number | null }) => void },
): ReturnType<typeof distillOnFeatures> & { featuresMs: number; distillMs: number; featureSpec?: undefined } {
  hooks.onFeatures();
  const started = performance.now();
  const fit = distillOnFeatures(X, { ...o, onEpoch: hooks.onEpoch });
  return { ...fit, featuresMs: 0, distillMs: performance.now() - started };
}

/** Worst-group accuracy on test rows; the group of a row is `fields[field]`. */
function testGroups(
  field: string,
  rows: PipelineOptions["dataset"]["rows"],
  test: Int32Array,
  gold: Int32Array,
  lmPred: ArrayLike<number>,
  mlpPred: ArrayLike<number>,
  classNames: readonly string[],
): NonNullable<PipelineReport["groups"]> {
  const values = Array.from(test, (i) => {
    const value = rows[i]!.fields[field];
    if (value === undefined || value === null || String(value).trim() === "")
      throw new EngineError("FIELD_NOT_FOUND", `row ${rows[i]!.id} has no group field "${field}"; fields: ${Object.keys(rows[i]!.fields).join(", ")}`);
    return String(value);
  });
  return { field, labelModel: groupAccuracy(gold, lmPred, values, classNames), distilled: groupAccuracy(gold, mlpPred, values, classNames) };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError("ABORTED", "pipeline cancelled");
}

const ms = (x: number): number => Math.round(x);

/**
 * The whole pipeline in memory (the CLI's adapters): programs over a dataset, the engine's stages
 * (`evaluationSplit`, `chooseLabelModel`, `distillTargets`, `distillModel`, `testMetrics`; the
 * studio's worker runs the same stages on Postgres chunks), the label model that scores best on
 * dev gold (majority vote without dev gold), a distilled MLP, both evaluated on test gold. Train
 * gold is never read; dev gold only sets the class balance, early stopping and dev accuracy; test
 * gold only the final metrics.
 *
 * @example
 * const runner = createLocalRunner();
 * const { report, labels } = await runPipeline({ dataset, task, programs, runner, seed: 42 });
 * await runner.close();
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { dataset, task, programs, seed, signal, onStage } = options;
  const n = dataset.rows.length;
  const k = task.classes.length;
  const classNames = task.classes.map((c) => c.name);
  if (n === 0) throw new EngineError("INVALID_ARGUMENT", `dataset ${dataset.name} has 0 rows`);
  const { votes } = options;
  const pre = options.applied;
  if (pre && (pre.L.n !== n || pre.L.m !== pre.sources.length || pre.meta.length !== pre.sources.length))
    throw new EngineError("INVALID_ARGUMENT", `applied votes are ${pre.L.n} x ${pre.L.m} for ${pre.sources.length} sources; expected ${n} rows`);
  if (programs.length === 0 && !votes && !pre) throw new EngineError("INVALID_ARGUMENT", "runPipeline needs at least 1 program (or precomputed votes), got 0");
  if (votes && (votes.L.n !== n || votes.L.m !== votes.names.length || votes.L.m === 0)) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `precomputed votes are ${votes.L.n} x ${votes.L.m} with ${votes.names.length} names; expected ${n} rows and >= 1 named column`,
    );
  }
  if (!Number.isInteger(seed)) throw new EngineError("INVALID_ARGUMENT", `seed must be an integer, got ${seed}`);
  const t0 = performance.now();
  const split = evaluationSplit(
    dataset.rows.map((row) => row.split),
    dataset.rows.map((row) => row.gold),
  );
  const { train, dev, test } = split;
  if (train.length === 0)
    throw new EngineError("INVALID_ARGUMENT", `dataset ${dataset.name} has no train rows (${n} rows: ${dev.length} dev, ${test.length} test)`);
  const inputs = dataset.rows.map((row) => programInput(row, task.input));

  const sources = pre ? pre.sources : votes ? votes.names.map((name) => ({ name, language: "imported" })) : programs;
  const total = n * sources.length;
  onStage?.({ stage: "apply", done: 0, total });
  const applied = pre
    ? { L: pre.L, meta: [...pre.meta] }
    : votes
      ? { L: votes.L, meta: votes.names.map((name) => ({ name, faults: {}, millis: 0 })) }
      : await applyInMemory(options, inputs.length);
  onStage?.({ stage: "apply", done: total, total });
  const L = applied.L;
  const t1 = performance.now();
  throwIfAborted(signal);

  onStage?.({ stage: "analysis", done: 0, total: 1 });
  const analysis = lfAnalysis(L, { k, names: sources.map((p) => p.name), gold: devGoldByRow(split) });
  onStage?.({ stage: "analysis", done: 1, total: 1 });

  onStage?.({ stage: "label-model", done: 0, total: 1 });
  const lm = chooseLabelModel(L, split, { k, seed });
  onStage?.({ stage: "label-model", done: 1, total: 1 });
  const t2 = performance.now();
  throwIfAborted(signal);

  const keepUncovered = options.keepUncovered ?? false;
  const { fitRows, targets } = distillTargets(L, split, lm.proba, { keepUncovered });
  const { rows: devRows, gold: devGold } = devRowsWithGold(split);
  const epochs = options.epochs ?? 30;
  onStage?.({ stage: "features", done: 0, total: 1 });
  const history: { epoch: number; loss: number; devAccuracy: number | null }[] = [];
  const encoded = options.encoder ? await encodeInputs(options.encoder, inputs, signal) : undefined;
  const hooks = {
    onFeatures: () => {
      onStage?.({ stage: "features", done: 1, total: 1 });
      onStage?.({ stage: "distill", done: 0, total: epochs });
    },
    onEpoch: ({ epoch, loss, devAccuracy }: { epoch: number; loss: number; devAccuracy: number | null }) => {
      history.push({ epoch, loss, devAccuracy });
      onStage?.({ stage: "distill", done: epoch, total: epochs, epoch: { loss, devAccuracy } });
    },
  };
  const common = {
    fitRows,
    targets: { n: fitRows.length, k, values: targets },
    devRows,
    devGold,
    k,
    seed,
    epochs,
    ...(signal ? { signal } : {}),
    ...(options.hidden ? { hidden: options.hidden } : {}),
  };
  const distilled = options.featureMatrix
    ? distillPrecomputed(options.featureMatrix.X, common, hooks)
    : distillModel({
        ...common,
        inputs,
        train,
        ...(options.features ? { features: options.features } : {}),
        ...(encoded ? { encoded } : {}),
        ...hooks,
      });
  onStage?.({ stage: "distill", done: distilled.epochs, total: distilled.epochs });
  throwIfAborted(signal);

  onStage?.({ stage: "label", done: 0, total: n });
  const P = distilled.proba.values;
  const predicted = new Int32Array(n);
  const labels = dataset.rows.map((row, i) => {
    const probabilities = Array.from(P.subarray(i * k, (i + 1) * k));
    predicted[i] = probabilities.indexOf(Math.max(...probabilities));
    return { id: row.id, label: classNames[predicted[i]!]!, probabilities };
  });
  onStage?.({ stage: "label", done: n, total: n });

  const report = {
    labelModel: {
      name: lm.name,
      reason: lm.reason,
      learnedAccuracies: [...lm.learnedAccuracies],
      test: testMetrics(split.testGold, lm.testPred, classNames, pickProba(lm.proba.values, test, k)),
    },
    labelModels: lm.comparison,
    distilled: {
      name: "mlp",
      test: testMetrics(split.testGold, pickRows(predicted, test), classNames, pickProba(P, test, k)),
      epochs: distilled.epochs,
      bestEpoch: distilled.bestEpoch,
      trainRows: fitRows.length,
      keepUncovered,
      hidden: distilled.params.sizes.slice(1, -1),
      inputSize: distilled.params.sizes[0]!,
      history,
    },
    ...(options.groupField !== undefined
      ? { groups: testGroups(options.groupField, dataset.rows, test, split.testGold, lm.testPred, pickRows(predicted, test), classNames) }
      : {}),
    ...(options.zeroShot
      ? { zeroShot: { name: options.zeroShot.name, test: testMetrics(split.testGold, pickRows(options.zeroShot.predictions, test), classNames) } }
      : {}),
    programs: programReports(sources, analysis, applied.meta),
    summary: { coverage: analysis.coverage, overlap: analysis.overlap, conflict: analysis.conflict },
    llm: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    dataset: { name: dataset.name, rows: n, train: train.length, dev: dev.length, test: test.length },
    task: { name: task.name, classes: classNames },
    seed,
    timings: {
      applyMs: ms(t1 - t0),
      labelModelMs: ms(t2 - t1),
      featuresMs: ms(distilled.featuresMs),
      distillMs: ms(distilled.distillMs),
      totalMs: ms(performance.now() - t0),
    },
  };
  const model = options.featureMatrix
    ? options.featureMatrix.exportModel(distilled.params)
    : exportModelOnnx({ params: distilled.params, features: distilled.featureSpec!, classNames, input: task.input, taskName: task.name });
  return { report, labels, model, L, pseudolabels: lm.proba };
}
