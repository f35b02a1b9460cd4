import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DataRow, Dataset, Split } from "../../core/dataset";
import { labelMatrixFromRows } from "../../core/label-matrix";
import type { ProgramRunner } from "../../core/program";
import type { TaskSpec } from "../../core/task";
import { readModelSpec } from "../../onnx/read-model-spec";
import { predictWithModel } from "../inference/predict-with-model";
import { writeTinyEncoder } from "../onnx/tiny-encoder-fixture";
import type { StageProgress } from "./pipeline-types";
import { runPipeline } from "./run-pipeline";

const task: TaskSpec = {
  name: "toy",
  description: "spam or ham",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "" },
    { name: "spam", description: "" },
  ],
};
const WORDS = [
  ["free prize now", "win cash today", "cheap offer"],
  ["lunch at noon", "see you soon", "call me later"],
];

/** 120 rows: 0..89 train, 90..99 dev, 100..119 test; class = i % 2; votes: lf_0 fires on spam "free"/"win", lf_1 on ham "lunch". */
function fixture(): { dataset: Dataset; L: number[][] } {
  const rows: DataRow[] = [];
  const L: number[][] = [];
  for (let i = 0; i < 120; i++) {
    const gold = i % 2 === 0 ? 1 : 0;
    const text = `${WORDS[1 - gold]![i % 3]} ${i}`;
    const split: Split = i < 90 ? "train" : i < 100 ? "dev" : "test";
    rows.push({ id: `r${i}`, fields: { text }, split, gold });
    L.push([/free|win/.test(text) ? 1 : -1, text.includes("lunch") ? 0 : -1]);
  }
  return { dataset: { name: "toy", rows }, L };
}

const noRunner = new Proxy(
  {},
  {
    get: () => () => {
      throw new Error("the runner must not be used with precomputed votes");
    },
  },
) as ProgramRunner;

describe("runPipeline with precomputed votes", () => {
  const { dataset, L } = fixture();
  const votes = { names: ["lf_0", "lf_1"], L: labelMatrixFromRows(L, 2) };

  it("uses the votes as program outputs, reports full test metrics and per-epoch progress, and exports an ONNX model", async () => {
    const stages: StageProgress[] = [];
    const { report, labels, model } = await runPipeline({ dataset, task, programs: [], votes, runner: noRunner, seed: 4, onStage: (s) => stages.push(s) });
    expect(report.programs.map((p) => [p.name, p.language])).toEqual([
      ["lf_0", "imported"],
      ["lf_1", "imported"],
    ]);
    // 2/3 of spam rows and 1/3 of ham rows are covered in train (90 rows).
    expect(report.distilled.trainRows).toBe(30 + 15);
    expect(report.distilled.keepUncovered).toBe(false);
    const test = report.distilled.test;
    if (test.accuracy === null) throw new Error("expected gold test metrics");
    expect(test.n).toBe(20);
    expect(test.confusion.flat().reduce((a, b) => a + b, 0) + test.abstained).toBe(20);
    expect(test.perClass.map((c) => c.support)).toEqual([10, 10]);
    expect(test.ece).toBeGreaterThanOrEqual(0);
    const lm = report.labelModel.test;
    if (lm.accuracy === null) throw new Error("expected gold test metrics");
    expect(lm.abstained).toBe(20 - 7 - 3); // test rows no LF covers
    const epochs = stages.filter((s) => s.stage === "distill" && s.epoch);
    expect(epochs.length).toBe(report.distilled.epochs);
    expect(epochs[0]!.epoch!.loss).toBeGreaterThan(0);
    expect(report.distilled.history).toHaveLength(report.distilled.epochs);
    expect(readModelSpec(model).classNames).toEqual(["ham", "spam"]);
    // ONNX round trip: onnxruntime-node on re-featurised rows gives the pipeline's probabilities.
    const { predictions } = await predictWithModel(model, dataset.rows);
    let maxDiff = 0;
    predictions.forEach((p, i) => {
      expect(p.id).toBe(labels[i]!.id);
      expect(p.label).toBe(labels[i]!.label);
      p.probabilities.forEach((x, c) => (maxDiff = Math.max(maxDiff, Math.abs(x - labels[i]!.probabilities[c]!))));
    });
    expect(maxDiff).toBeLessThan(1e-5);
  });

  it("keeps uncovered train rows when asked, and honours the hidden sizes and TF-IDF dimension", async () => {
    const { report, model } = await runPipeline({
      dataset,
      task,
      programs: [],
      votes,
      runner: noRunner,
      seed: 4,
      keepUncovered: true,
      hidden: [8],
      features: { tfidf: { dimension: 512, charNgrams: [2, 3] } },
    });
    expect(report.distilled.trainRows).toBe(90);
    expect(report.distilled.hidden).toEqual([8]);
    expect(report.distilled.inputSize).toBe(512);
    expect(readModelSpec(model).features.text?.charNgrams).toEqual([2, 3]);
  });

  it("evaluates zero-shot labels next to the other models and rejects votes of the wrong shape", async () => {
    const zeroShot = { name: "zero-shot", predictions: Int32Array.from({ length: 120 }, (_, i) => (i % 4 === 0 ? 0 : i % 2 === 0 ? 1 : 0)) };
    const { report } = await runPipeline({ dataset, task, programs: [], votes, runner: noRunner, seed: 4, zeroShot, epochs: 2 });
    expect(report.zeroShot?.test.accuracy).toBeCloseTo(15 / 20);
    const bad = { names: ["lf_0"], L: labelMatrixFromRows(L.slice(0, 5), 2) };
    await expect(runPipeline({ dataset, task, programs: [], votes: bad, runner: noRunner, seed: 4 })).rejects.toThrow(
      /votes are 5 x 2 with 1 names; expected 120 rows/,
    );
  });

  it("appends sentence-encoder embeddings to the features, and predict re-encodes new rows the same way", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alchemist-enc-pipeline-"));
    try {
      const encoder = writeTinyEncoder(dir, 6);
      const { report, labels, model } = await runPipeline({
        dataset,
        task,
        programs: [],
        votes,
        runner: noRunner,
        seed: 4,
        epochs: 3,
        encoder,
        features: { tfidf: { dimension: 256 } },
      });
      expect(report.distilled.inputSize).toBe(256 + 6);
      expect(readModelSpec(model).features.encoder).toMatchObject({ model: encoder.model, tokenizer: encoder.tokenizer, dim: 6 });
      const { predictions } = await predictWithModel(model, dataset.rows);
      predictions.forEach((p, i) => p.probabilities.forEach((x, c) => expect(Math.abs(x - labels[i]!.probabilities[c]!)).toBeLessThan(1e-5)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
