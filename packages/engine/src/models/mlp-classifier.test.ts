import { describe, expect, it } from "vitest";
import { sparseRowSubset } from "../core/sparse-matrix";
import { EngineError } from "../errors/engine-error";
import { accuracy } from "../metrics/accuracy";
import { MlpClassifier, type MlpEpochInfo } from "./mlp-classifier";
import { syntheticSparse } from "./synthetic-sparse";

const data = syntheticSparse({ rows: 1000, cols: 1000, k: 3, seed: 11 });
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const train = range(0, 600);
const Xtrain = sparseRowSubset(data.X, train);
const targets = { n: 600, k: 3, values: data.targets.values.slice(0, 600 * 3) };
const Xdev = sparseRowSubset(data.X, range(600, 800));
const yDev = data.y.slice(600, 800);
const Xtest = sparseRowSubset(data.X, range(800, 1000));
const yTest = data.y.slice(800, 1000);
const options = { inputSize: 1000, k: 3, epochs: 8, batchSize: 32, learningRate: 3e-3, seed: 3 };

describe("MlpClassifier", () => {
  it("learns a separable sparse problem with soft labels", () => {
    const epochs: MlpEpochInfo[] = [];
    const mlp = new MlpClassifier(options);
    mlp.fit(Xtrain, targets, { dev: { X: Xdev, y: yDev }, onEpoch: (e) => epochs.push(e) });
    expect(accuracy(yTest, mlp.predict(Xtest))).toBeGreaterThan(0.95);
    expect(epochs[0]!.epoch).toBe(1);
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0]!.loss);
    const P = mlp.predictProba(Xtest);
    for (let i = 0; i < P.n; i++) expect(P.values[i * 3]! + P.values[i * 3 + 1]! + P.values[i * 3 + 2]!).toBeCloseTo(1, 5);
  });

  it("is bit-for-bit deterministic for a seed, and the seed matters", () => {
    const fit = (seed: number): string => {
      const mlp = new MlpClassifier({ ...options, epochs: 2, seed });
      mlp.fit(Xtrain, targets);
      return JSON.stringify(mlp.toJSON().layers);
    };
    expect(fit(3)).toBe(fit(3));
    expect(fit(4)).not.toBe(fit(3));
  });

  it("early-stops on dev accuracy and restores the best epoch's weights", () => {
    const seen: MlpEpochInfo[] = [];
    const mlp = new MlpClassifier({ ...options, learningRate: 1e-3, epochs: 30, patience: 3 });
    const result = mlp.fit(Xtrain, targets, { dev: { X: Xdev, y: yDev }, onEpoch: (e) => seen.push(e) });
    expect(result.bestEpoch).toBeGreaterThan(1);
    expect(result.epochs).toBe(result.bestEpoch + 3);
    expect(seen).toHaveLength(result.epochs);
    const best = Math.max(...seen.map((e) => e.devAccuracy!));
    expect(seen.findIndex((e) => e.devAccuracy === best) + 1).toBe(result.bestEpoch);
    expect(accuracy(yDev, mlp.predict(Xdev))).toBe(best);
    // Training stops at epoch bestEpoch + 3, but the weights are those after bestEpoch epochs.
    const weightsAfter = (epochs: number): unknown => {
      const plain = new MlpClassifier({ ...options, learningRate: 1e-3, epochs });
      plain.fit(Xtrain, targets);
      return plain.toJSON().layers;
    };
    expect(mlp.toJSON().layers).toEqual(weightsAfter(result.bestEpoch));
    expect(mlp.toJSON().layers).not.toEqual(weightsAfter(result.epochs));
  });

  it("aborts between batches with EngineError ABORTED", () => {
    const controller = new AbortController();
    const mlp = new MlpClassifier({ ...options, epochs: 5 });
    let error: unknown;
    try {
      mlp.fit(Xtrain, targets, { signal: controller.signal, onEpoch: () => controller.abort() });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe("ABORTED");
    expect((error as EngineError).message).toMatch(/epoch 2 at row 0 of 600/);
  });

  it("round-trips through JSON with identical predictions", () => {
    const mlp = new MlpClassifier({ ...options, epochs: 1, hidden: [16] });
    mlp.fit(Xtrain, targets);
    const copy = MlpClassifier.fromJSON(JSON.parse(JSON.stringify(mlp.toJSON())));
    expect(copy.predictProba(Xtest).values).toEqual(mlp.predictProba(Xtest).values);
    expect(mlp.toJSON().sizes).toEqual([1000, 16, 3]);
  });

  it("rejects mismatched inputs and bad options", () => {
    const mlp = new MlpClassifier(options);
    expect(() => mlp.predict(Xtest)).toThrow(/call fit/);
    expect(() => mlp.fit({ ...Xtrain, cols: 999 }, targets)).toThrow(/999 columns, the model takes 1000/);
    expect(() => mlp.fit(Xtrain, { ...targets, n: 5 })).toThrow(/targets are 5 x 3, expected 600 x 3/);
    expect(() => new MlpClassifier({ ...options, hidden: [32, 0] })).toThrow(/hidden\[1\] must be a positive integer, got 0/);
  });
});
