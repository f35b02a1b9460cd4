/**
 * `npm run bench:train` — times 10 epochs of the 2 x 32 MLP on a seeded synthetic 20,000 x 1,000
 * sparse problem (~20 nonzeros per row, 18,000 train / 2,000 dev): the engine's sparse-input
 * MlpClassifier against @tensorflow/tfjs (wasm backend, cpu if wasm cannot load) training the same
 * network in the same run. Prints one JSON line; target: speedup >= 3, dev accuracy within 1 point.
 */
import { performance } from "node:perf_hooks";
import process from "node:process";
import { sparseRowSubset, type SparseMatrix } from "../src/core/sparse-matrix";
import { accuracy } from "../src/metrics/accuracy";
import { MlpClassifier } from "../src/models/mlp-classifier";
import { syntheticSparse } from "../src/models/synthetic-sparse";
import { trainTfjsBaseline, useTfjsBackend } from "./bench-train-tfjs";

const rows = 20_000;
const cols = 1_000;
const k = 2;
const epochs = 10;
const batchSize = 64;
const learningRate = 1e-3;
const seed = 1;
const devRows = 2_000;

// purity 0.8: 20% of signal features point at the other class: dev accuracy has headroom (Bayes rate ~0.896, not 1).
const data = syntheticSparse({ rows, cols, k, seed, signal: 4, noise: 16, blockSize: 100, confidence: 0.8, purity: 0.8 });
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const trainN = rows - devRows;
const Xtrain = sparseRowSubset(data.X, range(0, trainN));
const Xdev = sparseRowSubset(data.X, range(trainN, rows));
const yDev = data.y.subarray(trainN);
const targets = { n: trainN, k, values: data.targets.values.slice(0, trainN * k) };

const densify = (X: SparseMatrix): Float32Array => {
  const out = new Float32Array(X.rows * X.cols);
  for (let i = 0; i < X.rows; i++) for (let p = X.indptr[i]!; p < X.indptr[i + 1]!; p++) out[i * X.cols + X.indices[p]!] = X.values[p]!;
  return out;
};

// CPU time is reported next to wall time: on a shared machine wall time also measures neighbours.
const cpuMs = (since: NodeJS.CpuUsage): number => Math.round(process.cpuUsage(since).user / 1000);
let start = performance.now();
let cpu = process.cpuUsage();
const mlp = new MlpClassifier({ inputSize: cols, k, hidden: [32, 32], epochs, batchSize, learningRate, seed });
mlp.fit(Xtrain, targets);
const sparseMs = performance.now() - start;
const sparseCpuMs = cpuMs(cpu);
const sparseDevAccuracy = accuracy(yDev, mlp.predict(Xdev));

const { backend, fallbackReason } = await useTfjsBackend();
const denseTrain = densify(Xtrain);
start = performance.now();
cpu = process.cpuUsage();
const predictTfjs = await trainTfjsBaseline(denseTrain, trainN, cols, Float32Array.from(targets.values), k, {
  hidden: [32, 32],
  epochs,
  batchSize,
  learningRate,
  seed,
});
const tfjsMs = performance.now() - start;
const tfjsCpuMs = cpuMs(cpu);
const tfjsDevAccuracy = accuracy(yDev, predictTfjs(densify(Xdev), devRows));

console.log(
  JSON.stringify({
    bench: "train-mlp",
    rows,
    cols,
    nnzPerRow: Xtrain.indices.length / trainN,
    epochs,
    hidden: [32, 32],
    batchSize,
    baseline: `@tensorflow/tfjs ${backend}`,
    ...(fallbackReason ? { fallbackReason } : {}),
    oursMs: Math.round(sparseMs),
    tfjsMs: Math.round(tfjsMs),
    speedup: Number((tfjsMs / sparseMs).toFixed(2)),
    oursCpuMs: sparseCpuMs,
    tfjsCpuMs,
    cpuSpeedup: Number((tfjsCpuMs / sparseCpuMs).toFixed(2)),
    oursDevAccuracy: sparseDevAccuracy,
    tfjsDevAccuracy,
    devAccuracyGapPoints: Number((100 * (sparseDevAccuracy - tfjsDevAccuracy)).toFixed(2)),
    meetsTarget: tfjsMs / sparseMs >= 3 && Math.abs(sparseDevAccuracy - tfjsDevAccuracy) <= 0.01,
  }),
);
