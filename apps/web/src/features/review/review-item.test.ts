import { describe, expect, it } from "vitest";
import { displayFields, suggestedLabel } from "./review-item";

describe("review item helpers", () => {
  it("suggests the pseudolabel, else the majority vote with ties to the lower class, else nothing", () => {
    expect(suggestedLabel({ pseudolabel: { label: 2, confidence: 0.6 }, votes: [{ name: "a", vote: 0 }] })).toBe(2);
    expect(
      suggestedLabel({
        pseudolabel: null,
        votes: [
          { name: "a", vote: 1 },
          { name: "b", vote: 1 },
          { name: "c", vote: 0 },
        ],
      }),
    ).toBe(1);
    expect(
      suggestedLabel({
        pseudolabel: null,
        votes: [
          { name: "a", vote: 1 },
          { name: "b", vote: 0 },
        ],
      }),
    ).toBe(0);
    expect(suggestedLabel({ pseudolabel: null, votes: [{ name: "a", vote: -1 }] })).toBeNull();
  });

  it("shows fields as strings in key order", () => {
    expect(displayFields({ text: "hi", n: 3, tags: ["x"] })).toEqual([
      { name: "text", value: "hi" },
      { name: "n", value: "3" },
      { name: "tags", value: '["x"]' },
    ]);
    expect(displayFields("plain")).toEqual([{ name: "value", value: '"plain"' }]);
  });
});
