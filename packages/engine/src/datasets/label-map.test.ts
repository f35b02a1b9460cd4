import { describe, expect, it } from "vitest";
import { checkLabelMap, labelMapKey } from "./label-map";
import { mapRecords, type SourceRecord } from "./map-records";

const classes = ["negative", "neutral", "positive"];
const records = (labels: unknown[]): SourceRecord[] => labels.map((label, i) => ({ line: i + 2, values: { text: `row ${i}`, label } }));
const map = async (labels: unknown[], labelMap?: Record<string, string | null>) =>
  mapRecords(records(labels), {
    source: "reviews.csv",
    mapping: { input: "text", label: "label" },
    classNames: classes,
    seed: 1,
    ...(labelMap ? { labelMap } : {}),
  });

describe("label maps", () => {
  it("refuses targets that are not classes, naming the classes", () => {
    expect(() => checkLabelMap({ "1": "negativ" }, classes, "task.yaml")).toThrow(
      /task\.yaml: the label map sends "1" to "negativ", which is not a class \(classes: negative, neutral, positive\)/,
    );
    expect(checkLabelMap({ " 1 ": "positive" }, classes, "t")).toEqual({ "1": "positive" });
  });

  it("looks up numbers, padded text and booleans by their text", () => {
    expect([labelMapKey(-1), labelMapKey(" 1 "), labelMapKey(true), labelMapKey(""), labelMapKey(null)]).toEqual(["-1", "1", "true", undefined, undefined]);
  });

  it("maps -1/0/1 labels (French reviews) to classes, raw numbers and text alike", async () => {
    const rows = await map(["-1", 0, " 1", "", "?"], { "-1": "negative", "0": "neutral", "1": "positive", "?": null });
    expect(rows.map((r) => r.gold)).toEqual([0, 1, 2, undefined, undefined]);
    expect(rows[0]!.fields).toEqual({ text: "row 0" });
  });

  it("fails on a value the map lacks, naming the line and the known raw values", async () => {
    await expect(map(["1", "7"], { "1": "negative", "2": "neutral" })).rejects.toThrow(
      /reviews\.csv line 3: label "7" is not in the label map \(raw values "1", "2"\); add it, e\.g\. 7=negative/,
    );
  });

  it("without a map, says 1-based labels look 1-based and how to map them", async () => {
    await expect(map(["1", "3"])).rejects.toThrow(
      /line 3: label "3" is not one of the classes negative, neutral, positive or an index 0\.\.2; the labels look 1-based: map them with a label map \(--label-map 1=negative,2=neutral,3=positive, or labels: in the task\)/,
    );
    await expect(map(["-1"])).rejects.toThrow(/label "-1" is not one of the classes .*; map raw values to classes with a label map \(--label-map -1=negative/);
  });
});
