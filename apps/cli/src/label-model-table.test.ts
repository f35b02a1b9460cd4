import type { PipelineReport } from "@alchemist/engine/node";
import { describe, expect, it } from "vitest";
import { labelModelTable } from "./label-model-table";

const report = {
  labelModel: {
    name: "dawid-skene",
    reason: "dawid-skene has the best dev F1 (0.900 vs 0.850 for mv, the runner-up) on 40 dev rows with gold.",
    test: { accuracy: 0.8, f1: 0.9, n: 10 },
  },
  labelModels: [
    { name: "mv", chosen: false, dev: { accuracy: 0.85, f1: 0.85, ece: 0.1, coverage: 0.9 }, test: { accuracy: 0.8, f1: 0.8 }, fitMs: 1 },
    { name: "dawid-skene", chosen: true, dev: { accuracy: 0.9, f1: 0.9, ece: null, coverage: 0.95 }, test: { accuracy: 0.85, f1: 0.9 }, fitMs: 12 },
    { name: "flyingsquid", chosen: false, dev: null, test: null, fitMs: 0, skipped: "needs at least 3 programs, got 2" },
  ],
} as unknown as PipelineReport;

describe("labelModelTable", () => {
  it("lists every model's dev and test scores, stars the chosen one and says why", () => {
    const lines = labelModelTable(report);
    expect(lines[0]).toMatch(/^label model\s+dev acc\s+dev F1\s+dev ECE\s+dev cov\s+test acc\s+test F1\s+fit ms$/);
    expect(lines[2]).toMatch(/^ {2}mv\s+0\.850\s+0\.850\s+0\.100\s+0\.900\s+0\.800\s+0\.800\s+1$/);
    expect(lines[3]).toMatch(/^\* dawid-skene\s+0\.900\s+0\.900\s+-\s+0\.950\s+0\.850\s+0\.900\s+12$/);
    expect(lines[4]).toMatch(/^ {2}flyingsquid\s+skipped: needs at least 3 programs, got 2$/);
    expect(lines[5]).toBe(`chosen label model: dawid-skene. ${report.labelModel.reason}`);
  });
});
