import { randomUUID } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import yazl from "yazl";
import { assembleLabelMatrix, createProject, listPrograms, readRows } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { parseImportDatasetPayload, parsePreviewUploadPayload } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDatasetService } from "../import-dataset-service";
import { previewUploadService } from "../../preview-upload/preview-upload-service";
import { readImportLimits } from "../import-limits";
import { createMember } from "../../testing/create-member";

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "alchemist-hostile-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

async function upload(content: string | Buffer, ext: "csv" | "jsonl" | "zip" = "csv"): Promise<string> {
  const uploadId = randomUUID();
  await writeFile(join(dir, `${uploadId}.${ext}`), content);
  return uploadId;
}

async function zipUpload(entries: Record<string, string | Buffer>): Promise<string> {
  const uploadId = randomUUID();
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  await new Promise<void>((done, fail) =>
    zip.outputStream
      .pipe(createWriteStream(join(dir, `${uploadId}.zip`)))
      .on("close", () => done())
      .on("error", fail),
  );
  return uploadId;
}

/** Every job names a member it acts for (importing needs "edit"): one editor per project. */
const actors = new Map<string, string>();
async function memberProject(input: { name: string }) {
  const project = await createProject(db.prisma, input);
  actors.set(project.id, await createMember(db.prisma, project.id));
  return project;
}

const payload = (projectId: string, uploadId: string, over: Record<string, unknown> = {}) =>
  parseImportDatasetPayload({
    projectId,
    actorId: actors.get(projectId),
    uploadId,
    format: "csv",
    fileName: "data.csv",
    name: "data",
    mapping: { input: ["text"], label: "label", id: "id" },
    classNames: ["ham", "spam"],
    ...over,
  });
const importIt = (p: ReturnType<typeof payload>, limits = readImportLimits({})) =>
  importDatasetService(db.prisma, p, { uploadDir: dir, report: async () => {}, limits });

const good = (n: number) => ["id,text,label", ...Array.from({ length: n }, (_, i) => `r${i},message ${i},${i % 2 ? "spam" : "ham"}`)].join("\n");

describe("hostile uploads fail with the line or cause and import nothing", () => {
  const cases: [string, string | Buffer, RegExp, Record<string, unknown>?][] = [
    ["unterminated quote", `${good(3)}\nr9,"never closed,ham\nr10,x,ham\n`, /^data\.csv line 6: the file ends inside a quoted field/],
    ["stray quote", `${good(3)}\nr9,say "hi",ham\n`, /^data\.csv line 5: Invalid Opening Quote/],
    [
      "latin-1 byte in UTF-8",
      Buffer.concat([Buffer.from(`${good(2)}\nr9,caf`), Buffer.from([0xe9]), Buffer.from(",ham\n")]),
      /^data\.csv line 4: byte offset \d+ \(0xe9\) is not valid UTF-8/,
    ],
    ["empty file", "", /^data\.csv is empty/],
    ["header only", "id,text,label\n", /^data\.csv has no data rows \(only a header, or nothing\)/],
    ["missing mapped column", good(3), /input field "body" not found; available columns: id, text, label/, { mapping: { input: ["body"], id: "id" } }],
    ["duplicate ids", `${good(3)}\nr1,again,ham\n`, /^data\.csv: duplicate id "r1" on lines 3 and 5/],
    [
      "binary NUL bytes",
      Buffer.concat([Buffer.from(`${good(2)}\nr9,`), Buffer.from([0, 1, 2]), Buffer.from(",ham\n")]),
      /^data\.csv line 4: NUL byte at byte offset \d+/,
    ],
    [
      "PNG file",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
      /^data\.csv is a PNG image, not a text file/,
    ],
    ["bad label", `${good(3)}\nr9,x,eggs\n`, /^data\.csv line 5: label "eggs" is not one of the classes ham, spam/],
  ];
  for (const [name, content, error, over] of cases) {
    it(name, async () => {
      const project = await memberProject({ name });
      const uploadId = await upload(content);
      await expect(importIt(payload(project.id, uploadId, over))).rejects.toThrow(error);
      expect(await db.prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);
      expect(await db.prisma.row.count({ where: { dataset: { projectId: project.id } } })).toBe(0);
    });
  }

  it("a field over the configured limit, and deep JSON, name the line; preview says the same", async () => {
    const project = await memberProject({ name: "limits" });
    const limits = readImportLimits({ IMPORT_MAX_FIELD_CHARS: "1000", IMPORT_MAX_JSON_DEPTH: "8" });
    const long = await upload(`${good(3)}\nr9,${"y".repeat(5000)},ham\n`);
    await expect(importIt(payload(project.id, long), limits)).rejects.toThrow(/^data\.csv line 5: a field is longer than the limit of 1000 characters/);
    await expect(
      previewUploadService(parsePreviewUploadPayload({ actorId: "uploader", uploadId: long, format: "csv", fileName: "data.csv" }), dir, limits),
    ).rejects.toThrow(/^data\.csv line 5: a field is longer/);
    const deep = await upload(`{"id":"a","text":"x"}\n{"id":"b","text":${"[".repeat(50)}${"]".repeat(50)}}\n`, "jsonl");
    await expect(importIt(payload(project.id, deep, { format: "jsonl", fileName: "d.jsonl", mapping: { input: ["text"], id: "id" } }), limits)).rejects.toThrow(
      /^d\.jsonl line 2: JSON nested 51 levels deep; the limit is 8/,
    );
    expect(await db.prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("latin-1 files import when the encoding is chosen", async () => {
    const project = await memberProject({ name: "latin1" });
    const uploadId = await upload(Buffer.from("id,text,label\nr1,café crème,ham\n", "latin1"));
    const result = await importIt(payload(project.id, uploadId, { encoding: "latin1" }));
    expect((await readRows(db.prisma, result.datasetId, 0, 1))[0]!.fields).toMatchObject({ text: "café crème" });
  });
});

describe("import atomicity and idempotency", () => {
  it("a database failure mid-import leaves no dataset and no rows", async () => {
    const project = await memberProject({ name: "atomic" });
    const uploadId = await upload(good(12_000));
    let batches = 0;
    const run = importDatasetService(db.prisma, payload(project.id, uploadId), {
      uploadDir: dir,
      limits: readImportLimits({}),
      report: async (_p, stage) => {
        // The second batch's progress report throws inside the transaction, after 5,000 rows were written.
        if (stage.startsWith("wrote") && ++batches === 2) throw new Error("connection lost");
      },
    });
    await expect(run).rejects.toThrow(/connection lost/);
    expect(await db.prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.prisma.row.count({ where: { dataset: { projectId: project.id } } })).toBe(0);
    await access(join(dir, `${uploadId}.csv`));
  });

  it("a retried job (after a commit the worker never acknowledged) returns the same dataset, no duplicate rows", async () => {
    const project = await memberProject({ name: "retry" });
    const uploadId = await upload(good(7000));
    const first = await importIt(payload(project.id, uploadId));
    await writeFile(join(dir, `${uploadId}.csv`), good(7000));
    const again = await importIt(payload(project.id, uploadId));
    expect(again).toEqual(first);
    expect(await db.prisma.row.count({ where: { dataset: { projectId: project.id } } })).toBe(7000);
  });

  it("two attempts racing on the same upload write one dataset", async () => {
    const project = await memberProject({ name: "race" });
    const uploadId = await upload(good(6000));
    const results = await Promise.allSettled([importIt(payload(project.id, uploadId)), importIt(payload(project.id, uploadId))]);
    const ok = results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<{ datasetId: string }>).value.datasetId);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok).size).toBe(1);
    expect(await db.prisma.dataset.count({ where: { projectId: project.id } })).toBe(1);
    expect(await db.prisma.row.count({ where: { dataset: { projectId: project.id } } })).toBe(6000);
  });
});

describe("WRENCH zip uploads", () => {
  const tiny = {
    "sms/label.json": JSON.stringify({ 0: "ham", 1: "spam" }),
    "sms/train.json": JSON.stringify({
      0: { label: 1, weak_labels: [1, -1], data: { text: "free prize" } },
      1: { label: 0, weak_labels: [-1, 0], data: { text: "hi mom" } },
    }),
    "sms/valid.json": JSON.stringify({ 7: { label: 0, weak_labels: [-1, -1], data: { text: "lunch?" } } }),
    "sms/test.json": JSON.stringify({ 9: { label: 1, weak_labels: [1, 1], data: { text: "win cash" } } }),
  };
  const zipPayload = (projectId: string, uploadId: string) =>
    parseImportDatasetPayload({
      projectId,
      actorId: actors.get(projectId),
      uploadId,
      format: "zip",
      fileName: "sms.zip",
      name: "sms",
      mapping: { input: ["text"] },
    });

  it("previews and imports a tiny WRENCH zip with its splits, gold and class names", async () => {
    const project = await memberProject({ name: "wrench" });
    const uploadId = await zipUpload(tiny);
    const zipBytes = await readFile(join(dir, `${uploadId}.zip`));
    const preview = await previewUploadService(parsePreviewUploadPayload({ actorId: "uploader", uploadId, format: "zip", fileName: "sms.zip" }), dir);
    expect(preview.columns).toEqual(["text", "label", "split"]);
    expect(preview.rows[0]).toEqual({ text: "free prize", label: "spam", split: "train" });
    const result = await importIt(zipPayload(project.id, uploadId));
    const rows = await readRows(db.prisma, result.datasetId, 0, 10);
    expect(rows.map((r) => [r.externalId, r.split, r.gold])).toEqual([
      ["train-0", "TRAIN", 1],
      ["train-1", "TRAIN", 0],
      ["dev-7", "DEV", 0],
      ["test-9", "TEST", 1],
    ]);
    const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: result.datasetId } });
    expect(dataset.classNames).toEqual(["ham", "spam"]);
    // weak_labels became imported programs whose stored votes are the WRENCH votes
    expect(result.importedPrograms).toBe(2);
    const programs = await listPrograms(db.prisma, project.id);
    expect(programs.map((p) => p.name)).toEqual(["wrench_sms_lf_0", "wrench_sms_lf_1"]);
    const { L } = await assembleLabelMatrix(
      db.prisma,
      dataset,
      programs.map((p) => p.latest.codeHash),
    );
    expect(Array.from(L.values)).toEqual([1, -1, -1, 0, -1, -1, 1, 1]);
    // a retried job after the commit adds no programs, rows or votes
    await writeFile(join(dir, `${uploadId}.zip`), zipBytes);
    const again = await importIt(zipPayload(project.id, uploadId));
    expect(again.datasetId).toBe(result.datasetId);
    expect((await listPrograms(db.prisma, project.id)).length).toBe(2);
    expect(await db.prisma.programOutput.count({ where: { datasetId: result.datasetId } })).toBe(2);
  });

  it("imports a real WRENCH folder zipped from ../shared/datasets", async (context) => {
    const folder = resolve(__dirname, "../../../../../shared/datasets/youtube/wrench_1586");
    if (!existsSync(folder)) {
      console.log(`skipped: ${folder} is absent`);
      context.skip();
    }
    const uploadId = randomUUID();
    const zip = new yazl.ZipFile();
    for (const f of ["label.json", "train.json", "valid.json", "test.json", "readme.txt"]) zip.addFile(join(folder, f), `youtube/${f}`);
    zip.end();
    await new Promise<void>((done, fail) =>
      zip.outputStream
        .pipe(createWriteStream(join(dir, `${uploadId}.zip`)))
        .on("close", () => done())
        .on("error", fail),
    );
    const project = await memberProject({ name: "youtube" });
    const result = await importIt(zipPayload(project.id, uploadId));
    expect(result.rows).toBe(1586 + 120 + 250);
    expect(result.importedPrograms).toBe(10);
    expect(await db.prisma.row.count({ where: { datasetId: result.datasetId, split: "DEV" } })).toBe(120);
  });

  it("a zip bomb fails naming the cause and imports nothing", async () => {
    const project = await memberProject({ name: "bomb" });
    const uploadId = await zipUpload({ "train.json": Buffer.alloc(30 * 1024 * 1024, 0x20) });
    await expect(importIt(zipPayload(project.id, uploadId))).rejects.toThrow(
      /^sms\.zip: train\.json inflates more than 200x its compressed size \(a zip bomb\?\)/,
    );
    expect(await db.prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);
  });
});
