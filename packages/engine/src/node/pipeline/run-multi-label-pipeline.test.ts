import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DataRow, Dataset, Split } from "../../core/dataset";
import type { Program } from "../../core/program";
import type { TaskSpec } from "../../core/task";
import { mapRecords } from "../../datasets/map-records";
import { parseTaskSpec } from "../../task/parse-task-spec";
import { createLocalRunner } from "../runner/create-local-runner";
import { runMultiLabelPipeline } from "./run-multi-label-pipeline";
import { writeOutputs } from "./write-outputs";

const task: TaskSpec = {
  name: "topics",
  description: "every topic of a headline",
  input: "text",
  language: "javascript",
  functionName: "label_function",
  multiLabel: true,
  classes: [
    { name: "sports", description: "" },
    { name: "politics", description: "" },
    { name: "tech", description: "" },
  ],
};
const SPORTS = ["the team won the match", "fans cheered the striker", "the cup final"];
const POLITICS = ["the senate vote", "the minister resigned", "a new election law"];
const TECH = ["the chip is faster", "an app update", "the robot learns"];

/** 90 rows (60 train, 15 dev, 15 test): row i covers sports when i % 2 == 0, politics when i % 3 == 0, tech otherwise. */
function dataset(trainGold: (i: number, set: number[]) => number[] | undefined = (_, set) => set): Dataset {
  const rows: DataRow[] = Array.from({ length: 90 }, (_, i) => {
    const set = [...(i % 2 === 0 ? [0] : []), ...(i % 3 === 0 ? [1] : []), ...(i % 2 !== 0 && i % 3 !== 0 ? [2] : [])];
    const text = set.map((c) => [SPORTS, POLITICS, TECH][c]![i % 3]).join(" and ") + ` #${i}`;
    const split: Split = i < 60 ? "train" : i < 75 ? "dev" : "test";
    const goldSet = split === "train" ? trainGold(i, set) : set;
    return { id: `r${i}`, fields: { text }, split, ...(goldSet ? { goldSet } : {}) };
  });
  return { name: "topics", rows };
}

const programs: Program[] = [
  {
    name: "words",
    language: "javascript",
    functionName: "label_function",
    source:
      "function label_function(t) {\n  const out = [];\n  if (/team|fans|cup/.test(t)) out.push('sports');\n  if (/senate|minister|election/.test(t)) out.push('politics');\n  if (/chip|app|robot/.test(t)) out.push('tech');\n  return out.length ? out : -1;\n}\n",
  },
  {
    name: "verbs",
    language: "python",
    functionName: "label_function",
    source:
      "def label_function(t):\n    out = []\n    if 'won' in t or 'cheered' in t or 'final' in t: out.append(0)\n    if 'vote' in t or 'resigned' in t or 'law' in t: out.append(1)\n    if 'faster' in t or 'update' in t or 'learns' in t: out.append(2)\n    return out or -1\n",
  },
];

const runner = createLocalRunner({ poolSize: 1 });
const dir = mkdtempSync(join(tmpdir(), "alchemist-multi-label-"));
afterAll(async () => {
  await runner.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("runMultiLabelPipeline", () => {
  it("labels every row with a class list, scores per class and micro/macro F1 on test gold, and exports a sigmoid model", async () => {
    const { report, labels, L, model } = await runMultiLabelPipeline({ dataset: dataset(), task, programs, runner, seed: 3, epochs: 40 });
    expect(L.m).toBe(2);
    expect(L.values[0]).toBe(0b011); // row 0: sports and politics from "words"
    expect(report.kind).toBe("multi-label");
    expect(report.labelModel.test).toMatchObject({ n: 15, microF1: 1, macroF1: 1, subsetAccuracy: 1 });
    expect(report.distilled.test!.n).toBe(15);
    expect(report.distilled.test!.perClass.map((c) => c.support)).toEqual([7, 5, 5]); // test rows 75..89
    expect(report.programs.map((p) => p.devAccuracy)).toEqual([1, 1]);
    for (const row of labels) expect(row.labels).toEqual(task.classes.map((c) => c.name).filter((_, c) => row.probabilities[c]! >= 0.5));
    expect(labels[0]!.label).toBe(labels[0]!.labels!.join("|"));
    expect(model.length).toBeGreaterThan(1000);
    await writeOutputs(join(dir, "out"), { report, labels, programs, model });
    const first = JSON.parse(readFileSync(join(dir, "out", "labels.jsonl"), "utf8").split("\n")[0]!);
    expect(first).toEqual({ id: "r0", labels: labels[0]!.labels, probabilities: expect.objectContaining({ sports: expect.any(Number) }) });
  });

  it("never reads train gold", async () => {
    const a = await runMultiLabelPipeline({ dataset: dataset(), task, programs, runner, seed: 3, epochs: 3 });
    const b = await runMultiLabelPipeline({ dataset: dataset(() => [0, 1, 2]), task, programs, runner, seed: 3, epochs: 3 });
    expect(b.labels).toEqual(a.labels);
    expect(b.report.labelModel.test).toEqual(a.report.labelModel.test);
  });

  it("refuses a single-label task and imported votes", async () => {
    await expect(runMultiLabelPipeline({ dataset: dataset(), task: { ...task, multiLabel: false }, programs, runner, seed: 1 })).rejects.toThrow(
      /not multi-label/,
    );
    await expect(
      runMultiLabelPipeline({ dataset: dataset(), task, programs, runner, seed: 1, votes: { names: ["x"], L: { n: 90, m: 1, values: new Int8Array(90) } } }),
    ).rejects.toThrow(/programs only/);
  });
});

describe("multi-label task files and gold", () => {
  it("parses multi_label: true and refuses it past 15 classes", () => {
    const classes = (n: number): string => Array.from({ length: n }, (_, c) => `  - {name: c${c}}`).join("\n");
    expect(parseTaskSpec(`name: t\nmulti_label: true\nclasses:\n${classes(3)}\n`, "t.yaml").multiLabel).toBe(true);
    expect(parseTaskSpec(`name: t\nclasses:\n${classes(3)}\n`, "t.yaml").multiLabel).toBeUndefined();
    expect(() => parseTaskSpec(`name: t\nmulti_label: true\nclasses:\n${classes(16)}\n`, "t.yaml")).toThrow(/at most 15 classes .* got 16/);
  });

  it("reads gold lists through mapRecords, with a label map, naming the line of an unknown class", async () => {
    const options = { source: "d.csv", mapping: { input: "text", label: "tags" }, classNames: ["sports", "politics"], seed: 1, multiLabel: true };
    const rows = await mapRecords(
      [
        { line: 2, values: { text: "a", tags: "politics|sports" } },
        { line: 3, values: { text: "b", tags: "" } },
        { line: 4, values: { text: "c", tags: ["sports"] } },
      ],
      options,
    );
    expect(rows.map((r) => r.goldSet)).toEqual([[0, 1], undefined, [0]]);
    expect(rows.every((r) => r.gold === undefined && !("tags" in r.fields))).toBe(true);
    const mapped = await mapRecords([{ line: 2, values: { text: "a", tags: "1|2" } }], { ...options, labelMap: { "1": "sports", "2": "politics" } });
    expect(mapped[0]!.goldSet).toEqual([0, 1]);
    await expect(mapRecords([{ line: 7, values: { text: "a", tags: "sports|golf" } }], options)).rejects.toThrow(
      /d\.csv line 7: label "golf" is not one of the classes sports, politics/,
    );
    await expect(mapRecords([{ line: 8, values: { text: "a", tags: "[sports" } }], options)).rejects.toThrow(
      /d\.csv line 8: gold .*does not parse; write a multi-label gold as a\|b or a JSON list/,
    );
  });
});
