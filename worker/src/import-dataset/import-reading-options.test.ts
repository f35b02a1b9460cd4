import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProject, readRows } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { parseImportDatasetPayload } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewUploadService } from "../preview-upload/preview-upload-service";
import { createMember } from "../testing/create-member";
import { importDatasetService } from "./import-dataset-service";

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "alchemist-import-reading-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

// MedAbs as it ships: 1-based labels; here without its header row, as a user's export might be.
const medabs = [
  "3,Obstructive sleep apnea following topical anesthesia in loud snorers",
  "5,Neutrophil function and pyogenic infections",
  "1,Tumour growth in the liver of patients",
  "3,Migraine in children treated with drugs",
  "2,Gastric ulcer healing after therapy",
].join("\n");
const classes = ["neoplasms", "digestive", "nervous", "cardiovascular", "general"];

async function upload(content: string | Buffer) {
  const uploadId = randomUUID();
  await writeFile(join(dir, `${uploadId}.csv`), content);
  return uploadId;
}

const preview = (uploadId: string, header?: boolean, encoding: "auto" | "latin1" = "auto") =>
  previewUploadService({ uploadId, format: "csv", encoding, fileName: "medabs.csv", actorId: "uploader", ...(header === undefined ? {} : { header }) }, dir);

describe("preview-upload: headers and label counts", () => {
  it("says why a first row looks like data, and reads it as data when asked, with counts per value", async () => {
    const uploadId = await upload(medabs);
    const withHeader = await preview(uploadId);
    expect(withHeader.headerLooksLikeData).toBe('cell 1 "3" is a number');
    expect(withHeader.header).toBe(true);
    const asData = await preview(uploadId, false);
    expect(asData.columns).toEqual(["column_1", "column_2"]);
    expect(asData.scanned).toBe(5);
    expect(asData.headerLooksLikeData).toBeUndefined();
    expect(asData.counts.column_1).toEqual({ "3": 2, "5": 1, "1": 1, "2": 1 });
  });

  it("words encoding errors for the upload form", async () => {
    const uploadId = await upload(Buffer.concat([Buffer.from("text,label\ncaf"), Buffer.from([0xe9]), Buffer.from(",1\n")]));
    await expect(preview(uploadId)).rejects.toThrow(
      /medabs\.csv line 2: .* is not valid UTF-8; as Latin-1 it reads "café,1": choose the latin-1 encoding \(Text encoding: Latin-1\)/,
    );
    expect((await preview(uploadId, true, "latin1")).rows).toEqual([{ text: "café", label: "1" }]);
  });
});

describe("import-dataset: header and label map", () => {
  it("imports a headerless file with 1-based labels through a label map; a value left without a class has no gold", async () => {
    const project = await createProject(db.prisma, { name: "medabs" });
    const uploadId = await upload(medabs);
    const payload = parseImportDatasetPayload({
      projectId: project.id,
      actorId: await createMember(db.prisma, project.id),
      uploadId,
      format: "csv",
      fileName: "medabs.csv",
      name: "medabs",
      mapping: { input: ["column_2"], label: "column_1" },
      classNames: classes,
      header: false,
      labelMap: { "1": "neoplasms", "2": "digestive", "3": "nervous", "4": "cardiovascular", "5": null },
    });
    const result = await importDatasetService(db.prisma, payload, { uploadDir: dir, report: async () => undefined });
    expect(result.rows).toBe(5);
    const rows = await readRows(db.prisma, result.datasetId, 0, 10);
    expect(rows.map((r) => r.gold)).toEqual([2, null, 0, 2, 1]);
    expect(rows[0]!.fields).toEqual({ column_2: "Obstructive sleep apnea following topical anesthesia in loud snorers" });
  });

  it("refuses a label map that names a class the import does not have", () => {
    expect(() =>
      parseImportDatasetPayload({
        projectId: "p1",
        actorId: "u1",
        uploadId: randomUUID(),
        format: "csv",
        fileName: "a.csv",
        name: "a",
        mapping: { input: ["text"], label: "label" },
        classNames: ["ham", "spam"],
        labelMap: { "1": "eggs" },
      }),
    ).toThrow(/label map names a class that is not in classNames/);
  });

  it("without a map, the 1-based error points at the label map in the studio's words", async () => {
    const project = await createProject(db.prisma, { name: "medabs-nomap" });
    const uploadId = await upload(medabs);
    const payload = parseImportDatasetPayload({
      projectId: project.id,
      actorId: await createMember(db.prisma, project.id),
      uploadId,
      format: "csv",
      fileName: "medabs.csv",
      name: "medabs",
      mapping: { input: ["column_2"], label: "column_1" },
      classNames: classes,
      header: false,
    });
    await expect(importDatasetService(db.prisma, payload, { uploadDir: dir, report: async () => undefined })).rejects.toThrow(
      /medabs\.csv line 2: label "5" is not one of the classes .* the labels look 1-based: map them with a label map \(the label map under the gold label field\)/,
    );
  });
});
