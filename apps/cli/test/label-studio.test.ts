import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alchemist, expectedVotes, goldOf, ROWS, textOf, writeFixture, fixtureDataFlags } from "./cli-fixture";

const dir = writeFixture();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataFlags = fixtureDataFlags(dir);
const splitOf = (i: number) => (i < 40 ? "train" : i < 48 ? "dev" : "test");

describe("alchemist export / import --format label-studio", () => {
  it("round trip: the import gives back the same rows, splits, gold and program votes", () => {
    const tasks = join(dir, "ls", "tasks.json");
    const exported = alchemist(["export", "--format", "label-studio", ...dataFlags, "--out", tasks]);
    expect(exported.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain(`wrote ${tasks}: ${ROWS} tasks, ${ROWS} with gold, predictions of 3 programs + the label model`);
    const config = readFileSync(join(dir, "ls", "tasks.config.xml"), "utf8");
    expect(config).toContain('<Choices name="toy-spam" toName="text" choice="single"');
    const parsed = JSON.parse(readFileSync(tasks, "utf8")) as { predictions: { model_version: string; result: { from_name: string; to_name: string }[] }[] }[];
    expect(parsed[0]!.predictions.map((p) => p.model_version)).toEqual(["kw_free", "kw_lunch", "py_boom", "alchemist-label-model"]);
    const firstResult = parsed.flatMap((t) => t.predictions.flatMap((p) => p.result))[0]!;
    expect([firstResult.from_name, firstResult.to_name]).toEqual(["toy-spam", "text"]);

    const out = join(dir, "imported");
    const imported = alchemist(["import", "--format", "label-studio", "--data", tasks, "--task", join(dir, "task.yaml"), "--out", out]);
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    const rows = readFileSync(join(out, "data.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows).toEqual(
      Array.from({ length: ROWS }, (_, i) => ({
        alchemist_id: String(i + 1),
        alchemist_split: splitOf(i),
        alchemist_label: goldOf(i) === 1 ? "spam" : "ham",
        text: textOf(i),
        split: splitOf(i),
      })),
    );
    const votes = JSON.parse(readFileSync(join(out, "votes.json"), "utf8"));
    expect(votes.programs).toEqual(["kw_free", "kw_lunch", "py_boom"]);
    expect(votes.L).toEqual(Array.from({ length: ROWS }, (_, i) => expectedVotes(i)));
  });

  it("alchemist run reads a Label Studio export directly, its predictions standing in for programs", () => {
    const tasks = join(dir, "ls", "tasks.json");
    const out = join(dir, "run-ls");
    const result = alchemist(["run", "--data", tasks, "--task", join(dir, "task.yaml"), "--out", out, "--epochs", "2"]);
    expect(result.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.programs.map((p: { name: string }) => p.name)).toEqual(["kw_free", "kw_lunch", "py_boom"]);
    expect(report.dataset).toMatchObject({ rows: ROWS, train: 40, dev: 8, test: 12 });
  });

  it("a bad export fails naming the file and task, and writes nothing", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify([
        { data: { text: "x" }, annotations: [{ result: [{ from_name: "c", to_name: "text", type: "choices", value: { choices: ["eggs"] } }] }] },
      ]),
    );
    const out = join(dir, "bad-out");
    const result = alchemist(["import", "--format", "label-studio", "--data", bad, "--task", join(dir, "task.yaml"), "--out", out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${bad} task 1 annotation: choice "eggs" is not one of the classes ham, spam`);
    expect(existsSync(out)).toBe(false);
    const unknown = alchemist(["export", "--format", "csv", ...dataFlags, "--out", join(dir, "x.json")]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Allowed choices are label-studio/);
  });
});
