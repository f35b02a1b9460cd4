import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alchemist, expectedVotes, goldOf, ROWS, textOf, writeFixture } from "./cli-fixture";

// The fixture's rows as the paper's datasets ship theirs: no header, `text@label`, 1-based labels
// (2 = spam, 1 = ham), Latin-1 bytes.
const dir = writeFixture();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lines = Array.from({ length: ROWS }, (_, i) => `${textOf(i).replace("win", "wïn").replace(/"/g, "")}@${goldOf(i) + 1}`);
writeFileSync(join(dir, "legacy.txt"), Buffer.from(lines.join("\n") + "\n", "latin1"));
const taskYaml = readFileSync(join(dir, "task.yaml"), "utf8");
writeFileSync(
  join(dir, "legacy-task.yaml"),
  `${taskYaml}labels: {"1": ham, "2": spam}\ndata:\n  header: false\n  columns: [text, label]\n  delimiter: "@"\n  encoding: latin-1\n  label_field: label\n`,
);
const common = ["--data", join(dir, "legacy.txt"), "--programs", join(dir, "programs")];
// the legacy file read through the plain task: two columns split at "@"
const reading = [...common, "--task", join(dir, "task.yaml"), "--columns", "text,label", "--delimiter", "@"];

describe("reading options on the command line and in the task file", () => {
  it("fails on Latin-1 bytes naming the encoding to choose", () => {
    const result = alchemist(["apply", ...reading, "--no-header", "--out", join(dir, "L.json")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /legacy\.txt line 1: byte offset \d+ \(0xef\) is not valid UTF-8; as Latin-1 it reads ".*wïn.*": choose the latin-1 encoding \(--encoding latin-1\)/,
    );
  });

  it("apply reads it with --no-header --columns --delimiter --encoding", () => {
    const out = join(dir, "L.json");
    const result = alchemist(["apply", ...reading, "--no-header", "--encoding", "latin-1", "--out", out]);
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).L).toEqual(Array.from({ length: ROWS }, (_, i) => expectedVotes(i)));
  });

  it("run fails on 1-based labels without a map, suggesting one", () => {
    const result = alchemist(["run", ...reading, "--encoding", "latin-1", "--label-field", "label", "--out", join(dir, "out")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /label "2" is not one of the classes ham, spam or an index 0\.\.1; the labels look 1-based: map them with a label map \(--label-map 1=ham,2=spam/,
    );
  });

  it("run with --label-map scores gold read through the map", () => {
    const out = join(dir, "out-flags");
    const result = alchemist(["run", ...reading, "--encoding", "latin-1", "--label-field", "label", "--label-map", "1=ham,2=spam", "--out", out]);
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.labelModel.test.accuracy).toBeGreaterThan(0.5);
  });

  it("a task file carrying the reading options needs no other flag", () => {
    const out = join(dir, "out-task");
    const result = alchemist(["run", ...common, "--task", join(dir, "legacy-task.yaml"), "--out", out]);
    expect(result.status).toBe(0);
    const flags = JSON.parse(readFileSync(join(dir, "out-flags", "report.json"), "utf8"));
    const task = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(task.labelModel.test).toEqual(flags.labelModel.test);
    expect(task.dataset).toEqual(flags.dataset);
  });

  it("a file with a header row and no data rows is an error naming it", () => {
    writeFileSync(join(dir, "header-only.csv"), "text,label\n");
    const result = alchemist([
      "apply",
      "--data",
      join(dir, "header-only.csv"),
      "--task",
      join(dir, "task.yaml"),
      "--programs",
      join(dir, "programs"),
      "--out",
      join(dir, "L2.json"),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/header-only\.csv has no data rows \(only a header, or nothing\)/);
  });
});
