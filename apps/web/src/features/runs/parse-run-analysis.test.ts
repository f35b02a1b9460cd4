import { describe, expect, it } from "vitest";
import { parseRunAnalysis } from "./parse-run-analysis";

const program = { name: "lf_free", programId: "p1", polarity: [1], coverage: 0.2, overlaps: 0.1, conflicts: 0.05 };

describe("parseRunAnalysis", () => {
  it("keeps the summary and flattens fault records to totals", () => {
    const analysis = parseRunAnalysis(
      {
        summary: { coverage: 0.6, overlap: 0.3, conflict: 0.1 },
        programs: [{ ...program, empiricalAccuracy: 0.9, faults: { exception: 3, timeout: 1 } }],
      },
      "run-1",
    );
    expect(analysis.summary).toEqual({ coverage: 0.6, overlap: 0.3, conflict: 0.1 });
    expect(analysis.programs[0]).toMatchObject({ faults: 4, faultKinds: { exception: 3, timeout: 1 }, empiricalAccuracy: 0.9 });
  });

  it("accepts numeric faults and a missing accuracy", () => {
    const analysis = parseRunAnalysis({ summary: { coverage: 0, overlap: 0, conflict: 0 }, programs: [{ ...program, faults: 2 }] }, "r");
    expect(analysis.programs[0]?.faults).toBe(2);
    expect(analysis.programs[0]?.empiricalAccuracy).toBeUndefined();
  });

  it("names the run and the offending path for malformed snapshots", () => {
    expect(() => parseRunAnalysis({ summary: { coverage: 0.5 }, programs: [] }, "run-9")).toThrow(
      /Run run-9 has a malformed analysis snapshot at summary\.overlap/,
    );
    expect(() => parseRunAnalysis(null, "run-0")).toThrow(/Run run-0 .*\(root\)/);
  });
});
