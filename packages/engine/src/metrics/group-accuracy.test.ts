import { describe, expect, it } from "vitest";
import { groupAccuracy } from "./group-accuracy";

describe("groupAccuracy", () => {
  it("accuracy per (class, group), the worst group and the mean over groups; rows without gold skipped", () => {
    const gold = [0, 0, 0, 1, 1, 1, -1];
    const pred = [0, 0, 1, 1, 1, 0, 0];
    const place = ["water", "water", "land", "land", "land", "water", "land"];
    const result = groupAccuracy(gold, pred, place, ["waterbird", "landbird"]);
    expect(result.groups).toEqual([
      { group: "landbird / land", n: 2, accuracy: 1 },
      { group: "landbird / water", n: 1, accuracy: 0 },
      { group: "waterbird / land", n: 1, accuracy: 0 },
      { group: "waterbird / water", n: 2, accuracy: 1 },
    ]);
    expect(result.worst).toEqual({ group: "landbird / water", n: 1, accuracy: 0 });
    expect(result.average).toBe(0.5);
    expect(groupAccuracy([], [], [], ["a", "b"])).toEqual({ groups: [], worst: null, average: null });
    expect(() => groupAccuracy([0], [0, 1], ["x"], ["a", "b"])).toThrow(/1 gold labels, 2 predictions and 1 group values/);
  });
});
