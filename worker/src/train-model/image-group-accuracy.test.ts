import { describe, expect, it } from "vitest";
import { imageGroupAccuracy } from "./image-group-accuracy";

describe("imageGroupAccuracy", () => {
  const fields = [
    { path: "a.png", scores: { round: 0.3 }, place: "water", camera: "" },
    { path: "b.png", scores: { round: 0.1 }, place: "land", camera: "x" },
    { path: "c.png", scores: { round: 0.2 }, place: "water", camera: "y" },
    { path: "d.png", scores: { round: 0.4 }, place: "land", camera: "z" },
    { path: "e.png", scores: { round: 0.4 }, place: "land", camera: "z" },
  ];
  const test = Int32Array.of(0, 1, 2, 3, 4);
  // Row 4 has no test gold: it is in no group.
  const gold = Int32Array.of(0, 0, 1, 1, -1);

  it("reports every group field that every judged test row has (not the path or the scores), per <class> / <value>, for both models", () => {
    const [report, ...more] = imageGroupAccuracy(fields, test, gold, [0, 1, 1, 1, 0], [0, 0, 0, 1, 0], ["bird", "fish"]);
    // camera is empty on a judged row, so it is not a group field.
    expect(more).toEqual([]);
    expect(report!.field).toBe("place");
    expect(report!.distilled.groups).toEqual([
      { group: "bird / land", n: 1, accuracy: 0 },
      { group: "bird / water", n: 1, accuracy: 1 },
      { group: "fish / land", n: 1, accuracy: 1 },
      { group: "fish / water", n: 1, accuracy: 1 },
    ]);
    expect(report!.distilled.worst).toEqual({ group: "bird / land", n: 1, accuracy: 0 });
    expect(report!.labelModel.worst).toEqual({ group: "fish / water", n: 1, accuracy: 0 });
  });

  it("is empty without a group field or without test gold", () => {
    expect(imageGroupAccuracy([{ path: "a.png", scores: {} }], Int32Array.of(0), Int32Array.of(0), [0], [0], ["a"])).toEqual([]);
    expect(imageGroupAccuracy(fields, test, Int32Array.of(-1, -1, -1, -1, -1), [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], ["a", "b"])).toEqual([]);
  });
});
