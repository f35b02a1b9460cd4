import { describe, expect, it } from "vitest";
import { DEFAULT_RUN_SETTINGS, parseRunSettings, runSettingsLimits } from "./run-settings";

describe("parseRunSettings", () => {
  it("gives the runner's defaults for settings never saved and fills missing fields", () => {
    expect(parseRunSettings(null)).toEqual(DEFAULT_RUN_SETTINGS);
    expect(parseRunSettings({ seed: 7 })).toEqual({ ...DEFAULT_RUN_SETTINGS, seed: 7 });
    expect(parseRunSettings(null).imageFeatures).toBe("embeddings");
    expect(parseRunSettings({ imageFeatures: "both" }).imageFeatures).toBe("both");
  });

  it("names the field that is wrong and refuses unknown ones", () => {
    expect(() => parseRunSettings({ maxConsecutiveFaults: -1 })).toThrow(/maxConsecutiveFaults/);
    expect(() => parseRunSettings({ programBudgetMs: 5 })).toThrow(/programBudgetMs/);
    expect(() => parseRunSettings({ seed: 1.5 })).toThrow(/seed/);
    expect(() => parseRunSettings({ sed: 1 })).toThrow(/sed/);
    expect(() => parseRunSettings({ imageFeatures: "pixels" })).toThrow(/imageFeatures/);
  });

  it("maps to the runner's limits", () => {
    expect(runSettingsLimits(parseRunSettings({ maxConsecutiveFaults: 0, programBudgetMs: 2000, programBudgetPerRowMs: 0.5 }))).toEqual({
      maxConsecutiveFaults: 0,
      budgetBaseMs: 2000,
      budgetPerRowMs: 0.5,
    });
  });
});
