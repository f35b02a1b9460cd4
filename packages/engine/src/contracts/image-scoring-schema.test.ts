import { describe, expect, it } from "vitest";
import { EngineError } from "../errors/engine-error";
import { readImageScoring } from "./image-scoring-schema";

const scoring = {
  clipModelKey: "abc",
  dim: 4,
  concepts: ["a circle"],
  template: "a photo of {}",
  scoredAt: "2026-01-01T00:00:00.000Z",
  preprocessing: { imageSize: 224, resizeTo: 224, mean: [0.5, 0.5, 0.5], std: [0.2, 0.2, 0.2] },
};

describe("readImageScoring", () => {
  it("returns the stored scoring of an image dataset", () => {
    expect(readImageScoring({ name: "shapes", kind: "IMAGE", imageScoring: scoring }).concepts).toEqual(["a circle"]);
  });

  it("refuses a text dataset, naming it", () => {
    expect(() => readImageScoring({ name: "reviews", kind: "TEXT", imageScoring: null })).toThrow(/"reviews" is not an image dataset/);
  });

  it("names the field a damaged scoring lacks and says what to do", () => {
    const { concepts: _concepts, ...damaged } = scoring;
    let caught: unknown;
    try {
      readImageScoring({ name: "shapes", kind: "IMAGE", imageScoring: damaged });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EngineError);
    expect((caught as EngineError).code).toBe("INVALID_ARGUMENT");
    expect((caught as EngineError).message).toMatch(/concepts: .*re-import it/);
  });
});
