import { describe, expect, it } from "vitest";
import { createProbabilities } from "../core/probabilities";
import { MlpClassifier } from "../models/mlp-classifier";
import { createRng } from "../random/create-rng";
import { conceptScores } from "./concept-scores";
import { embeddingFeatures } from "./embedding-features";
import { embeddingMatrix, l2NormalizeRows, type EmbeddingMatrix } from "./embedding-matrix";
import { orthonormalBasis, projectOut } from "./roboshot-projection";

function randomMatrix(rows: number, cols: number, seed: number): EmbeddingMatrix {
  const rng = createRng(seed);
  return embeddingMatrix(
    rows,
    cols,
    Float32Array.from({ length: rows * cols }, () => rng() * 2 - 1),
  );
}
const row = (m: EmbeddingMatrix, r: number): number[] => [...m.values.subarray(r * m.cols, (r + 1) * m.cols)];
const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("conceptScores", () => {
  it("is the cosine of every image with every concept, keyed by concept name", () => {
    const images = embeddingMatrix(2, 2, Float32Array.of(3, 4, -2, 0));
    const concepts = embeddingMatrix(2, 2, Float32Array.of(1, 0, 0, 10));
    const records = conceptScores(images, concepts, ["x", "y"]);
    expect(records[0]!.x).toBeCloseTo(0.6, 6);
    expect(records[0]!.y).toBeCloseTo(0.8, 6);
    expect(records[1]).toEqual({ x: -1, y: 0 });
  });

  it("rejects mismatched dimensions, name counts and duplicate names", () => {
    const a = randomMatrix(2, 4, 1);
    expect(() => conceptScores(a, randomMatrix(2, 3, 2), ["p", "q"])).toThrow(/4 dimensions but concept embeddings 3/);
    expect(() => conceptScores(a, randomMatrix(2, 4, 2), ["p"])).toThrow(/1 concept names for 2 concept embeddings/);
    expect(() => conceptScores(a, randomMatrix(2, 4, 2), ["p", "p"])).toThrow(/unique/);
    expect(() => embeddingMatrix(2, 2, new Float32Array(3))).toThrow(/needs 4 values, got 3/);
  });
});

describe("RoboShot projection", () => {
  const images = randomMatrix(5, 8, 7);
  const spurious = randomMatrix(2, 8, 9);

  it("builds an orthonormal basis and drops dependent directions", () => {
    const dependent = embeddingMatrix(
      3,
      8,
      Float32Array.from([...row(spurious, 0), ...row(spurious, 1), ...row(spurious, 0).map((x, i) => 2 * x - row(spurious, 1)[i]!)]),
    );
    const basis = orthonormalBasis(dependent);
    expect(basis.rows).toBe(2);
    expect(dot(row(basis, 0), row(basis, 0))).toBeCloseTo(1, 6);
    expect(dot(row(basis, 0), row(basis, 1))).toBeCloseTo(0, 6);
  });

  it("leaves unit embeddings orthogonal to every spurious direction", () => {
    const projected = projectOut(images, spurious);
    for (let r = 0; r < images.rows; r++) {
      expect(dot(row(projected, r), row(projected, r))).toBeCloseTo(1, 5);
      for (let s = 0; s < spurious.rows; s++) expect(Math.abs(dot(row(projected, r), row(spurious, s)))).toBeLessThan(1e-5);
    }
  });

  it("changes the scores: a concept equal to a spurious direction scores 0 afterwards", () => {
    const concepts = embeddingMatrix(2, 8, Float32Array.from([...row(spurious, 0), ...row(randomMatrix(1, 8, 11), 0)]));
    const before = conceptScores(images, concepts, ["spurious", "other"]);
    const after = conceptScores(projectOut(images, spurious), concepts, ["spurious", "other"]);
    for (let r = 0; r < images.rows; r++) {
      expect(Math.abs(before[r]!.spurious!)).toBeGreaterThan(1e-3);
      expect(after[r]!.spurious).toBeCloseTo(0, 5);
      expect(after[r]!.other).not.toBeCloseTo(before[r]!.other!, 4);
    }
  });

  it("is the identity (up to normalisation) for directions already orthogonal to the data", () => {
    const flat = embeddingMatrix(1, 3, Float32Array.of(1, 2, 0));
    expect([...projectOut(flat, embeddingMatrix(1, 3, Float32Array.of(0, 0, 5))).values]).toEqual([...l2NormalizeRows(flat).values]);
  });
});

describe("embeddingFeatures", () => {
  it("stores normalised dense rows as CSR", () => {
    const X = embeddingFeatures(embeddingMatrix(2, 2, Float32Array.of(3, 4, 0, 2)));
    expect([...X.indptr]).toEqual([0, 2, 4]);
    expect([...X.indices]).toEqual([0, 1, 0, 1]);
    expect([...X.values].map((v) => +v.toFixed(6))).toEqual([0.6, 0.8, 0, 1]);
  });
});

describe("embeddings as MLP features", () => {
  it("an MlpClassifier learns a direction in embedding space from embeddingFeatures", () => {
    const X = randomMatrix(200, 16, 21);
    const direction = row(randomMatrix(1, 16, 22), 0);
    const y = Array.from({ length: 200 }, (_, r) => (dot(row(X, r), direction) > 0 ? 1 : 0));
    const targets = createProbabilities(200, 2);
    y.forEach((label, r) => (targets.values[r * 2 + label] = 1));
    const features = embeddingFeatures(X);
    const mlp = new MlpClassifier({ inputSize: 16, k: 2, epochs: 60, seed: 1 });
    mlp.fit(features, targets);
    const predicted = mlp.predict(features);
    const correct = y.filter((label, r) => predicted[r] === label).length;
    expect(correct / 200).toBeGreaterThan(0.9);
  });
});
