import { describe, expect, it } from "vitest";
import { firstRowLooksLikeData } from "./detect-header-row";

describe("firstRowLooksLikeData", () => {
  it("accepts ordinary headers", () => {
    expect(
      firstRowLooksLikeData(
        ["label", "text"],
        [
          ["ham", "Ok lar"],
          ["spam", "Free entry"],
        ],
      ),
    ).toBeUndefined();
    expect(firstRowLooksLikeData(["COMMENT_ID", "AUTHOR", "DATE", "CONTENT", "CLASS"], [["x1", "Julius", "2013-11-07", "check it", "1"]])).toBeUndefined();
    expect(
      firstRowLooksLikeData(["condition_label", "medical_abstract"], [["3", "Obstructive sleep apnea following topical anesthesia in loud snorers."]]),
    ).toBeUndefined();
  });

  it("names why a first row is data", () => {
    expect(firstRowLooksLikeData(["3", "Obstructive sleep apnea"], [["5", "Neutrophil function"]])).toBe('cell 1 "3" is a number');
    expect(firstRowLooksLikeData(["According to Gran , the company has no plans", "neutral"], [])).toMatch(
      /^cell 1 "According to Gran , the com\.\.\." reads like text/,
    );
    expect(
      firstRowLooksLikeData(
        ["ham", "Go"],
        [
          ["spam", "Free"],
          ["ham", "Ok"],
        ],
      ),
    ).toBe('cell 1 "ham" is also a value further down its column (row 3)');
    expect(firstRowLooksLikeData(["a", ""], [])).toBe("cell 2 is empty");
    expect(firstRowLooksLikeData(["a", "a"], [])).toBe('"a" appears twice');
  });
});
