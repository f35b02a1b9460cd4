import { lfAnalysis } from "../../analysis/lf-analysis";
import { ABSTAIN, type LabelMatrix } from "../../core/label-matrix";
import { createProbabilities } from "../../core/probabilities";
import { programInput } from "../../datasets/program-input";
import { EngineError } from "../../errors/engine-error";
import { exportModelOnnx } from "../../onnx/export-model-onnx";
import { encodeInputs } from "../onnx/encode-inputs";
import { distillModel } from "./distill-model";
import { fitLabelModel } from "./fit-label-model";
import type { PipelineOptions, PipelineResult } from "./pipeline-types";
import { programReports } from "./program-reports";
import { maskedGold, pick, splitIndices } from "./split-indices";
import { testMetrics } from "./test-metrics";

export type * from "./pipeline-types";

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError("ABORTED", "pipeline cancelled");
}

const ms = (x: number): number => Math.round(x);

function covered(L: LabelMatrix, i: number): boolean {
  for (let j = 0; j < L.m; j++) if (L.values[i * L.m + j] !== ABSTAIN) return true;
  return false;
}

/**
 * Runs programs over a dataset, aggregates their votes with the label model that scores best on dev gold (majority vote without dev gold), distils an MLP and
 * evaluates both on test gold. Train gold is never read; dev gold only sets the class balance,
 * early stopping and dev accuracy; test gold only the final metrics.
 *
 * @example
 * const runner = createLocalRunner();
 * const { report, labels } = await runPipeline({ dataset, task, programs, runner, seed: 42 });
 * await runner.close();
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { dataset, task, programs, runner, seed, signal, onStage } = options;
  const n = dataset.rows.length;
  const k = task.classes.length;
  const classNames = task.classes.map((c) => c.name);
  if (n === 0) throw new EngineError("INVALID_ARGUMENT", `dataset ${dataset.name} has 0 rows`);
  const { votes } = options;
  if (programs.length === 0 && !votes) throw new EngineError("INVALID_ARGUMENT", "runPipeline needs at least 1 program (or precomputed votes), got 0");
  if (votes && (votes.L.n !== n || votes.L.m !== votes.names.length || votes.L.m === 0)) {
    throw new EngineError("INVALID_ARGUMENT", `precomputed votes are ${votes.L.n} x ${votes.L.m} with ${votes.names.length} names; expected ${n} rows and >= 1 named column`);
  }
  if (!Number.isInteger(seed)) throw new EngineError("INVALID_ARGUMENT", `seed must be an integer, got ${seed}`);
  const t0 = performance.now();
  const { train, dev, test, gold } = splitIndices(dataset.rows);
  if (train.length === 0) throw new EngineError("INVALID_ARGUMENT", `dataset ${dataset.name} has no train rows (${n} rows: ${dev.length} dev, ${test.length} test)`);
  const inputs = dataset.rows.map((row) => programInput(row, task.input));

  const sources = votes ? votes.names.map((name) => ({ name, language: "imported" })) : programs;
  const total = n * sources.length;
  onStage?.({ stage: "apply", done: 0, total });
  const applied = votes
    ? { L: votes.L, meta: votes.names.map((name) => ({ name, faults: {}, millis: 0 })) }
    : await runner.apply(programs, inputs, { classNames, ...(signal ? { signal } : {}), onProgress: (p) => onStage?.({ stage: "apply", ...p }) });
  onStage?.({ stage: "apply", done: total, total });
  const L = applied.L;
  const t1 = performance.now();
  throwIfAborted(signal);

  onStage?.({ stage: "analysis", done: 0, total: 1 });
  const analysis = lfAnalysis(L, { k, names: sources.map((p) => p.name), gold: maskedGold(gold, dev) });
  onStage?.({ stage: "analysis", done: 1, total: 1 });

  onStage?.({ stage: "label-model", done: 0, total: 1 });
  const lm = fitLabelModel(L, { train, dev, test, devGold: pick(gold, dev), testGold: pick(gold, test), k, seed });
  onStage?.({ stage: "label-model", done: 1, total: 1 });
  const t2 = performance.now();
  throwIfAborted(signal);

  const keepUncovered = options.keepUncovered ?? false;
  const trainPos = Array.from(train.keys()).filter((r) => keepUncovered || covered(L, train[r]!));
  if (trainPos.length === 0) throw new EngineError("INVALID_ARGUMENT", `the ${sources.length} programs vote on none of the ${train.length} train rows; nothing to distil`);
  const targets = createProbabilities(trainPos.length, k);
  trainPos.forEach((r, at) => targets.values.set(lm.trainProba.values.subarray(r * k, (r + 1) * k), at * k));
  const devRows = dev.filter((i) => gold[i]! >= 0);
  const epochs = options.epochs ?? 30;
  onStage?.({ stage: "features", done: 0, total: 1 });
  const history: { epoch: number; loss: number; devAccuracy: number | null }[] = [];
  const encoded = options.encoder ? await encodeInputs(options.encoder, inputs, signal) : undefined;
  const distilled = distillModel({
    inputs, fitRows: Int32Array.from(trainPos, (r) => train[r]!), targets, train, devRows, devGold: pick(gold, devRows),
    k, seed, epochs, ...(signal ? { signal } : {}),
    ...(options.hidden ? { hidden: options.hidden } : {}), ...(options.features ? { features: options.features } : {}), ...(encoded ? { encoded } : {}),
    onFeatures: () => {
      onStage?.({ stage: "features", done: 1, total: 1 });
      onStage?.({ stage: "distill", done: 0, total: epochs });
    },
    onEpoch: ({ epoch, loss, devAccuracy }) => {
      history.push({ epoch, loss, devAccuracy });
      onStage?.({ stage: "distill", done: epoch, total: epochs, epoch: { loss, devAccuracy } });
    },
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
    labelModel: { name: lm.name, reason: lm.reason, learnedAccuracies: lm.learnedAccuracies, test: testMetrics(pick(gold, test), lm.testPred, classNames, lm.testProba.values) },
    labelModels: lm.comparison,
    distilled: {
      name: "mlp", test: testMetrics(pick(gold, test), pick(predicted, test), classNames, Float64Array.from({ length: test.length * k }, (_, x) => P[test[Math.floor(x / k)]! * k + (x % k)]!)),
      epochs: distilled.epochs, bestEpoch: distilled.bestEpoch, trainRows: trainPos.length,
      keepUncovered, hidden: distilled.params.sizes.slice(1, -1), inputSize: distilled.params.sizes[0]!, history,
    },
    ...(options.zeroShot ? { zeroShot: { name: options.zeroShot.name, test: testMetrics(pick(gold, test), pick(options.zeroShot.predictions, test), classNames) } } : {}),
    programs: programReports(sources, analysis, applied.meta),
    summary: { coverage: analysis.coverage, overlap: analysis.overlap, conflict: analysis.conflict },
    llm: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    dataset: { name: dataset.name, rows: n, train: train.length, dev: dev.length, test: test.length },
    task: { name: task.name, classes: classNames },
    seed,
    timings: { applyMs: ms(t1 - t0), labelModelMs: ms(t2 - t1), featuresMs: ms(distilled.featuresMs), distillMs: ms(distilled.distillMs), totalMs: ms(performance.now() - t0) },
  };
  const model = exportModelOnnx({ params: distilled.params, features: distilled.featureSpec, classNames, input: task.input, taskName: task.name });
  return { report, labels, model };
}
