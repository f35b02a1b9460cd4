import { describe, expect, it } from "vitest";
import { parseTaskSpec } from "./parse-task-spec";

const base = "name: reviews\nclasses:\n  - {name: negative}\n  - {name: neutral}\n  - {name: positive}\n";
const errorOf = (text: string): string => {
  try {
    parseTaskSpec(text, "task.yaml");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
};

describe("task files with labels and reading options", () => {
  it("reads a label map (YAML number keys as text, null = no gold) and the data block", () => {
    const task = parseTaskSpec(
      `${base}labels:\n  -1: negative\n  0: neutral\n  1: positive\n  unrated: null\ndata:\n  header: false\n  columns: [text, label]\n  delimiter: "@"\n  encoding: latin-1\n  label_field: label\n  split_field: split\n  id_field: id\n  format: csv\n`,
      "task.yaml",
    );
    expect(task.labels).toEqual({ "-1": "negative", "0": "neutral", "1": "positive", unrated: null });
    expect(task.data).toEqual({
      format: "csv",
      header: false,
      columns: ["text", "label"],
      delimiter: "@",
      encoding: "latin1",
      labelField: "label",
      splitField: "split",
      idField: "id",
    });
  });

  it("takes named delimiters and encodings", () => {
    expect(parseTaskSpec(`${base}data:\n  delimiter: tab\n  encoding: UTF-16\n`, "t").data).toEqual({ delimiter: "\t", encoding: "utf-16" });
  });

  it("names every bad key and value", () => {
    expect(errorOf(`${base}labels:\n  1: postive\n`)).toBe('task.yaml: labels.1: "postive" is not a class (classes: negative, neutral, positive)');
    expect(errorOf(`${base}data:\n  encoding: ebcdic\n`)).toBe('task.yaml: data.encoding: unknown encoding "ebcdic"; use utf-8, latin-1, utf-16 or auto');
    expect(errorOf(`${base}data:\n  delimiter: ";;"\n`)).toBe("task.yaml: data.delimiter: must be one character (or tab, comma, semicolon, pipe)");
    expect(errorOf(`${base}data:\n  headers: false\n`)).toBe("task.yaml: data.headers: unknown key");
    expect(errorOf(`${base}data:\n  header: no way\n`)).toMatch(/^task\.yaml: data\.header: expected boolean/);
  });

  it("leaves tasks without them as they were", () => {
    const task = parseTaskSpec(base, "t");
    expect("labels" in task || "data" in task).toBe(false);
  });
});
