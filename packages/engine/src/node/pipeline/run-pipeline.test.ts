import { afterAll, describe, expect, it } from "vitest";
import type { DataRow, Dataset, Split } from "../../core/dataset";
import type { Program } from "../../core/program";
import type { TaskSpec } from "../../core/task";
import { createLocalRunner } from "../runner/create-local-runner";
import { runPipeline } from "./run-pipeline";
import type { StageProgress } from "./pipeline-types";

const task: TaskSpec = {
  name: "toy-spam",
  description: "spam or ham",
  input: "text",
  language: "javascript",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "normal" },
    { name: "spam", description: "ads" },
  ],
};

const SPAM = ["win a free prize now", "free money click here", "claim your free cash prize", "cheap offer win big"];
const HAM = ["see you at lunch today", "meeting moved to noon", "can you call me later", "lunch with the team"];

/** 80 rows: rows 0..55 train, 56..63 dev, 64..79 test; even rows spam, odd rows ham. */
function toyDataset(trainGold: (i: number) => number | undefined = (i) => (i % 2 === 0 ? 1 : 0)): Dataset {
  const rows: DataRow[] = Array.from({ length: 80 }, (_, i) => {
    const split: Split = i < 56 ? "train" : i < 64 ? "dev" : "test";
    const text = `${(i % 2 === 0 ? SPAM : HAM)[Math.floor(i / 2) % 4]} ${i}`;
    const gold = split === "train" ? trainGold(i) : i % 2 === 0 ? 1 : 0;
    return { id: `r${i}`, fields: { text }, split, ...(gold === undefined ? {} : { gold }) };
  });
  return { name: "toy", rows };
}

const programs: Program[] = [
  {
    name: "kw_free",
    language: "javascript",
    functionName: "label_function",
    source: 'function label_function(t) { return t.includes("free") ? "spam" : -1; }',
  },
  { name: "kw_lunch", language: "javascript", functionName: "label_function", source: 'function label_function(t) { return t.includes("lunch") ? 0 : -1; }' },
  {
    name: "py_win",
    language: "python",
    functionName: "label_function",
    source: 'def label_function(t):\n    if "win" in t:\n        return 1\n    if t.endswith(" 7"):\n        raise ValueError("boom")\n    return -1\n',
  },
];

const runner = createLocalRunner({ poolSize: 1 });
afterAll(() => runner.close());

describe("runPipeline", () => {
  it("reports coverage, dev accuracy, faults and test metrics, and labels every row", async () => {
    const stages: StageProgress[] = [];
    const { report, labels } = await runPipeline({ dataset: toyDataset(), task, programs, runner, seed: 3, onStage: (s) => stages.push(s) });
    expect(report.dataset).toEqual({ name: "toy", rows: 80, train: 56, dev: 8, test: 16 });
    expect(report.task).toEqual({ name: "toy-spam", classes: ["ham", "spam"] });
    const byName = Object.fromEntries(report.programs.map((p) => [p.name, p]));
    // "free" appears in 3 of the 4 spam templates (40 spam rows -> 30), "lunch" in 2 of 4 ham templates.
    expect(byName.kw_free!.coverage).toBeCloseTo(30 / 80);
    expect(byName.kw_lunch!.coverage).toBeCloseTo(20 / 80);
    expect(byName.kw_free!.devAccuracy).toBe(1);
    expect(byName.py_win!.faults).toBe(1);
    expect(byName.py_win!.faultsByKind).toEqual({ exception: 1 });
    expect(report.summary.conflict).toBe(0);
    expect(report.llm).toEqual({ calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
    expect(report.labelModel.name).toBe("mv");
    // Label model: uncovered test rows (ham templates without "lunch") abstain and count as wrong.
    expect(report.labelModel.test.n).toBe(16);
    expect(report.labelModel.test.accuracy).toBeCloseTo(12 / 16);
    expect(report.distilled.test.accuracy).toBeGreaterThanOrEqual(0.75);
    expect(report.distilled.trainRows).toBe(42);
    expect(labels).toHaveLength(80);
    expect(labels[0]!.id).toBe("r0");
    for (const row of labels) expect(row.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(labels[0]!.label).toBe("spam");
    expect(new Set(stages.map((s) => s.stage))).toEqual(new Set(["apply", "analysis", "label-model", "features", "distill", "label"]));
  });

  it("never reads train gold: results are identical with train labels removed or flipped", async () => {
    const base = await runPipeline({ dataset: toyDataset(), task, programs, runner, seed: 5 });
    const noTrainGold = await runPipeline({ dataset: toyDataset(() => undefined), task, programs, runner, seed: 5 });
    const flipped = await runPipeline({ dataset: toyDataset((i) => (i % 2 === 0 ? 0 : 1)), task, programs, runner, seed: 5 });
    for (const other of [noTrainGold, flipped]) {
      expect(other.labels).toEqual(base.labels);
      expect(other.report.distilled.test).toEqual(base.report.distilled.test);
      expect(other.report.programs).toEqual(base.report.programs);
    }
  });

  it("rejects programs that cover no train row, and honours an aborted signal", async () => {
    const silent: Program = { name: "never", language: "javascript", functionName: "label_function", source: "function label_function() { return -1; }" };
    await expect(runPipeline({ dataset: toyDataset(), task, programs: [silent], runner, seed: 1 })).rejects.toThrow(/vote on none of the 56 train rows/);
    const controller = new AbortController();
    controller.abort();
    await expect(runPipeline({ dataset: toyDataset(), task, programs, runner, seed: 1, signal: controller.signal })).rejects.toMatchObject({ code: "ABORTED" });
  });
});
