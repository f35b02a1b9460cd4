import { describe, expect, it } from "vitest";
import { runAnalysisSchema } from "./run-analysis-schema";
import { runMetricsSchema, type RunMetrics } from "./run-metrics-schema";

describe("stored run JSON contracts", () => {
  it("Run.metrics: the label-model stage's comparison round-trips through JSON; extra fields are kept", () => {
    const metrics: RunMetrics = {
      labelModel: { name: "dawid-skene", reason: "best dev F1" },
      labelModels: [
        { name: "dawid-skene", chosen: true, dev: { accuracy: 0.9, f1: 0.88, ece: null, coverage: 1 }, test: { accuracy: 0.85, f1: null }, fitMs: 12 },
        { name: "snorkel", chosen: false, dev: null, test: null, fitMs: 0, skipped: "needs 3 programs" },
      ],
      learnedAccuracies: [0.9, null],
      classBalance: { prior: [0.5, 0.5], estimated: [0.4, 0.6] },
    };
    expect(runMetricsSchema.parse(JSON.parse(JSON.stringify({ ...metrics, extra: 1 })))).toEqual({ ...metrics, extra: 1 });
    expect(runMetricsSchema.safeParse({ ...metrics, labelModels: [{ name: "x", chosen: true }] }).success).toBe(false);
  });

  it("Run.metrics: a multi-label run's per-class choices and micro/macro F1 round-trip; a report without micro F1 does not", () => {
    const report = {
      n: 4,
      microF1: 0.8,
      microPrecision: 0.8,
      microRecall: 0.8,
      macroF1: 0.75,
      subsetAccuracy: 0.5,
      hammingLoss: 0.1,
      perClass: [{ class: "a", precision: 1, recall: 0.5, f1: 0.667, support: 2, predicted: 1 }],
    };
    const metrics: RunMetrics = {
      labelModel: { name: "one-vs-rest", reason: "each class's binary label model chosen on dev gold" },
      labelModels: [],
      multiLabel: {
        threshold: 0.5,
        perClass: [{ class: "a", name: "majority-vote", reason: "best dev F1", comparison: [], learnedAccuracies: [0.9], prior: 0.4 }],
        test: report,
      },
    };
    expect(runMetricsSchema.parse(JSON.parse(JSON.stringify(metrics)))).toEqual(metrics);
    const { microF1: _dropped, ...noMicro } = report;
    expect(runMetricsSchema.safeParse({ ...metrics, multiLabel: { ...metrics.multiLabel, test: noMicro } }).success).toBe(false);
  });

  it("Run.analysis: old snapshots (faults as a total, no counts) still read; a missing summary does not", () => {
    const old = {
      summary: { coverage: 0.5, overlap: 0, conflict: 0 },
      programs: [{ name: "p", polarity: [1], coverage: 0.5, overlaps: 0, conflicts: 0, faults: 2 }],
    };
    expect(runAnalysisSchema.parse(old)).toEqual(old);
    const bad = runAnalysisSchema.safeParse({ programs: [] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(["summary"]);
  });
});
