import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { createProject, readRows } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { parseImportDatasetPayload, uploadFileName } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewUploadService } from "../preview-upload/preview-upload-service";
import { createMember } from "../testing/create-member";
import { importDatasetService } from "./import-dataset-service";

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "alchemist-parquet-upload-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

const N = 30;
const texts = Array.from({ length: N }, (_, i) => (i % 2 === 0 ? `win a free prize #${i}` : `see you at lunch #${i}`));

describe("Parquet uploads", () => {
  it("preview and import a Hugging Face-style Parquet file (int64 labels, a validation split), several row groups", async () => {
    const project = await createProject(db.prisma, { name: `pq-${randomUUID().slice(0, 8)}` });
    const actorId = await createMember(db.prisma, project.id, "EDITOR");
    const uploadId = randomUUID();
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: "text", data: texts, type: "STRING" },
        { name: "label", data: texts.map((_, i) => BigInt(i % 2 === 0 ? 1 : 0)), type: "INT64" },
        { name: "split", data: texts.map((_, i) => (i % 10 === 0 ? "test" : i % 10 === 1 ? "validation" : "train")), type: "STRING" },
      ],
      rowGroupSize: 8,
    });
    await writeFile(join(dir, uploadFileName(uploadId, "parquet")), new Uint8Array(buffer));
    const preview = await previewUploadService({ uploadId, format: "parquet", encoding: "auto", fileName: "train.parquet", actorId }, dir);
    expect(preview.columns).toEqual(["text", "label", "split"]);
    expect(preview.scanned).toBe(N);
    expect(preview.counts.label).toEqual({ "0": 15, "1": 15 });
    const payload = parseImportDatasetPayload({
      projectId: project.id,
      actorId,
      uploadId,
      format: "parquet",
      fileName: "train.parquet",
      name: "hf",
      mapping: { input: ["text"], label: "label", split: "split" },
      classNames: ["ham", "spam"],
    });
    const result = await importDatasetService(db.prisma, payload, { uploadDir: dir, report: async () => undefined });
    expect(result.rows).toBe(N);
    const rows = await readRows(db.prisma, result.datasetId, 0, N);
    expect(rows.slice(0, 3).map((r) => [r.externalId, r.split, r.gold, r.fields])).toEqual([
      ["1", "TEST", 1, { text: texts[0], split: "test" }],
      ["2", "DEV", 0, { text: texts[1], split: "validation" }],
      ["3", "TRAIN", 1, { text: texts[2], split: "train" }],
    ]);
  });
});
