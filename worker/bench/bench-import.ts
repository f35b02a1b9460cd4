import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "@alchemist/engine/node";
import { createDatasetWithRows, createProject, readRowPage, readSampleRows } from "@alchemist/db";
import { createTestDatabase } from "@alchemist/db/testing";
import { parseImportDatasetPayload } from "@alchemist/jobs";
import { importDatasetService } from "../src/import-dataset/import-dataset-service";
import { createMember } from "../src/testing/create-member";

/**
 * `npx tsx worker/bench/bench-import.ts [rows]`: imports an N-row CSV (default 100,000) into a
 * throwaway database and prints, in the same run: parsing alone, the old row write (Prisma
 * `createMany`, the baseline) and the full import job (parse + one multi-row INSERT per 5,000 rows from `json_to_recordset`),
 * as rows/s, plus the studio's page reads on the imported rows.
 */
const n = Number(process.argv[2] ?? 100_000);
const dir = await mkdtemp(join(tmpdir(), "alchemist-bench-import-"));
const db = await createTestDatabase();
try {
  const uploadId = randomUUID();
  const path = join(dir, `${uploadId}.csv`);
  const lines = ["id,text,label"];
  for (let i = 0; i < n; i++) lines.push(`r${i},"message ${i} with some words, free or not ${i % 97}",${i % 3 === 0 ? "spam" : "ham"}`);
  await writeFile(path, `${lines.join("\n")}\n`);
  const mapping = { input: ["text"], label: "label", id: "id" };
  let t = performance.now();
  const parsed = await loadDataset(path, { mapping: { ...mapping, input: "text" }, classNames: ["ham", "spam"], seed: 42, format: "csv" });
  const parseMs = performance.now() - t;
  const project = await createProject(db.prisma, { name: "bench" });
  t = performance.now();
  await createDatasetWithRows(db.prisma, { projectId: project.id, name: "old", rows: parsed.rows, method: "createMany", batchSize: 1000 });
  const oldWriteMs = performance.now() - t;
  t = performance.now();
  await createDatasetWithRows(db.prisma, { projectId: project.id, name: "new", rows: parsed.rows });
  const newWriteMs = performance.now() - t;
  const actorId = await createMember(db.prisma, project.id);
  const payload = parseImportDatasetPayload({
    projectId: project.id,
    actorId,
    uploadId,
    format: "csv",
    fileName: "bench.csv",
    name: "bench",
    mapping,
    classNames: ["ham", "spam"],
  });
  t = performance.now();
  const { datasetId } = await importDatasetService(db.prisma, payload, { uploadDir: dir, report: async () => {} });
  const importMs = performance.now() - t;
  t = performance.now();
  await readRowPage(db.prisma, datasetId, Math.floor(n / 100) - 1, 50);
  const pageMs = performance.now() - t;
  t = performance.now();
  await readSampleRows(db.prisma, datasetId, 20);
  const sampleMs = performance.now() - t;
  const rate = (ms: number) => `${((n / ms) * 1000).toFixed(0)} rows/s`;
  console.log(`rows ${n}: parse only ${parseMs.toFixed(0)} ms (${rate(parseMs)})`);
  console.log(
    `write only: old createMany ${oldWriteMs.toFixed(0)} ms (${rate(oldWriteMs)}, baseline); new recordset ${newWriteMs.toFixed(0)} ms (${rate(newWriteMs)}) = ${(oldWriteMs / newWriteMs).toFixed(1)}x faster`,
  );
  console.log(
    `full import job (parse + write + progress): ${importMs.toFixed(0)} ms = ${rate(importMs)}; old path estimate parse + createMany ${rate(parseMs + oldWriteMs)}`,
  );
  console.log(`row page deep in the dataset ${pageMs.toFixed(1)} ms; 20 sample rows ${sampleMs.toFixed(1)} ms`);
} finally {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
}
