import { describe, expect, it } from "vitest";
import type { TaskSpec } from "@alchemist/engine";
import { parseEncodingFlag, parseLabelMapFlag } from "./data-options";
import { dataReading } from "./reading-options";

const task: TaskSpec = {
  name: "finance",
  description: "",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "negative", description: "" },
    { name: "positive", description: "" },
  ],
  labels: { "-1": "negative", "1": "positive" },
  data: { header: false, columns: ["text", "label"], delimiter: "@", encoding: "latin1", labelField: "label" },
};

describe("dataReading", () => {
  it("takes everything from the task file when no flag is given", () => {
    const reading = dataReading({ data: "f.txt", seed: 42, header: true }, task);
    expect(reading.mapping).toEqual({ input: "text", label: "label" });
    expect(reading.load).toEqual({
      columns: ["text", "label"],
      header: false,
      delimiter: "@",
      encoding: "latin1",
      labelMap: { "-1": "negative", "1": "positive" },
    });
    expect(reading.headerless).toBe(true);
  });

  it("lets flags override the task file", () => {
    const reading = dataReading(
      {
        data: "f.txt",
        seed: 42,
        columns: ["label", "text"],
        delimiter: "\t",
        encoding: "utf-8",
        labelMap: { n: "negative", p: "positive" },
        labelField: "gold",
        splitField: "split",
        idField: "id",
      },
      task,
    );
    expect(reading.mapping).toEqual({ input: "text", label: "gold", split: "split", id: "id" });
    expect(reading.load).toEqual({ columns: ["label", "text"], delimiter: "\t", encoding: "utf-8", labelMap: { n: "negative", p: "positive" } });
    expect(reading.headerless).toBe(true);
  });

  it("reads a plain task as before", () => {
    const plain = { ...task, labels: undefined, data: undefined };
    expect(dataReading({ data: "d.csv", seed: 1, header: true }, plain)).toEqual({ mapping: { input: "text" }, load: {}, headerless: false });
    expect(dataReading({ data: "d.csv", seed: 1, header: false }, plain).load).toEqual({ header: false });
  });
});

describe("flag parsers", () => {
  it("parses --label-map and --encoding", () => {
    expect(parseLabelMapFlag("1=background, 2=objective,9=")).toEqual({ "1": "background", "2": "objective", "9": null });
    expect(() => parseLabelMapFlag("1=a,1=b")).toThrow(/mapped twice/);
    expect(() => parseLabelMapFlag("background")).toThrow(/expected raw=class pairs/);
    expect(parseEncodingFlag("Latin-1")).toBe("latin-1");
    expect(() => parseEncodingFlag("ascii")).toThrow(/expected utf-8, latin-1, utf-16 or auto/);
  });
});
