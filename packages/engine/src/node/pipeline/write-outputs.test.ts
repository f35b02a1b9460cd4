import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Program } from "../../core/program";
import { labelsCsv } from "./labels-csv";
import type { LabelRow, PipelineReport } from "./pipeline-types";
import { writeOutputs } from "./write-outputs";

const root = mkdtempSync(join(tmpdir(), "alchemist-outputs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const report = { task: { name: "t", classes: ["ham", "spam"] }, seed: 1 } as unknown as PipelineReport;
const labels: LabelRow[] = [
  { id: "plain", label: "ham", probabilities: [0.75, 0.25] },
  { id: 'with, comma and "quote"', label: "spam", probabilities: [0.1, 0.9] },
];
const programs: Program[] = [
  { name: "kw_a", language: "python", functionName: "label_function", source: "def label_function(t):\n    return -1\n" },
  { name: "kw_b", language: "javascript", functionName: "label_function", source: "function label_function() { return -1; }\n" },
];

describe("labelsCsv", () => {
  it("writes a header with one probability column per class and quotes fields per RFC 4180", () => {
    expect(labelsCsv(labels, ["ham", "spam"])).toBe('id,label,p_ham,p_spam\r\nplain,ham,0.75,0.25\r\n"with, comma and ""quote""",spam,0.1,0.9\r\n');
  });
});

describe("writeOutputs", () => {
  it("writes report.json, labels.csv and programs/ and replaces an existing folder whole", async () => {
    const out = join(root, "out");
    mkdirSync(out);
    writeFileSync(join(out, "stale.txt"), "from an earlier run");
    await writeOutputs(out, { report, labels, programs, model: Uint8Array.from([8, 7, 6]) });
    expect(readdirSync(out).sort()).toEqual(["labels.csv", "model.onnx", "programs", "report.json"]);
    expect(Array.from(readFileSync(join(out, "model.onnx")))).toEqual([8, 7, 6]);
    expect(JSON.parse(readFileSync(join(out, "report.json"), "utf8"))).toEqual(report);
    expect(readFileSync(join(out, "labels.csv"), "utf8")).toBe(labelsCsv(labels, ["ham", "spam"]));
    expect(readdirSync(join(out, "programs")).sort()).toEqual(["kw_a.py", "kw_b.js"]);
    expect(readFileSync(join(out, "programs", "kw_a.py"), "utf8")).toBe(programs[0]!.source);
    expect(readdirSync(root)).toEqual(["out"]);
  });

  it("leaves the previous output and no temporary folder behind when writing fails", async () => {
    const out = join(root, "out");
    const unwritable: Program = { ...programs[0]!, name: "no/such/dir" };
    await expect(writeOutputs(out, { report, labels, programs: [unwritable] })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(readdirSync(root)).toEqual(["out"]);
    expect(readdirSync(join(out, "programs")).sort()).toEqual(["kw_a.py", "kw_b.js"]);
  });

  it("refuses an output path that is a file", async () => {
    const file = join(root, "a-file");
    writeFileSync(file, "x");
    await expect(writeOutputs(file, { report, labels, programs })).rejects.toThrow(/a-file: exists and is not a directory/);
    expect(readFileSync(file, "utf8")).toBe("x");
    rmSync(file);
  });
});
