/**
 * `npm run bench:labelmodel` — times every label model in src/label-models on seeded synthetic
 * label matrices (Snorkel-style generator): 1,000,000 x 20 x 2 and 200,000 x 20 x 4. Prints one JSON
 * line per matrix and model (fit and predict wall/CPU ms, heap and RSS, the size of L) and, for
 * Snorkel and majority vote, a straightforward reference measured in the same run and the speedup.
 * `--rows-scale 0.1` shrinks both matrices for a quick run.
 */
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import process from "node:process";
import type { LabelModel } from "../src/core/label-model";
import { generateLabelMatrix } from "../src/label-models/generate-label-matrix";
import { MajorityVote } from "../src/label-models/majority-vote";
import { SnorkelLabelModel } from "../src/label-models/snorkel-label-model";
import { snorkelNumpyRandom } from "../src/label-models/snorkel-numpy-random";
import { referenceMajorityVote, referenceSnorkel } from "./bench-label-model-reference";

const scaleArg = process.argv.indexOf("--rows-scale");
const rowsScale = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
const seed = 1;
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
const memory = (): { heapMB: number; rssMB: number } => ({ heapMB: mb(process.memoryUsage().heapUsed), rssMB: mb(process.memoryUsage().rss) });

/** Wall and CPU (user + system) milliseconds of one call: CPU time is steadier on a shared machine. */
function time<T>(run: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, ms: Math.round(performance.now() - start), cpuMs: Math.round((used.user + used.system) / 1000) };
}

type Factory = () => LabelModel;

/** The other models' files, when present: every exported class with a `fit` method. */
async function optionalModels(): Promise<[string, Factory][]> {
  const found: [string, Factory][] = [];
  for (const file of ["weighted-majority-vote", "dawid-skene", "flying-squid"]) {
    const url = new URL(`../src/label-models/${file}.ts`, import.meta.url);
    if (!existsSync(url)) continue;
    const module = (await import(url.href)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value === "function" && typeof (value.prototype as { fit?: unknown }).fit === "function") {
        const Model = value as new () => LabelModel;
        found.push([file, () => new Model()]);
      }
    }
  }
  return found;
}

const agreement = (a: Int32Array, b: Int32Array): number => Number((a.reduce((s, x, i) => s + (x === b[i] ? 1 : 0), 0) / a.length).toFixed(4));
const accuracy = (pred: Int32Array, Y: Int32Array): number => Number((pred.reduce((s, x, i) => s + (x === Y[i] ? 1 : 0), 0) / Y.length).toFixed(4));

const models: [string, Factory][] = [["mv", () => new MajorityVote()], ["snorkel", () => new SnorkelLabelModel()], ...(await optionalModels())];
for (const [n0, m, k] of [
  [1_000_000, 20, 2],
  [200_000, 20, 4],
] as const) {
  const n = Math.round(n0 * rowsScale);
  const { L, Y } = generateLabelMatrix({ n, m, k, seed });
  const shape = { n, m, k, labelMatrixMB: Number((L.values.byteLength / 2 ** 20).toFixed(1)) };
  for (const [name, create] of models) {
    const line: Record<string, unknown> = { bench: "label-model", ...shape, model: name };
    try {
      const model = create();
      const fit = time(() => model.fit(L, { k, seed }));
      const predict = time(() => model.predict(L, { tieBreak: "random", seed }));
      const proba = time(() => model.predictProba(L));
      Object.assign(line, { fitMs: fit.ms, predictMs: predict.ms, fitPlusPredictMs: fit.ms + predict.ms, predictProbaMs: proba.ms });
      Object.assign(line, { fitCpuMs: fit.cpuMs, predictCpuMs: predict.cpuMs, accuracy: accuracy(predict.value, Y), ...memory() });
      if (name === "mv") {
        const ref = time(() => referenceMajorityVote(L, k));
        const ours = model.predict(L, { tieBreak: "abstain" });
        Object.assign(line, {
          referenceMs: ref.ms,
          speedup: Number((ref.ms / (fit.ms + predict.ms)).toFixed(1)),
          agreesWithReference: agreement(ours, ref.value),
        });
      }
      if (name === "snorkel") {
        const ref = time(() => referenceSnorkel(L, k, new Float64Array(k).fill(1 / k), snorkelNumpyRandom(seed), 100));
        const refPredict = time(() => ref.value.predict(L));
        const mu = (model as SnorkelLabelModel).conditionalProbabilities();
        const muDiff = mu.reduce((s, x, i) => Math.max(s, Math.abs(x - ref.value.mu[i]!)), 0);
        const refMs = ref.ms + refPredict.ms;
        Object.assign(line, {
          referenceFitMs: ref.ms,
          referencePredictMs: refPredict.ms,
          speedup: Number((refMs / (fit.ms + predict.ms)).toFixed(1)),
          referenceMaxMuDiff: Number(muDiff.toExponential(2)),
          agreesWithReference: agreement(predict.value, refPredict.value),
        });
      }
    } catch (error) {
      line.error = (error as Error).message;
    }
    console.log(JSON.stringify(line));
  }
}
