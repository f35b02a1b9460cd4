import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import yauzl from "yauzl";
import {
  createDatasetWithRows,
  createProgram,
  createProject,
  createRun,
  createTask,
  createTrainedModel,
  finishTrainedModel,
  savePseudolabels,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { parseExportPayload, type ExportFormat } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvCell } from "./csv-cell";
import { exportService } from "./export-service";
import { createMember } from "../testing/create-member";
import { textTask } from "../testing/text-task";

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "alchemist-export-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

const hostile = ['=HYPERLINK("http://evil","x")', "+1+2", "-cmd|' /C calc'!A0", "@SUM(A1)", "\tTAB", "\rCR", "plain, with comma", 'say "hi"'];

async function seed(n: number, chunkSize = 4, withLabels = true) {
  const project = await createProject(db.prisma, { name: `exp-${randomUUID().slice(0, 8)}` });
  await createTask(db.prisma, project.id, textTask("spam", "python", ["ham", "spam"]));
  const rows = Array.from({ length: n }, (_, i) => ({
    id: i < hostile.length ? `=id${i}` : `r${i}`,
    fields: { text: hostile[i] ?? `message ${i}`, n: i },
    split: (i % 3 === 0 ? "dev" : "train") as "dev" | "train",
    ...(i % 3 === 0 ? { gold: i % 2 } : {}),
  }));
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows, chunkSize });
  await createProgram(db.prisma, {
    projectId: project.id,
    name: "free_words",
    language: "PYTHON",
    source: "def label_function(text):\n    return 1 if 'free' in text else -1\n",
  });
  await createProgram(db.prisma, {
    projectId: project.id,
    name: "greeting",
    language: "JAVASCRIPT",
    functionName: "label_function",
    source: "function label_function(t) { return /hi/.test(t) ? 0 : -1; }",
  });
  const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
  if (withLabels)
    await savePseudolabels(db.prisma, {
      runId: run.id,
      chunkSize,
      probs: { n, k: 2, values: Array.from({ length: n }, (_, i) => [0.25 + (i % 2) * 0.5, 0.75 - (i % 2) * 0.5]).flat() },
    });
  // Every job names a member it acts for; exporting needs "read".
  return { projectId: project.id, runId: run.id, actorId: await createMember(db.prisma, project.id, "VIEWER") };
}

async function exportAs(ids: { projectId: string; runId: string; actorId: string }, format: ExportFormat) {
  const payload = parseExportPayload({ ...ids, exportId: randomUUID(), format });
  const stages: number[] = [];
  const result = await exportService(db.prisma, payload, { exportDir: dir, report: async (p) => void stages.push(p) });
  return { result, stages, path: join(dir, result.file) };
}

describe("csvCell", () => {
  it("neutralises formula starts and quotes what needs quoting", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
    expect(csvCell('=HYPERLINK("a")')).toBe('"\'=HYPERLINK(""a"")"');
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell(0.25)).toBe("0.25");
    expect(csvCell(null)).toBe("");
    expect(csvCell("safe = text")).toBe("safe = text");
  });
});

describe("export", () => {
  it("writes labels with probabilities as CSV, every hostile cell neutralised, streamed chunk by chunk", async () => {
    const ids = await seed(10);
    const { result, stages, path } = await exportAs(ids, "csv");
    expect(result).toMatchObject({ format: "csv", items: 10, downloadName: expect.stringMatching(/^labels-run-.*\.csv$/) });
    expect(stages.length).toBe(3);
    const records = parse(await readFile(path, "utf8"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(["id", "split", "gold", "label", "confidence", "p_ham", "p_spam", "field_n", "field_text"]);
    expect(records[0]).toMatchObject({
      id: "'=id0",
      split: "dev",
      gold: "ham",
      label: "spam",
      confidence: "0.75",
      p_ham: "0.25",
      p_spam: "0.75",
      field_text: '\'=HYPERLINK("http://evil","x")',
    });
    expect(records[1]).toMatchObject({ label: "ham", p_ham: "0.75", gold: "" });
    for (const record of records) for (const value of Object.values(record)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    expect(records.map((r) => r.field_text).slice(0, hostile.length)).toEqual(hostile.map((h) => (/^[=+\-@\t\r]/.test(h) ? `'${h}` : h)));
    expect(await readdir(dir)).not.toContain(`${result.file}.part`);
  });

  it("writes JSON Lines and Label Studio tasks with gold annotations and one prediction per program", async () => {
    const ids = await seed(6, 4);
    const jsonl = (await readFile((await exportAs(ids, "jsonl")).path, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(jsonl).toHaveLength(6);
    expect(jsonl[0]).toEqual({
      id: "=id0",
      split: "dev",
      gold: "ham",
      label: "spam",
      confidence: 0.75,
      probabilities: { ham: 0.25, spam: 0.75 },
      fields: { text: hostile[0], n: 0 },
    });
    const tasks = JSON.parse(await readFile((await exportAs(ids, "label-studio")).path, "utf8"));
    expect(tasks).toHaveLength(6);
    // No program has stored votes here: every prediction is empty, the label model's too (it abstains where nothing voted).
    expect(tasks[1]).toEqual({
      data: { text: hostile[1], n: 1, alchemist_id: "=id1", alchemist_split: "train" },
      predictions: [
        { model_version: "free_words", result: [] },
        { model_version: "greeting", result: [] },
        { model_version: "alchemist-label-model", score: 0, result: [] },
      ],
    });
    expect(tasks[0].annotations).toEqual([
      { result: [{ from_name: "spam", to_name: "text", type: "choices", value: { choices: ["ham"] } }], ground_truth: true },
    ]);
  });

  it("zips the run's programs with a manifest", async () => {
    const ids = await seed(3);
    const { result, path } = await exportAs(ids, "programs-zip");
    expect(result.items).toBe(2);
    const entries = await new Promise<Map<string, string>>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true }, (error, zip) => {
        if (error) return reject(error);
        const out = new Map<string, string>();
        zip.on("entry", (entry: yauzl.Entry) =>
          zip.openReadStream(entry, (e, stream) => {
            if (e) return reject(e);
            const parts: Buffer[] = [];
            stream.on("data", (c: Buffer) => parts.push(c)).on("end", () => (out.set(entry.fileName, Buffer.concat(parts).toString()), zip.readEntry()));
          }),
        );
        zip.on("end", () => resolve(out));
        zip.readEntry();
      }),
    );
    expect([...entries.keys()].sort()).toEqual(["manifest.json", "programs/free_words.py", "programs/greeting.js"]);
    expect(entries.get("programs/free_words.py")).toContain("'free' in text");
    const manifest = JSON.parse(entries.get("manifest.json")!);
    expect(manifest.programs.map((p: { name: string; language: string }) => [p.name, p.language])).toEqual([
      ["free_words", "python"],
      ["greeting", "javascript"],
    ]);
  });

  it("exports the run's trained model as its ONNX bytes", async () => {
    const ids = await seed(3);
    const model = await createTrainedModel(db.prisma, ids);
    const onnx = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
    await finishTrainedModel(db.prisma, model.id, { onnx, metrics: {}, config: {}, classNames: ["ham", "spam"], lossCurve: [] });
    const { result, path } = await exportAs(ids, "onnx");
    expect(result).toMatchObject({ format: "onnx", items: 1, bytes: 300, downloadName: `model-run-${ids.runId}.onnx` });
    expect(new Uint8Array(await readFile(path))).toEqual(onnx);
  });

  it("fails clearly without pseudolabels or a trained model, leaving no file", async () => {
    const ids = await seed(3, 4, false);
    const before = await readdir(dir);
    await expect(exportAs(ids, "csv")).rejects.toThrow(/has no pseudolabels yet: fit its label model first/);
    await expect(exportAs(ids, "onnx")).rejects.toThrow(/has no trained model yet: train one on the Train page/);
    await expect(exportAs({ ...ids, runId: "nope" }, "csv")).rejects.toThrow(/run nope is not in this project/);
    expect(await readdir(dir)).toEqual(before);
  });

  it("exports 20,000 rows in chunks without loading them all", async () => {
    const ids = await seed(20_000, 1000);
    const { result, stages, path } = await exportAs(ids, "csv");
    expect(result.items).toBe(20_000);
    expect(stages).toHaveLength(20);
    const text = await readFile(path, "utf8");
    expect(text.trim().split("\n")).toHaveLength(20_001);
  });
});
