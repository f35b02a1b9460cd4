import { describe, expect, it } from "vitest";
import { isModelActive, toTrainedModelView } from "./model-view";

const row = {
  id: "m1",
  runId: "r1",
  status: "SUCCEEDED" as const,
  onnxBytes: 1234,
  error: null,
  createdAt: new Date("2026-11-22T10:00:00Z"),
  finishedAt: null,
  lossCurve: [
    { epoch: 1, loss: 0.7, devAccuracy: 0.5 },
    { epoch: 2, loss: 0.4, devAccuracy: null },
  ],
  metrics: {
    n: 4,
    accuracy: 0.75,
    f1: 0.8,
    binaryF1: 0.8,
    macroF1: 0.73,
    ece: 0.1,
    abstained: 0,
    perClass: [
      { name: "ham", precision: 1, recall: 0.5, f1: 0.67, support: 2 },
      { name: "spam", precision: 0.67, recall: 1, f1: 0.8, support: 2 },
    ],
    confusion: [
      [1, 1],
      [0, 2],
    ],
  },
  config: { epochs: 30, bestEpoch: 2, trainRows: 140, labelModel: "mv", featurizer: {} },
  classNames: ["ham", "spam"],
};

describe("toTrainedModelView", () => {
  it("types a stored model and tolerates malformed JSON parts", () => {
    const view = toTrainedModelView(row);
    expect(view).toMatchObject({
      id: "m1",
      lossCurve: row.lossCurve,
      classNames: ["ham", "spam"],
      epochs: 30,
      bestEpoch: 2,
      trainRows: 140,
      labelModel: "mv",
      createdAt: "2026-11-22T10:00:00.000Z",
    });
    expect(view.metrics?.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
    const broken = toTrainedModelView({ ...row, lossCurve: "nope", metrics: { accuracy: null, f1: null, n: 0 }, config: null, classNames: [1] });
    expect(broken).toMatchObject({ lossCurve: [], metrics: null, classNames: [], epochs: null, labelModel: null });
  });

  it("reads a multi-label model's report (micro/macro F1 per class) beside no single-label metrics", () => {
    const report = { n: 24, microF1: 0.917, microPrecision: 0.9, microRecall: 0.93, macroF1: 0.91, subsetAccuracy: 0.8, hammingLoss: 0.05 };
    const perClass = [{ class: "sports", precision: 1, recall: 0.9, f1: 0.95, support: 10, predicted: 9 }];
    const view = toTrainedModelView({ ...row, metrics: { kind: "multi-label", ...report, perClass } });
    expect(view.metrics).toBeNull();
    expect(view.multiLabelMetrics).toMatchObject({ kind: "multi-label", microF1: 0.917, macroF1: 0.91, perClass });
    expect(view.multiLabel).toBe(true);
    expect(toTrainedModelView({ ...row, status: "RUNNING", metrics: null, config: { multiLabel: true } }).multiLabel).toBe(true);
    expect(toTrainedModelView(row).multiLabel).toBe(false);
    expect(toTrainedModelView(row).multiLabelMetrics).toBeNull();
    expect(toTrainedModelView({ ...row, metrics: { kind: "multi-label", ...report } }).multiLabelMetrics).toBeNull();
  });

  it("says what an image model read (embeddings, scores or both); a text model reads no image features", () => {
    const image = (features: unknown) => toTrainedModelView({ ...row, config: { ...row.config, featurizer: { image: { features, dim: 512, concepts: [] } } } });
    expect(image("both").imageFeatures).toBe("both");
    expect(image("scores").imageFeatures).toBe("scores");
    expect(image("pixels").imageFeatures).toBeNull();
    expect(toTrainedModelView(row).imageFeatures).toBeNull();
  });

  it("reads the worst-group accuracy reports stored beside the test metrics; none when absent or malformed", () => {
    const accuracy = { groups: [{ group: "circle / water", n: 4, accuracy: 0.5 }], worst: { group: "circle / water", n: 4, accuracy: 0.5 }, average: 0.5 };
    const groups = [{ field: "place", distilled: accuracy, labelModel: accuracy }];
    expect(toTrainedModelView({ ...row, metrics: { ...row.metrics, groups } }).groups).toEqual(groups);
    expect(toTrainedModelView({ ...row, metrics: { ...row.metrics, groups: [{ field: "place" }] } }).groups).toEqual([]);
    expect(toTrainedModelView(row).groups).toEqual([]);
  });

  it("keeps polling only queued or running models", () => {
    expect(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"].map((s) => isModelActive(s as never))).toEqual([true, true, false, false, false]);
  });
});
