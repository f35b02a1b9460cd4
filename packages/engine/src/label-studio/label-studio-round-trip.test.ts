import { describe, expect, it } from "vitest";
import type { DataRow } from "../core/dataset";
import { labelStudioConfig } from "./label-studio-config";
import { labelStudioDataset } from "./label-studio-dataset";
import { labelStudioNames } from "./label-studio-names";
import { labelStudioRecords } from "./label-studio-records";
import { labelStudioTask } from "./label-studio-task";

const classNames = ["ham", "spam"];
const rows: DataRow[] = [
  { id: "a", fields: { text: "call now to win", author: "x" }, split: "train", gold: 1 },
  { id: "b", fields: { text: "see you at 5", author: "y" }, split: "dev", gold: 0 },
  { id: "c", fields: { text: "free prize", author: "z" }, split: "test" },
];
const programs = ["has_prize", "casual"];
const votes = [
  [1, -1],
  [-1, 0],
  [1, 0],
];
const names = labelStudioNames({ name: "sms spam", input: "text" });

function exported(): unknown {
  const tasks = rows.map((row, i) =>
    labelStudioTask(row, { classNames, names, programs, votes: votes[i]!, labelModel: { label: votes[i]![0]! === 1 ? 1 : 0, score: 0.8 } }),
  );
  return JSON.parse(JSON.stringify(tasks));
}

describe("Label Studio round trip", () => {
  it("names come from the task, not a fixed 'label'", () => {
    expect(names).toEqual({ fromName: "sms_spam", toName: "text" });
    expect(labelStudioNames({ name: "42", input: ["title", "body"] })).toEqual({ fromName: "class", toName: "title" });
    expect(() => labelStudioNames({ name: "t", input: "text" }, { fromName: "text" })).toThrow(/both "text"/);
  });

  it("writes a config whose tag names match the tasks' results", () => {
    const xml = labelStudioConfig({ classNames: ["ham", "sp&m"], inputs: ["text", "author"], names });
    expect(xml).toContain('<Text name="text" value="$text"/>');
    expect(xml).toContain('<Text name="author" value="$author"/>');
    expect(xml).toContain('<Choices name="sms_spam" toName="text" choice="single"');
    expect(xml).toContain('<Choice value="sp&amp;m"/>');
    const [task] = exported() as { predictions: { result: { from_name: string; to_name: string }[] }[] }[];
    expect(task!.predictions[0]!.result[0]).toMatchObject({ from_name: "sms_spam", to_name: "text" });
  });

  it("exports one prediction per program plus the label model, gold as annotations", () => {
    const [first, , third] = exported() as {
      data: Record<string, unknown>;
      annotations?: unknown[];
      predictions: { model_version: string; result: unknown[]; score?: number }[];
    }[];
    expect(first!.data).toEqual({ text: "call now to win", author: "x", alchemist_id: "a", alchemist_split: "train" });
    expect(first!.predictions.map((p) => p.model_version)).toEqual(["has_prize", "casual", "alchemist-label-model"]);
    expect(first!.predictions[1]!.result).toEqual([]);
    expect(first!.predictions[2]!.score).toBe(0.8);
    expect(first!.annotations).toHaveLength(1);
    expect(third!.annotations).toBeUndefined();
  });

  it("imports the export back: same rows, ids, splits, gold and votes", () => {
    const ds = labelStudioDataset(exported(), { source: "ls.json", classNames, inputs: "text", seed: 1 });
    expect(ds.rows).toEqual(rows);
    expect(ds.importedVotes?.names).toEqual(programs);
    expect(Array.from(ds.importedVotes!.L.values)).toEqual(votes.flat());
  });

  it("reads a Label Studio export: last non-cancelled annotation, ground truth first, task ids, seeded splits", () => {
    const r = (choice: string) => [{ from_name: "sentiment", to_name: "text", type: "choices", value: { choices: [choice] } }];
    const tasks = [
      {
        id: 7,
        data: { text: "a" },
        annotations: [{ result: r("spam") }, { result: r("ham"), was_cancelled: true }],
        predictions: [{ model_version: "m1", result: r("Spam") }],
      },
      { id: 8, data: { text: "b" }, annotations: [{ result: r("spam"), ground_truth: true }, { result: r("ham") }] },
      { id: 9, data: { text: "c" }, completions: [{ result: r("ham") }] },
    ];
    const ds = labelStudioDataset(tasks, { source: "ls.json", classNames, inputs: "text", seed: 3 });
    expect(ds.rows.map((row) => [row.id, row.gold])).toEqual([
      ["7", 1],
      ["8", 1],
      ["9", 0],
    ]);
    expect(ds.importedVotes?.names).toEqual(["m1"]);
    expect(Array.from(ds.importedVotes!.L.values)).toEqual([1, -1, -1]);
    const mapped = labelStudioDataset(tasks, {
      source: "ls.json",
      classNames: ["no", "yes"],
      inputs: "text",
      seed: 3,
      labelMap: { ham: "no", spam: "yes", Spam: "yes" },
    });
    expect(mapped.rows.map((row) => row.gold)).toEqual([1, 1, 0]);
  });

  it("fails naming the file, the task and what to do", () => {
    const r = (from: string, choices: string[]) => [{ from_name: from, to_name: "text", type: "choices", value: { choices } }];
    const opts = { source: "ls.json", classNames, inputs: "text", seed: 1 };
    expect(() => labelStudioDataset([], opts)).toThrow("ls.json has no tasks");
    expect(() => labelStudioDataset({ a: 1 }, opts)).toThrow(/expected a JSON list of Label Studio tasks/);
    expect(() => labelStudioDataset([{ data: { body: "x" }, annotations: [{ result: r("c", ["ham"]) }] }], opts)).toThrow(
      /ls.json task 1: input field "text" is not in its data \(fields: body\)/,
    );
    expect(() => labelStudioDataset([{ data: { text: "x" }, annotations: [{ result: r("c", ["eggs"]) }] }], opts)).toThrow(
      /task 1 annotation: choice "eggs" is not one of the classes ham, spam/,
    );
    expect(() => labelStudioDataset([{ data: { text: "x" }, annotations: [{ result: r("a", ["ham"]) }, { result: r("b", ["ham"]) }] }], opts)).toThrow(
      /several <Choices> \(a, b\)/,
    );
    expect(() => labelStudioDataset([{ data: { text: "x" }, annotations: [{ result: r("a", ["ham", "spam"]) }] }], opts)).toThrow(/2 choices \(ham, spam\)/);
    expect(() => labelStudioDataset([{ data: "text" }], opts)).toThrow(/ls.json task 1: /);
    expect(() => labelStudioDataset([{ data: { text: "x" } }], opts)).toThrow(/no task has a choices annotation or prediction/);
  });

  it("previews tasks as records before class names are known: data plus the annotated choice, prediction names", () => {
    const { records, predictions, fromName } = labelStudioRecords(exported(), "ls.json");
    expect(fromName).toBe("sms_spam");
    expect(predictions).toEqual(programs);
    expect(records.map((r) => r.values)).toEqual([
      { text: "call now to win", author: "x", "(annotation)": "spam" },
      { text: "see you at 5", author: "y", "(annotation)": "ham" },
      { text: "free prize", author: "z", "(annotation)": "" },
    ]);
  });
});

describe("Label Studio export of a multi-label task", () => {
  const topics = ["sports", "politics", "tech"];
  const row: DataRow = { id: "n1", fields: { text: "the minister opened the stadium" }, split: "dev", gold: 0b011 };

  it('lists every class of a set in one result and writes <Choices choice="multiple">', () => {
    const task = labelStudioTask(row, {
      classNames: topics,
      names,
      programs: ["cues", "people", "short"],
      votes: [0b011, -1, 0],
      multiLabel: true,
      labelModel: { label: 0b001, score: 0.7 },
    });
    const choices = (result: readonly { value: { choices?: readonly string[] } }[]) => result.map((r) => r.value.choices);
    expect(choices(task.annotations![0]!.result)).toEqual([["sports", "politics"]]);
    expect(task.predictions!.map((p) => choices(p.result))).toEqual([[["sports", "politics"]], [], [[]], [["sports"]]]);
    expect(labelStudioConfig({ classNames: topics, inputs: "text", names, multiLabel: true })).toContain('choice="multiple"');
    expect(labelStudioConfig({ classNames: topics, inputs: "text", names })).toContain('choice="single"');
    expect(() => labelStudioTask(row, { classNames: topics, names, programs: ["cues"], votes: [8], multiLabel: true })).toThrow(
      /8 is not a set of the 3 classes \(0\.\.7\)/,
    );
  });
});
