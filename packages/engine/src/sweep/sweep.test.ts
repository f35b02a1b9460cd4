import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import type { TaskSpec } from "../core/task";
import { roundsChartSvg } from "../charts/rounds-chart-svg";
import { lineChartSvg } from "../charts/line-chart-svg";
import { sweepChartSvg } from "../charts/sweep-chart-svg";
import type { GenerationAttempt, GeneratedProgram } from "../generation/generation-types";
import { evaluationSplit } from "../pipeline/evaluation-split";
import { batchLabelPrompt, parseBatchAnswer } from "../prompts/batch-label-prompt";
import { zeroShotPrompt } from "../prompts/zero-shot-prompt";
import { programPrefixCosts, sweepCurve } from "./sweep-curve";

const task: TaskSpec = {
  name: "sms",
  description: "spam or ham",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "" },
    { name: "spam", description: "" },
  ],
};

describe("batch label prompt", () => {
  it("numbers the rows and parses one answer line each; one row is the zero-shot prompt itself", () => {
    expect(batchLabelPrompt(task, ["free prize"])).toBe(zeroShotPrompt(task, "free prize"));
    const prompt = batchLabelPrompt(task, ["free\nprize", "lunch?"]);
    expect(prompt).toMatch(/each of these 2 texts\? .*exactly one of: ham, spam\.\n\n1\. free prize\n2\. lunch\?$/s);
    expect(Array.from(parseBatchAnswer("1: spam\n2. Ham\n", 2, ["ham", "spam"]))).toEqual([1, 0]);
    expect(Array.from(parseBatchAnswer("**2)** spam\n7: ham\n1: maybe", 3, ["ham", "spam"]))).toEqual([-1, 1, -1]);
    expect(Array.from(parseBatchAnswer("Spam.", 1, ["ham", "spam"]))).toEqual([1]);
  });
});

const attempt = (slot: number, round: number, costUsd: number, kind: "program" | "info" = "program"): GenerationAttempt =>
  ({ id: kind === "info" ? "info-keywords" : `p${String(slot).padStart(2, "0")}-r${round}`, kind, slot, round, costUsd, cached: false }) as GenerationAttempt;
const program = (slot: number, round: number): GeneratedProgram => ({
  name: `gen_${slot + 1}`,
  language: "python",
  source: "",
  functionName: "f",
  description: "",
  attemptId: `p${String(slot).padStart(2, "0")}-r${round}`,
});

describe("sweep curve", () => {
  it("charges each prefix of programs every attempt up to its slot, failed slots and stage-1 info included", () => {
    const attempts = [attempt(-1, 0, 0.5, "info"), attempt(0, 0, 1), attempt(1, 0, 2), attempt(1, 1, 2), attempt(2, 0, 4)];
    expect(programPrefixCosts({ programs: [program(0, 0), program(2, 0)], attempts })).toEqual([
      { costUsd: 1.5, calls: 2 },
      { costUsd: 9.5, calls: 5 },
    ]);
    // list prices: a cached answer still counts what it would cost
    expect(programPrefixCosts({ programs: [program(0, 0)], attempts: attempts.map((a) => ({ ...a, costUsd: 0, cached: true })) }, () => 1)).toEqual([
      { costUsd: 2, calls: 2 },
    ]);
  });

  it("scores the first p programs through the label model on dev and test", () => {
    // rows 0-5 train, 6-9 dev, 10-13 test; program 0 is right everywhere, program 1 half the time, program 2 abstains
    const gold = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0];
    const split = evaluationSplit(
      gold.map((_, i) => (i < 6 ? "train" : i < 10 ? "dev" : "test")),
      gold,
    );
    const L = labelMatrixFromRows(
      gold.map((g, i) => [i % 2 === 0 ? g : -1, i % 4 < 2 ? g : 1 - g, -1]),
      2,
    );
    const costs = [
      { costUsd: 1, calls: 1 },
      { costUsd: 2, calls: 2 },
      { costUsd: 3, calls: 3 },
    ];
    const points = sweepCurve(L, split, { k: 2, seed: 1, counts: [1, 2, 5], info: "keywords", temperature: 0.3, costs });
    expect(points.map((p) => [p.programs, p.available, p.costUsd])).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [5, 3, 3],
    ]);
    // one program: the odd rows have no vote and count as wrong
    expect(points[0]).toMatchObject({ info: "keywords", temperature: 0.3, coverage: 0.5, test: { accuracy: 0.5, n: 4 }, dev: { accuracy: 0.5, n: 4 } });
    expect(points[1]!.coverage).toBe(1);
  });
});

describe("charts", () => {
  const point = (info: string, programs: number, costUsd: number, f1: number) => ({
    info,
    temperature: 0.3,
    programs,
    available: programs,
    costUsd,
    calls: programs,
    labelModel: "mv",
    coverage: 1,
    dev: { accuracy: f1, f1, n: 4 },
    test: { accuracy: f1, f1, n: 4 },
  });

  it("draws a line per series, a dashed baseline and a legend, escaping names", () => {
    const svg = lineChartSvg({
      title: "F1 <vs> programs",
      x: { label: "programs" },
      y: { label: "F1", min: 0, max: 1 },
      series: [
        {
          name: "a&b",
          points: [
            [1, 0.5],
            [5, 0.8],
          ],
        },
      ],
      hlines: [{ name: "zero-shot", y: 0.7 }],
    });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("F1 &lt;vs&gt; programs");
    expect(svg).toContain("a&amp;b");
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg.match(/<circle/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="6 4"><title>zero-shot: 0.70</title>');
    expect(() => lineChartSvg({ title: "empty", x: { label: "x" }, y: { label: "y" }, series: [] })).toThrow(/chart "empty": no points to draw/);
  });

  it("puts the sweep's two panels side by side with one line per grid cell and the baseline on both", () => {
    const svg = sweepChartSvg([point("none", 1, 0.001, 0.5), point("none", 5, 0.005, 0.7), point("keywords", 1, 0.002, 0.6), point("keywords", 5, 0.01, 0.8)], {
      name: "zero-shot",
      f1: 0.75,
      costUsd: 0.2,
    });
    expect(svg.match(/<polyline/g)).toHaveLength(4);
    expect(svg).toContain("test F1 vs number of programs");
    expect(svg).toContain("test F1 vs cost (USD)");
    expect(svg).toContain("zero-shot on every row");
    expect(svg.match(/zero-shot \(0\.75\)/g)).toHaveLength(2);
    expect(svg).toContain('<g transform="translate(480 0)">');
  });

  it("draws rounds, the ones not kept dashed", () => {
    const svg = roundsChartSvg([
      { round: 1, kept: true, devF1: 0.6, coverage: 0.5 },
      { round: 2, kept: true, devF1: 0.7, coverage: 0.8 },
      { round: 3, kept: false, devF1: 0.65, coverage: 0.85 },
    ]);
    expect(svg).toContain("dev F1 of a round not kept");
    expect(svg.match(/<polyline/g)).toHaveLength(3);
  });

  it("draws dev accuracy when the rounds carry it, and ticks rounds at whole numbers", () => {
    const svg = roundsChartSvg([
      { round: 1, kept: true, devF1: 1, devAccuracy: 0.5, coverage: 0.5 },
      { round: 2, kept: true, devF1: 1, devAccuracy: 1, coverage: 1 },
    ]);
    expect(svg).toContain("dev accuracy (kept rounds)");
    expect(svg.match(/<polyline/g)).toHaveLength(3);
    const xTicks = [...svg.matchAll(/text-anchor="middle">([^<]+)<\/text>/g)].map((m) => m[1]).filter((t) => /^[\d.]+$/.test(t!));
    expect(xTicks).toEqual(["1", "2"]);
  });
});
