import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { alchemist, goldOf, ROWS, textOf, writeFixture, fixtureDataFlags } from "./cli-fixture";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

const dir = writeFixture();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataFlags = fixtureDataFlags(dir);

/** A WRENCH folder: 40 train, 8 valid, 12 test rows of the fixture texts, two weak-label columns. */
function writeWrench(): string {
  const wrench = join(dir, "wrench");
  mkdirSync(wrench);
  writeFileSync(join(wrench, "label.json"), JSON.stringify({ 0: "ham", 1: "spam" }));
  const split = (from: number, to: number): string =>
    JSON.stringify(
      Object.fromEntries(
        Array.from({ length: to - from }, (_, r) => {
          const i = from + r;
          const text = textOf(i);
          return [String(i), { label: goldOf(i), weak_labels: [text.includes("free") ? 1 : -1, text.includes("lunch") ? 0 : -1], data: { text } }];
        }),
      ),
    );
  writeFileSync(join(wrench, "train.json"), split(0, 40));
  writeFileSync(join(wrench, "valid.json"), split(40, 48));
  writeFileSync(join(wrench, "test.json"), split(48, 60));
  return wrench;
}

describe("alchemist run + predict", () => {
  it("run writes model.onnx; predict relabels the data identically as CSV and JSONL", () => {
    const out = join(dir, "out");
    const run = alchemist(["run", ...dataFlags, "--out", out, "--seed", "3", "--hidden", "16,8", "--features-dim", "4096"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/test metrics\s+n\s+accuracy\s+F1\s+macro F1\s+ECE\s+abstained/);
    expect(run.stderr).toMatch(/distill: epoch 1\/30\s+loss \d\.\d{4}\s+dev acc \d\.\d{3}/);
    expect(readdirSync(out).sort()).toEqual(["labels.csv", "model.onnx", "programs", "report.json"]);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.distilled.hidden).toEqual([16, 8]);
    expect(report.distilled.inputSize).toBe(4096);
    expect(report.distilled.test.confusion).toHaveLength(2);
    const labels = readFileSync(join(out, "labels.csv"), "utf8");

    const csv = join(dir, "pred.csv");
    const predict = alchemist(["predict", "--model", join(out, "model.onnx"), "--data", join(dir, "data.csv"), "--out", csv]);
    expect(predict.stderr).not.toMatch(/Error/);
    expect(predict.status).toBe(0);
    // ids are row numbers for both (no --id-field); same labels, probabilities within float32 rounding
    const parse = (text: string): string[][] =>
      text
        .trimEnd()
        .split("\r\n")
        .map((line) => line.split(","));
    const [ours, theirs] = [parse(readFileSync(csv, "utf8")), parse(labels)];
    expect(ours.map((r) => r.slice(0, 2))).toEqual(theirs.map((r) => r.slice(0, 2)));
    ours.slice(1).forEach((r, i) => expect(Math.abs(Number(r[2]) - Number(theirs[i + 1]![2]))).toBeLessThan(1e-5));
    const jsonl = join(dir, "pred.jsonl");
    expect(alchemist(["predict", "--model", join(out, "model.onnx"), "--data", join(dir, "data.csv"), "--out", jsonl]).status).toBe(0);
    const rows = readFileSync(jsonl, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(ROWS);
    expect(Object.keys(rows[0].probabilities)).toEqual(["ham", "spam"]);
    expect(rows.map((r) => r.label)).toEqual(
      labels
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[1]),
    );
  });

  it("predict fails with one line and exit 2 on a bad model or data, writing nothing", () => {
    const out = join(dir, "bad.csv");
    const notModel = alchemist(["predict", "--model", join(dir, "task.yaml"), "--data", join(dir, "data.csv"), "--out", out]);
    expect(notModel.status).toBe(2);
    expect(notModel.stderr.trim().split("\n")).toHaveLength(1);
    expect(notModel.stderr).toMatch(/task\.yaml: not an ONNX model|task\.yaml: not an Alchemist model/);
    const missing = alchemist(["predict", "--model", join(dir, "nope.onnx"), "--data", join(dir, "data.csv"), "--out", out]);
    expect(missing.stderr).toMatch(/nope\.onnx: cannot read the model: ENOENT/);
    expect(missing.status).toBe(2);
    writeFileSync(join(dir, "other.csv"), "body\nhello\n");
    const noField = alchemist(["predict", "--model", join(dir, "out", "model.onnx"), "--data", join(dir, "other.csv"), "--out", out]);
    expect(noField.status).toBe(2);
    expect(noField.stderr).toMatch(/text/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
  });
});

describe("alchemist run on a WRENCH folder", () => {
  it("uses the weak labels as program outputs and the classes of label.json when --task and --programs are omitted", () => {
    const wrench = writeWrench();
    const out = join(dir, "wrench-out");
    const result = alchemist(["run", "--data", wrench, "--out", out, "--keep-uncovered"]);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.task).toEqual({ name: "wrench", classes: ["ham", "spam"] });
    expect(report.programs.map((p: { name: string; language: string }) => `${p.name}:${p.language}`)).toEqual(["lf_0:imported", "lf_1:imported"]);
    expect(report.distilled.trainRows).toBe(40);
    expect(report.dataset).toMatchObject({ train: 40, dev: 8, test: 12 });
    expect(existsSync(join(out, "model.onnx"))).toBe(true);
    expect(result.stdout).toMatch(/distilled MLP\s+12\s+\d\.\d{3}/);
  });

  it("still requires --programs for apply and for a plain file", () => {
    const apply = alchemist(["apply", "--data", join(dir, "wrench"), "--out", join(dir, "L.json")]);
    expect(apply.status).toBe(2);
    expect(apply.stderr).toMatch(/--programs is required/);
    const plain = alchemist(["run", "--data", join(dir, "data.csv"), "--task", join(dir, "task.yaml"), "--out", join(dir, "x")]);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/--programs is required unless --data is a WRENCH folder/);
  });
});

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../shared/datasets");
const REAL = [
  ["youtube", join(SHARED, "youtube/wrench_1686_with_dev")],
  ["sms", join(SHARED, "sms/wrench")],
] as const;

describe.each(REAL)("WRENCH %s from ../shared/datasets", (name, folder) => {
  it(
    "trains, evaluates and exports a distilled model next to the label model",
    (ctx) => {
      if (!existsSync(folder)) {
        console.warn(`skipping: ${folder} is absent (the shared datasets sit beside the repository)`);
        ctx.skip();
        return;
      }
      const out = join(dir, `real-${name}`);
      const result = alchemist(["run", "--data", folder, "--out", out]);
      expect(result.status).toBe(0);
      const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
      expect(report.labelModel.test.n).toBeGreaterThan(0);
      expect(report.distilled.test.n).toBe(report.labelModel.test.n);
      // The distilled model is a real classifier on these tasks, not a constant.
      expect(report.distilled.test.macroF1).toBeGreaterThan(0.6);
      expect(readFileSync(join(out, "model.onnx")).length).toBeGreaterThan(1000);
    },
    testBudget(240_000),
  );
});
