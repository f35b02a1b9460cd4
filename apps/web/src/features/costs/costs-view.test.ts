import { describe, expect, it } from "vitest";
import { formatUsd, latestComparison, type ProjectCostsView } from "./costs-view";

const request = (
  status: ProjectCostsView["requests"][number]["status"],
  costUsd: number,
  estimate: { rows: number; costUsd: number } | null,
): ProjectCostsView["requests"][number] => ({
  id: "r",
  createdAt: "",
  status,
  provider: "openai",
  model: "gpt-4o-mini",
  n: 2,
  programs: 2,
  failedSlots: 0,
  stoppedBy: null,
  calls: 2,
  inputTokens: 0,
  outputTokens: 0,
  costUsd,
  error: null,
  zeroShotEstimate: estimate && { model: "gpt-4o-mini", ...estimate },
});

describe("costs view", () => {
  it("compares the newest succeeded request's cost with its zero-shot estimate", () => {
    expect(
      latestComparison([
        request("FAILED", 1, null),
        request("SUCCEEDED", 0.004, { rows: 5571, costUsd: 0.24 }),
        request("SUCCEEDED", 1, { rows: 1, costUsd: 1 }),
      ]),
    ).toEqual({
      text: "programs cost $0.0040; zero-shot labeling of all 5571 rows would cost ~$0.2400 (60x more)",
      model: "gpt-4o-mini",
    });
    expect(latestComparison([request("RUNNING", 0, null)])).toBeNull();
    expect(formatUsd(0.00012)).toBe("$0.0001");
    expect(formatUsd(12.5)).toBe("$12.50");
  });
});
