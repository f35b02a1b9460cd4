import { describe, expect, it } from "vitest";
import { mergeProgramRows } from "./merge-program-rows";
import type { ProgramAnalysisRow } from "@/features/runs/client";

const analysisRow = (name: string, programId?: string): ProgramAnalysisRow => ({
  name,
  programId,
  polarity: [0],
  coverage: 0.1,
  overlaps: 0,
  conflicts: 0,
  empiricalAccuracy: undefined,
  faults: 0,
  faultKinds: {},
});
const stored = (id: string, name: string) => ({ id, name, enabled: true, language: "PYTHON" });

describe("mergeProgramRows", () => {
  it("matches by programId first, even after a rename, and keeps the run's order", () => {
    const rows = mergeProgramRows([stored("a", "renamed"), stored("b", "lf_b")], [analysisRow("lf_b", "b"), analysisRow("old", "a")]);
    expect(rows.map((row) => [row.key, row.name, row.analysis?.name])).toEqual([
      ["b", "lf_b", "lf_b"],
      ["a", "renamed", "old"],
    ]);
  });

  it("falls back to names, appends unanalysed programs and keeps deleted ones", () => {
    const rows = mergeProgramRows([stored("a", "lf_a"), stored("new", "lf_new")], [analysisRow("lf_a"), analysisRow("gone", "x")]);
    expect(rows.map((row) => [row.key, row.program?.id, row.analysis?.name])).toEqual([
      ["a", "a", "lf_a"],
      ["analysis-1", undefined, "gone"],
      ["new", "new", undefined],
    ]);
  });
});
