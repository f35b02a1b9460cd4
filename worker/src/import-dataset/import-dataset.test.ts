import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalRunner } from "@alchemist/engine/node";
import type { ProgramRunner } from "@alchemist/engine";
import { createProgram, createProject, createTask, readRows, setProgramEnabled } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { parseImportDatasetPayload, parseTryProgramPayload } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tryProgramService } from "../try-program/try-program-service";
import { importDatasetService } from "./import-dataset-service";
import { previewUploadService } from "../preview-upload/preview-upload-service";
import { createMember } from "../testing/create-member";
import { textTask } from "../testing/text-task";

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

const csv = ["id,text,label,split", "a,free prize now,spam,train", "b,hi mom,ham,dev", 'c,"win, free",spam,dev', "d,lunch?,ham,test"].join("\n");

async function upload(text: string) {
  const uploadId = randomUUID();
  await writeFile(join(dir, `${uploadId}.csv`), text);
  return uploadId;
}

async function payload(projectId: string, uploadId: string) {
  return parseImportDatasetPayload({
    projectId,
    actorId: await createMember(db.prisma, projectId),
    uploadId,
    format: "csv",
    fileName: "sms.csv",
    name: "sms",
    mapping: { input: ["text"], label: "label", split: "split", id: "id" },
    classNames: ["ham", "spam"],
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
    expect(rows.map((r) => [r.externalId, r.split, r.gold])).toEqual([
      ["a", "TRAIN", 1],
      ["b", "DEV", 0],
      ["c", "DEV", 1],
      ["d", "TEST", 0],
    ]);
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
    const missing = importDatasetService(
      db.prisma,
      { ...(await payload(project.id, uploadId)), mapping: { input: ["body"] } },
      { uploadDir: dir, report: async () => {} },
    );
    await expect(missing).rejects.toThrow(/input field "body" not found; available columns: id, text, label, split/);
  });
});

describe("try-program", () => {
  it("returns per-row votes, faults and errors on sample rows, dev gold first", { timeout: 30_000 }, async () => {
    const project = await createProject(db.prisma, { name: "try" });
    await createTask(db.prisma, project.id, textTask("spam", "javascript", ["ham", "spam"]));
    await importDatasetService(db.prisma, await payload(project.id, await upload(csv)), { uploadDir: dir, report: async () => {} });
    const actorId = await createMember(db.prisma, project.id);
    const source = 'function label_function(t) { if (t === "lunch?") throw new Error("boom"); return t.includes("free") ? "spam" : -1; }';
    const result = await tryProgramService(
      { db: db.prisma, runner },
      parseTryProgramPayload({ projectId: project.id, actorId, language: "javascript", functionName: "label_function", source }),
    );
    expect(result.checkErrors).toEqual([]);
    // gold is shown for DEV rows only (a is train, d is test)
    expect(result.rows.map((r) => [r.id, r.split, r.gold, r.vote, r.fault])).toEqual([
      ["a", "TRAIN", null, 1, null],
      ["b", "DEV", 0, -1, null],
      ["c", "DEV", 1, 1, null],
      ["d", "TEST", null, -1, "exception"],
    ]);
    expect([result.filter, result.scanned, result.matched]).toEqual(["all", 4, 4]);
    expect(result.rows[3]!.error).toMatch(/boom/);
    expect(result.rows.map((r) => r.output)).toEqual(["spam", -1, "spam", null]);
    const broken = await tryProgramService(
      { db: db.prisma, runner },
      parseTryProgramPayload({
        projectId: project.id,
        actorId,
        language: "javascript",
        functionName: "label_function",
        source: "function label_function(t) {",
      }),
    );
    expect(broken.rows).toEqual([]);
    expect(broken.checkErrors.length).toBeGreaterThan(0);
    expect(broken.checkErrors[0]).toMatchObject({ line: 1 });
    // the editor places its marker from line and column
    const brokenPython = await tryProgramService(
      { db: db.prisma, runner },
      parseTryProgramPayload({
        projectId: project.id,
        actorId,
        language: "python",
        functionName: "label_function",
        source: "def label_function(t):\n    return 1 if t else\n",
      }),
    );
    expect(brokenPython.checkErrors).toEqual([{ message: expect.stringMatching(/SyntaxError/), line: 2, column: 23 }]);
  });

  it(
    "filters the sample: rows it fires on, wrong on DEV gold, faults, and conflicts with other enabled programs (not itself, not disabled ones)",
    { timeout: 30_000 },
    async () => {
      const project = await createProject(db.prisma, { name: "try-filters" });
      await createTask(db.prisma, project.id, textTask("spam", "javascript", ["ham", "spam"]));
      await importDatasetService(db.prisma, await payload(project.id, await upload(csv)), { uploadDir: dir, report: async () => {} });
      const actorId = await createMember(db.prisma, project.id);
      const js = (body: string) => `function label_function(t) { ${body} }`;
      const make = (name: string, body: string) => createProgram(db.prisma, { projectId: project.id, name, language: "JAVASCRIPT", source: js(body) });
      await make("hams", 'return t.includes("free prize") ? "ham" : -1;');
      const self = await make("self", 'return t.includes("win") ? "ham" : -1;');
      const off = await make("off", 'return t.includes("win") ? "ham" : -1;');
      await setProgramEnabled(db.prisma, off.program.id, false);
      const draft = js('if (t === "lunch?") throw new Error("boom"); return t.includes("free") ? "spam" : -1;');
      const tryIt = (filter: string, rows = 20) =>
        tryProgramService(
          { db: db.prisma, runner },
          parseTryProgramPayload({
            projectId: project.id,
            actorId,
            language: "javascript",
            functionName: "label_function",
            source: draft,
            filter,
            rows,
            programId: self.program.id,
          }),
        );
      const fires = await tryIt("fires");
      expect([fires.rows.map((r) => r.id), fires.scanned, fires.matched]).toEqual([["a", "c"], 4, 2]);
      const firstOnly = await tryIt("fires", 1);
      expect([firstOnly.rows.map((r) => r.id), firstOnly.matched]).toEqual([["a"], 2]);
      expect((await tryIt("faults")).rows.map((r) => [r.id, r.fault])).toEqual([["d", "exception"]]);
      // DEV rows with gold are b (ham) and c (spam): the draft abstains on b and is right on c
      expect(await tryIt("wrong")).toMatchObject({ rows: [], scanned: 2, matched: 0 });
      const alwaysSpam = await tryProgramService(
        { db: db.prisma, runner },
        parseTryProgramPayload({
          projectId: project.id,
          actorId,
          language: "javascript",
          functionName: "label_function",
          source: js('return "spam";'),
          filter: "wrong",
        }),
      );
      expect(alwaysSpam.rows.map((r) => [r.id, r.gold, r.vote])).toEqual([["b", 0, 1]]);
      const conflicts = await tryIt("conflicts");
      expect(conflicts.rows.map((r) => [r.id, r.conflictsWith])).toEqual([["a", ["hams"]]]);
    },
  );

  it("checkOnly (what a save runs) reports compile errors and a missing function without a dataset, and runs no rows", async () => {
    const project = await createProject(db.prisma, { name: "check-only" });
    await createTask(db.prisma, project.id, textTask("spam", "python", ["ham", "spam"]));
    const actorId = await createMember(db.prisma, project.id);
    const check = (source: string) =>
      tryProgramService(
        { db: db.prisma, runner },
        parseTryProgramPayload({ projectId: project.id, actorId, language: "python", functionName: "label_function", source, checkOnly: true }),
      );
    expect(await check("def label_function(t):\n    return -1\n")).toMatchObject({ checkErrors: [], rows: [] });
    expect((await check("def label_function(t):\n    return 1 if t else\n")).checkErrors).toEqual([
      { message: expect.stringMatching(/SyntaxError/), line: 2, column: 23 },
    ]);
    expect((await check("def other(t):\n    return -1\n")).checkErrors).toEqual([{ message: "no top-level def label_function(...) found" }]);
  });
});

describe("preview-upload", () => {
  it("returns columns, first rows and distinct values; a malformed file fails naming the file and line", async () => {
    const uploadId = await upload(csv);
    const preview = await previewUploadService({ uploadId, format: "csv", encoding: "auto", fileName: "sms.csv", actorId: "uploader" }, dir);
    expect(preview.columns).toEqual(["id", "text", "label", "split"]);
    expect(preview.rows[2]).toEqual({ id: "c", text: "win, free", label: "spam", split: "dev" });
    expect(preview.distinct.label).toEqual(["ham", "spam"]);
    expect(preview).toMatchObject({ scanned: 4, more: false, total: 4 });
    // Past the 2,000 previewed records the rows are still counted, so the import button says exactly how many.
    const long = await upload(["id,text", ...Array.from({ length: 5574 }, (_, i) => `r${i},message ${i}`)].join("\n"));
    expect(await previewUploadService({ uploadId: long, format: "csv", encoding: "auto", fileName: "long.csv", actorId: "uploader" }, dir)).toMatchObject({
      scanned: 2000,
      more: true,
      total: 5574,
    });
    const bad = await upload(`${csv}\ne,too,many,fields,here`);
    await expect(previewUploadService({ uploadId: bad, format: "csv", encoding: "auto", fileName: "bad.csv", actorId: "uploader" }, dir)).rejects.toThrow(
      /^bad\.csv.*line 6/,
    );
  });
});
