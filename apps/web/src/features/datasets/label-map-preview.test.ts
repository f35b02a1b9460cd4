import { describe, expect, it } from "vitest";
import { classCounts, guessLabelMap } from "./label-map-preview";

describe("guessLabelMap", () => {
  it("maps class names in any case, 0-based and 1-based indices, and -1/0/1", () => {
    expect(guessLabelMap(["Spam", "ham", ""], ["ham", "spam"])).toEqual({ Spam: "spam", ham: "ham" });
    expect(guessLabelMap(["0", "1"], ["ham", "spam"])).toEqual({ "0": "ham", "1": "spam" });
    expect(guessLabelMap(["3", "5", "1", "2", "4"], ["neo", "dig", "ner", "car", "gen"])).toEqual({
      "1": "neo",
      "2": "dig",
      "3": "ner",
      "4": "car",
      "5": "gen",
    });
    expect(guessLabelMap(["1", "-1", "0"], ["negative", "neutral", "positive"])).toEqual({ "-1": "negative", "0": "neutral", "1": "positive" });
  });

  it("leaves what it cannot place without gold", () => {
    expect(guessLabelMap(["maybe", "7", "ham"], ["ham", "spam"])).toEqual({ maybe: null, "7": null, ham: "ham" });
  });
});

describe("classCounts", () => {
  it("sums the preview counts per class, unmapped and empty values as no gold", () => {
    expect(classCounts({ "1": 3, "2": 5, "": 1, "9": 2 }, { "1": "ham", "2": "spam", "9": null }, ["ham", "spam"])).toEqual({ perClass: [3, 5], noGold: 3 });
  });
});
