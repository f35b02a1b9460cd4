import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalRunner } from "@alchemist/engine/node";
import type { ProgramRunner } from "@alchemist/engine";
import { createProject, createTask, readRows } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { parseImportDatasetPayload, parseTryProgramPayload } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tryProgramService } from "../try-program/try-program-service";
import { importDatasetService } from "./import-dataset-service";
import { previewUploadService } from "../preview-upload/preview-upload-service";
import { createMember } from "../testing/create-member";

let db: TestDatabase;
let dir: string;
let runner: ProgramRunner;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "alchemist-import-"));
  runner = createLocalRunner({ poolSize: 1 });
});
afterAll(async () => {
  await runner?.close();
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

const csv = ["id,text,label,split", "a,free prize now,spam,train", "b,hi mom,ham,dev", "c,\"win, free\",spam,dev", "d,lunch?,ham,test"].join("\n");

async function upload(text: string) {
  const uploadId = randomUUID();
  await writeFile(join(dir, `${uploadId}.csv`), text);
  return uploadId;
}

async function payload(projectId: string, uploadId: string) {
  return parseImportDatasetPayload({
    projectId, actorId: await createMember(db.prisma, projectId), uploadId, format: "csv", fileName: "sms.csv", name: "sms",
    mapping: { input: ["text"], label: "label", split: "split", id: "id" }, classNames: ["ham", "spam"],
  });
}

describe("import-dataset", () => {
  it("imports every row with gold, split and id, reports progress and deletes the upload", async () => {
    const project = await createProject(db.prisma, { name: "imp" });
    const uploadId = await upload(csv);
    const stages: number[] = [];
    const result = await importDatasetService(db.prisma, await payload(project.id, uploadId), { uploadDir: dir, report: async (p) => void stages.push(p) });
    expect(result.rows).toBe(4);
    const rows = await readRows(db.prisma, result.datasetId, 0, 10);
    expect(rows.map((r) => [r.externalId, r.split, r.gold])).toEqual([["a", "TRAIN", 1], ["b", "DEV", 0], ["c", "DEV", 1], ["d", "TEST", 0]]);
    expect(rows[2]!.fields).toMatchObject({ text: "win, free" });
    expect(stages[0]).toBe(5);
    expect(stages.at(-1)).toBe(95);
    await expect(access(join(dir, `${uploadId}.csv`))).rejects.toThrow();
    expect((await db.prisma.dataset.findUnique({ where: { id: result.datasetId } }))?.classNames).toEqual(["ham", "spam"]);
  });

  it("fails on a bad label naming the file and line, without the temp path, and writes nothing", async () => {
    const project = await createProject(db.prisma, { name: "bad" });
    const uploadId = await upload(`${csv}\ne,maybe,eggs,train`);
    const run = importDatasetService(db.prisma, await payload(project.id, uploadId), { uploadDir: dir, report: async () => {} });
    await expect(run).rejects.toThrow(/^sms\.csv line 6: label "eggs" is not one of the classes ham, spam/);
    expect(await db.prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);
    const missing = importDatasetService(db.prisma, { ...(await payload(project.id, uploadId)), mapping: { input: ["body"] } }, { uploadDir: dir, report: async () => {} });
    await expect(missing).rejects.toThrow(/input field "body" not found; available columns: id, text, label, split/);
  });
});

describe("try-program", () => {
  it("returns per-row votes, faults and errors on sample rows, dev gold first", async () => {
    const project = await createProject(db.prisma, { name: "try" });
    await createTask(db.prisma, project.id, {
      name: "spam", description: "", input: "text", language: "javascript", functionName: "label_function",
      classes: [{ name: "ham", description: "" }, { name: "spam", description: "" }],
    });
    await importDatasetService(db.prisma, await payload(project.id, await upload(csv)), { uploadDir: dir, report: async () => {} });
    const actorId = await createMember(db.prisma, project.id);
    const source = 'function label_function(t) { if (t === "lunch?") throw new Error("boom"); return t.includes("free") ? "spam" : -1; }';
    const result = await tryProgramService({ db: db.prisma, runner }, parseTryProgramPayload({ projectId: project.id, actorId, language: "javascript", functionName: "label_function", source }));
    expect(result.checkErrors).toEqual([]);
    expect(result.rows.map((r) => [r.id, r.gold, r.vote, r.fault])).toEqual([["a", 1, 1, null], ["b", 0, -1, null], ["c", 1, 1, null], ["d", 0, -1, "exception"]]);
    expect(result.rows[3]!.error).toMatch(/boom/);
    expect(result.rows.map((r) => r.output)).toEqual(["spam", -1, "spam", null]);
    const broken = await tryProgramService({ db: db.prisma, runner }, parseTryProgramPayload({ projectId: project.id, actorId, language: "javascript", functionName: "label_function", source: "function label_function(t) {" }));
    expect(broken.rows).toEqual([]);
    expect(broken.checkErrors.length).toBeGreaterThan(0);
    expect(broken.checkErrors[0]).toMatchObject({ line: 1 });
    // the editor places its marker from line and column
    const brokenPython = await tryProgramService({ db: db.prisma, runner }, parseTryProgramPayload({ projectId: project.id, actorId, language: "python", functionName: "label_function", source: "def label_function(t):\n    return 1 if t else\n" }));
    expect(brokenPython.checkErrors).toEqual([{ message: expect.stringMatching(/SyntaxError/), line: 2, column: 23 }]);
  });
});

describe("preview-upload", () => {
  it("returns columns, first rows and distinct values; a malformed file fails naming the file and line", async () => {
    const uploadId = await upload(csv);
    const preview = await previewUploadService({ uploadId, format: "csv", encoding: "auto", fileName: "sms.csv", actorId: "uploader" }, dir);
    expect(preview.columns).toEqual(["id", "text", "label", "split"]);
    expect(preview.rows[2]).toEqual({ id: "c", text: "win, free", label: "spam", split: "dev" });
    expect(preview.distinct.label).toEqual(["ham", "spam"]);
    expect(preview).toMatchObject({ scanned: 4, more: false });
    const bad = await upload(`${csv}\ne,too,many,fields,here`);
    await expect(previewUploadService({ uploadId: bad, format: "csv", encoding: "auto", fileName: "bad.csv", actorId: "uploader" }, dir)).rejects.toThrow(/^bad\.csv.*line 6/);
  });
});
