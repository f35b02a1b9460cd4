import { randomUUID } from "node:crypto";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createDatasetWithRows,
  createProgram,
  createProject,
  createRun,
  createTask,
  readRows,
  readVotesForRows,
  saveChunkVotes,
  savePseudolabels,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { parseExportPayload, parseImportDatasetPayload, uploadFileName, type ExportFormat } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDatasetService } from "../import-dataset/import-dataset-service";
import { previewUploadService } from "../preview-upload/preview-upload-service";
import { createMember } from "../testing/create-member";
import { exportService } from "./export-service";

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "alchemist-ls-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

const N = 11;
const CHUNK = 4;
const classes = [
  { name: "ham", description: "" },
  { name: "spam", description: "" },
];
// Rows a..k: every third row has no gold; splits cycle train/dev/test.
const rows = Array.from({ length: N }, (_, i) => ({
  id: `row-${i}`,
  fields: { text: i % 2 === 0 ? `free prize ${i}` : `hi mom ${i}` },
  split: (["train", "dev", "test"] as const)[i % 3]!,
  ...(i % 3 === 2 ? {} : { gold: i % 2 === 0 ? 1 : 0 }),
}));
// Program votes: free_words votes spam on even rows, greeting ham on rows divisible by 3 (else abstain).
const votesOf = (j: number, i: number) => (j === 0 ? (i % 2 === 0 ? 1 : -1) : i % 3 === 0 ? 0 : -1);

async function seedRun() {
  const project = await createProject(db.prisma, { name: `ls-${randomUUID().slice(0, 8)}` });
  await createTask(db.prisma, project.id, { name: "sms spam", description: "", input: "text", language: "python", functionName: "label_function", classes });
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "sms", rows, chunkSize: CHUNK, classNames: ["ham", "spam"] });
  const programs = [
    await createProgram(db.prisma, {
      projectId: project.id,
      name: "free_words",
      language: "PYTHON",
      source: "def label_function(text):\n    return 1 if 'free' in text else -1\n",
    }),
    await createProgram(db.prisma, {
      projectId: project.id,
      name: "greeting",
      language: "PYTHON",
      source: "def label_function(text):\n    return 0 if 'hi' in text else -1\n",
    }),
  ];
  for (const [j, program] of programs.entries()) {
    for (let chunk = 0; chunk * CHUNK < N; chunk++) {
      const size = Math.min(CHUNK, N - chunk * CHUNK);
      await saveChunkVotes(db.prisma, {
        datasetId: dataset.id,
        codeHash: program.version.codeHash,
        chunkIndex: chunk,
        votes: Int8Array.from({ length: size }, (_, r) => votesOf(j, chunk * CHUNK + r)),
      });
    }
  }
  const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
  await savePseudolabels(db.prisma, {
    runId: run.id,
    chunkSize: CHUNK,
    probs: { n: N, k: 2, values: Array.from({ length: N }, (_, i) => (i % 2 === 0 ? [0.2, 0.8] : [0.9, 0.1])).flat() },
  });
  return { projectId: project.id, runId: run.id, actorId: await createMember(db.prisma, project.id, "VIEWER") };
}

async function exportAs(ids: { projectId: string; runId: string; actorId: string }, format: ExportFormat) {
  const result = await exportService(db.prisma, parseExportPayload({ ...ids, exportId: randomUUID(), format }), {
    exportDir: dir,
    report: async () => undefined,
  });
  return join(dir, result.file);
}

describe("Label Studio round trip through the studio", () => {
  it("exports a run as tasks + config, imports them into a new project: same rows, gold and votes", async () => {
    const ids = await seedRun();
    const tasksPath = await exportAs(ids, "label-studio");
    const tasks = JSON.parse(await readFile(tasksPath, "utf8")) as {
      predictions: { model_version: string; result: { from_name: string; to_name: string }[] }[];
    }[];
    expect(tasks).toHaveLength(N);
    expect(tasks[0]!.predictions.map((p) => p.model_version)).toEqual(["free_words", "greeting", "alchemist-label-model"]);
    expect(tasks[0]!.predictions[0]!.result[0]).toMatchObject({ from_name: "sms_spam", to_name: "text" });
    // Row 1: no program votes, so the label model's prediction is empty too.
    expect(tasks[1]!.predictions.map((p) => p.result.length)).toEqual([0, 0, 0]);
    const config = await readFile(await exportAs(ids, "label-studio-config"), "utf8");
    expect(config).toContain('<Choices name="sms_spam" toName="text" choice="single"');
    expect(config).toContain('<Text name="text" value="$text"/>');

    // A new project, as a user would: upload the export, preview it, import it with the task's classes.
    const target = await createProject(db.prisma, { name: `ls-import-${randomUUID().slice(0, 8)}` });
    await createTask(db.prisma, target.id, { name: "sms spam", description: "", input: "text", language: "python", functionName: "label_function", classes });
    const actorId = await createMember(db.prisma, target.id, "EDITOR");
    const uploadId = randomUUID();
    await copyFile(tasksPath, join(dir, uploadFileName(uploadId, "label-studio")));
    const preview = await previewUploadService({ uploadId, format: "label-studio", encoding: "auto", fileName: "export.json", actorId }, dir);
    expect(preview.columns).toEqual(["text", "(annotation)"]);
    expect(preview.predictions).toEqual(["free_words", "greeting"]);
    expect(preview.counts["(annotation)"]).toEqual({ spam: 4, ham: 4, "": 3 });
    const payload = parseImportDatasetPayload({
      projectId: target.id,
      actorId,
      uploadId,
      format: "label-studio",
      fileName: "export.json",
      name: "from-ls",
      mapping: { input: ["text"], label: "(annotation)" },
      classNames: ["ham", "spam"],
    });
    const result = await importDatasetService(db.prisma, payload, { uploadDir: dir, report: async () => undefined });
    expect(result).toMatchObject({ rows: N, importedPrograms: 2 });
    const imported = await readRows(db.prisma, result.datasetId, 0, N);
    expect(imported.map((r) => ({ id: r.externalId, fields: r.fields, split: r.split.toLowerCase(), gold: r.gold ?? undefined }))).toEqual(
      rows.map((r) => ({ id: r.id, fields: r.fields, split: r.split, gold: "gold" in r ? r.gold : undefined })),
    );
    const programs = await db.prisma.program.findMany({ where: { projectId: target.id }, include: { versions: true }, orderBy: { name: "asc" } });
    expect(programs.map((p) => p.name)).toEqual(["ls_free_words", "ls_greeting"]);
    const dataset = {
      id: result.datasetId,
      chunkSize: (await db.prisma.dataset.findUniqueOrThrow({ where: { id: result.datasetId } })).chunkSize,
      rowCount: N,
    };
    const votes = await readVotesForRows(
      db.prisma,
      dataset,
      programs.map((p) => p.versions[0]!.codeHash),
      Array.from({ length: N }, (_, i) => i),
    );
    expect(Array.from(votes)).toEqual(Array.from({ length: N }, (_, i) => [votesOf(0, i), votesOf(1, i)]).flat());
  });

  it("an import naming a choice that is no class fails with the task number and writes nothing", async () => {
    const target = await createProject(db.prisma, { name: `ls-bad-${randomUUID().slice(0, 8)}` });
    const actorId = await createMember(db.prisma, target.id, "EDITOR");
    const uploadId = randomUUID();
    await writeFile(
      join(dir, uploadFileName(uploadId, "label-studio")),
      JSON.stringify([
        { data: { text: "x" }, annotations: [{ result: [{ from_name: "c", to_name: "text", type: "choices", value: { choices: ["eggs"] } }] }] },
      ]),
    );
    const payload = parseImportDatasetPayload({
      projectId: target.id,
      actorId,
      uploadId,
      format: "label-studio",
      fileName: "export.json",
      name: "bad",
      mapping: { input: ["text"], label: "(annotation)" },
      classNames: ["ham", "spam"],
    });
    await expect(importDatasetService(db.prisma, payload, { uploadDir: dir, report: async () => undefined })).rejects.toThrow(
      'export.json task 1 annotation: choice "eggs" is not one of the classes ham, spam',
    );
    expect(await db.prisma.dataset.count({ where: { projectId: target.id } })).toBe(0);
    // Two <Choices> in one export: the studio cannot ask which, so it says how to export one.
    const twoUpload = randomUUID();
    const two = (from: string) => ({
      data: { text: "x" },
      annotations: [{ result: [{ from_name: from, to_name: "text", type: "choices", value: { choices: ["ham"] } }] }],
    });
    await writeFile(join(dir, uploadFileName(twoUpload, "label-studio")), JSON.stringify([two("sentiment"), two("topic")]));
    await expect(previewUploadService({ uploadId: twoUpload, format: "label-studio", encoding: "auto", fileName: "two.json", actorId }, dir)).rejects.toThrow(
      "two.json: the tasks' results use several <Choices> (sentiment, topic); name the one to read (the studio reads one: keep a single <Choices> in the Label Studio project's labeling config and export again)",
    );
  });
});
