import { createHash, randomUUID } from "node:crypto";
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { readImageScoring, readOnnxMetadata, SHAPES_WORLD, type GroupAccuracyReport } from "@alchemist/engine";
import {
  ClipEmbeddingCache,
  createLocalRunner,
  loadClipModel,
  scoreImageDataset,
  writeShapesClipModel,
  writeShapesZip,
  type ClipModel,
} from "@alchemist/engine/node";
import {
  createProgram,
  createProject,
  createRun,
  createTask,
  createTrainedModel,
  getTrainedModel,
  readDatasetEmbeddings,
  readDatasetImage,
  saveChunkVotes,
  setRunStatus,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { parseImportDatasetPayload, parseJobPayload, parseTryProgramPayload, QUEUES } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { importDatasetService } from "../import-dataset/import-dataset-service";
import { importImageDataset } from "../import-dataset/import-image-dataset";
import { previewUploadService } from "../preview-upload/preview-upload-service";
import { trainModelService } from "../train-model/train-model-service";
import { tryProgramService } from "../try-program/try-program-service";
import { createMember } from "../testing/create-member";
import { rescoreImagesService } from "./rescore-images-service";
import { workerClipModel } from "./worker-clip-model";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

const N = 120;
let db: TestDatabase;
let dir: string;
let clipDir: string;
let clip: ClipModel;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "alchemist-image-import-"));
  clipDir = join(dir, "clip");
  await writeShapesClipModel(clipDir);
  clip = await loadClipModel(clipDir);
}, testBudget(60_000));
afterAll(async () => {
  await clip?.close();
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

const noReport = async () => undefined;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function importShapes(projectId: string, concepts: string[], n = N) {
  const uploadId = randomUUID();
  await writeShapesZip(join(dir, `${uploadId}.zip`), { n, seed: 5, side: 64 });
  const actorId = await createMember(db.prisma, projectId);
  const payload = parseImportDatasetPayload({
    projectId,
    actorId,
    uploadId,
    format: "zip",
    fileName: "shapes.zip",
    name: "shapes",
    mapping: { input: ["scores"] },
    classNames: ["circle", "square"],
    images: true,
    concepts,
  });
  return { uploadId, actorId, payload };
}

describe("image datasets in the studio's worker", () => {
  it(
    "previews an image zip, imports it (pictures embedded once, scored on the concepts) and deletes the upload",
    async () => {
      const project = await createProject(db.prisma, { name: "shapes" });
      const { uploadId, payload } = await importShapes(project.id, ["a round circle", "a square with sharp corners"]);
      const preview = await previewUploadService({ uploadId, format: "zip", encoding: "auto", fileName: "shapes.zip", actorId: payload.actorId }, dir);
      expect(preview.images).toBe(N);
      expect(preview.columns).toEqual(["path", "label", "split", "place"]);
      expect(preview.distinct.label).toEqual(["circle", "square"]);

      const stages: string[] = [];
      const result = await importDatasetService(db.prisma, payload, {
        uploadDir: dir,
        clipModelDir: clipDir,
        report: async (_p, stage) => void stages.push(stage),
      });
      expect(result.rows).toBe(N);
      expect(stages.some((s) => /embedded \d+ of 120 pictures/.test(s))).toBe(true);
      await expect(access(join(dir, `${uploadId}.zip`))).rejects.toThrow();
      const dataset = (await db.prisma.dataset.findUnique({ where: { id: result.datasetId } }))!;
      expect(dataset.kind).toBe("IMAGE");
      const scoring = readImageScoring(dataset);
      expect(scoring).toMatchObject({
        clipModelKey: clip.key,
        dim: SHAPES_WORLD.directions.length,
        concepts: ["a round circle", "a square with sharp corners"],
      });
      const rows = await db.prisma.row.findMany({ where: { datasetId: dataset.id }, orderBy: { index: "asc" } });
      expect(rows.map((r) => r.gold)).toEqual(rows.map((r) => ((r.fields as { path: string }).path.includes("/circle/") ? 0 : 1)));
      // The fitted shapes CLIP separates the classes: circles score higher on the round concept than squares do.
      const margin = (r: (typeof rows)[number]) => {
        const s = (r.fields as { scores: Record<string, number> }).scores;
        return s["a round circle"]! - s["a square with sharp corners"]!;
      };
      expect(mean(rows.filter((r) => r.gold === 0).map(margin))).toBeGreaterThan(mean(rows.filter((r) => r.gold === 1).map(margin)) + 0.05);
      // Every picture is stored: the original bytes (its own type), a 128 px WebP thumbnail, the embedding.
      const original = (await readDatasetImage(db.prisma, dataset.id, 0, "full"))!;
      expect(original.mime).toMatch(/^image\/(png|jpeg|webp)$/);
      const thumb = (await readDatasetImage(db.prisma, dataset.id, 0, "thumbnail"))!;
      expect(await sharp(thumb.bytes).metadata()).toMatchObject({ format: "webp", width: 128, height: 128 });
      expect(await readDatasetImage(db.prisma, dataset.id, N, "thumbnail")).toBeNull();
      expect((await readDatasetEmbeddings(db.prisma, dataset.id, scoring.dim)).rows).toBe(N);
    },
    testBudget(120_000),
  );

  it(
    "run on sample over an image dataset names the dataset and gives each picture's concept scores",
    async () => {
      const project = await createProject(db.prisma, { name: "try-images" });
      const concepts = ["a round circle", "a square with sharp corners"];
      const { payload, actorId } = await importShapes(project.id, concepts, 40);
      const { datasetId } = await importDatasetService(db.prisma, payload, { uploadDir: dir, clipModelDir: clipDir, report: noReport });
      await createTask(db.prisma, project.id, { ...SHAPES_WORLD.task, kind: undefined });
      const runner = createLocalRunner({ poolSize: 1 });
      try {
        const source = `def label_function(s):\n    return "circle" if s["a round circle"] > s["a square with sharp corners"] else "square"\n`;
        const result = await tryProgramService(
          { db: db.prisma, runner },
          parseTryProgramPayload({ projectId: project.id, actorId, language: "python", functionName: "label_function", source, rows: 20 }),
        );
        expect(result.checkErrors).toEqual([]);
        expect(result.imageDatasetId).toBe(datasetId);
        expect(result.rows).toHaveLength(20);
        const stored = await db.prisma.row.findMany({ where: { datasetId, index: { in: result.rows.map((r) => r.index) } } });
        const byIndex = new Map(stored.map((r) => [r.index, (r.fields as { scores: Record<string, number> }).scores]));
        for (const row of result.rows) {
          // The scores shown are the stored record the program read, and its vote follows from them.
          expect(row.scores).toEqual(byIndex.get(row.index));
          expect(row.vote).toBe(row.scores!["a round circle"]! > row.scores!["a square with sharp corners"]! ? 0 : 1);
        }
      } finally {
        await runner.close();
      }
    },
    testBudget(120_000),
  );

  it(
    "a re-import embeds no picture (on-disk embedding cache) and a second rescore embeds nothing (stored embeddings, remembered prompts)",
    async () => {
      const cacheDir = join(dir, "clip-cache");
      // The model object the worker's services load (one per process): its encoder calls are counted.
      const model = await workerClipModel(clipDir);
      const embedImages = vi.spyOn(model, "embedImages");
      const embedTexts = vi.spyOn(model, "embedTexts");
      const pictures = () => embedImages.mock.calls.reduce((sum, call) => sum + call[1], 0);
      const prompts = () => embedTexts.mock.calls.flatMap((call) => [...call[0]]);
      const concepts = ["a round circle", "a square with sharp corners"];
      try {
        const first = await importShapes((await createProject(db.prisma, { name: "cache-1" })).id, concepts, 40);
        const a = await importDatasetService(db.prisma, first.payload, { uploadDir: dir, clipModelDir: clipDir, clipCacheDir: cacheDir, report: noReport });
        expect(pictures()).toBe(40);
        expect((await ClipEmbeddingCache.open(cacheDir, model.key)).size).toBe(40);

        // The same pictures uploaded again (another project): every embedding comes from the cache.
        embedImages.mockClear();
        const project = await createProject(db.prisma, { name: "cache-2" });
        const second = await importShapes(project.id, concepts, 40);
        const b = await importDatasetService(db.prisma, second.payload, { uploadDir: dir, clipModelDir: clipDir, clipCacheDir: cacheDir, report: noReport });
        expect(pictures()).toBe(0);
        const dim = SHAPES_WORLD.directions.length;
        expect((await readDatasetEmbeddings(db.prisma, b.datasetId, dim)).values).toEqual((await readDatasetEmbeddings(db.prisma, a.datasetId, dim)).values);

        // A concept edit: no picture embedded, only the one prompt this process has not embedded yet.
        embedTexts.mockClear();
        const edited = ["a round circle", "a shape drawn in red ink"];
        const rescore = () =>
          rescoreImagesService(
            db.prisma,
            parseJobPayload(QUEUES.rescoreImages, { projectId: project.id, datasetId: b.datasetId, actorId: second.actorId, concepts: edited }),
            {
              clip: model,
              report: noReport,
            },
          );
        await rescore();
        expect(pictures()).toBe(0);
        expect(prompts()).toEqual(["a photo of a shape drawn in red ink."]);
        // The second rescore embeds nothing at all.
        embedTexts.mockClear();
        expect(await rescore()).toEqual({ datasetId: b.datasetId, rows: 40, concepts: 2 });
        expect(pictures()).toBe(0);
        expect(prompts()).toEqual([]);
      } finally {
        embedImages.mockRestore();
        embedTexts.mockRestore();
      }
    },
    testBudget(120_000),
  );

  it(
    "imports a zip of more pictures than one batch a batch at a time: thumbnails made and pictures written 16 at a time, every one stored whole",
    async () => {
      const project = await createProject(db.prisma, { name: "batches" });
      const { payload } = await importShapes(project.id, ["a round circle"], 40);
      const stages: string[] = [];
      const dataset = await importImageDataset(db.prisma, payload, {
        path: join(dir, `${payload.uploadId}.zip`),
        clip,
        batchSize: 16,
        report: async (_p, stage) => void stages.push(stage),
      });
      expect(stages.filter((s) => s.startsWith("made "))).toEqual(["made 16 of 40 thumbnails", "made 32 of 40 thumbnails", "made 40 of 40 thumbnails"]);
      expect(stages.filter((s) => s.startsWith("stored "))).toEqual(["stored 16 of 40 pictures", "stored 32 of 40 pictures", "stored 40 of 40 pictures"]);
      const stored = await db.prisma.datasetImage.findMany({ where: { datasetId: dataset.id }, orderBy: { index: "asc" } });
      expect(stored.map((image) => image.index)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      for (const image of stored) {
        // Each picture's own bytes, hash and thumbnail: batches never mix pictures up.
        expect(image.sha256).toBe(createHash("sha256").update(image.bytes).digest("hex"));
        const thumbnail = await sharp(image.thumbnail).metadata();
        expect([thumbnail.format, thumbnail.width]).toEqual(["webp", 128]);
      }
      const rows = await db.prisma.row.findMany({ where: { datasetId: dataset.id }, orderBy: { index: "asc" } });
      expect(rows).toHaveLength(40);
    },
    testBudget(120_000),
  );

  it(
    "re-scores with RoboShot insights: the scores are the engine's calibrated ones and the scoring keeps the insights",
    async () => {
      const project = await createProject(db.prisma, { name: "roboshot" });
      const concepts = ["a round circle", "a square with sharp corners"];
      const { payload, actorId } = await importShapes(project.id, concepts, 40);
      const { datasetId } = await importDatasetService(db.prisma, payload, { uploadDir: dir, clipModelDir: clipDir, report: noReport });
      const insights = { harmful: [["blue water", "green grass"]], helpful: [["a round circle", "a square with sharp corners"]] };
      await rescoreImagesService(db.prisma, parseJobPayload(QUEUES.rescoreImages, { projectId: project.id, datasetId, actorId, concepts, insights }), {
        clip,
        report: noReport,
      });
      const dataset = (await db.prisma.dataset.findUnique({ where: { id: datasetId } }))!;
      expect(readImageScoring(dataset).insights).toEqual(insights);
      const embeddings = await readDatasetEmbeddings(db.prisma, datasetId, SHAPES_WORLD.directions.length);
      const rows = await db.prisma.row.findMany({ where: { datasetId }, orderBy: { index: "asc" } });
      const placeholders = rows.map((r) => ({ id: r.externalId, fields: {}, split: "train" as const }));
      const expected = await scoreImageDataset({ name: "x", rows: placeholders }, embeddings, { clip, concepts, template: "a photo of {}.", insights });
      const raw = await scoreImageDataset({ name: "x", rows: placeholders }, embeddings, { clip, concepts, template: "a photo of {}." });
      const stored = rows.map((r) => (r.fields as { scores: Record<string, number> }).scores);
      stored.forEach((s, i) => {
        for (const c of concepts) expect(s[c]).toBeCloseTo((expected.dataset.rows[i]!.fields.scores as Record<string, number>)[c]!, 6);
      });
      // Calibration changes the scores (the background direction is projected out).
      expect(stored.some((s, i) => Math.abs(s[concepts[0]!]! - (raw.dataset.rows[i]!.fields.scores as Record<string, number>)[concepts[0]!]!) > 1e-4)).toBe(
        true,
      );
    },
    testBudget(120_000),
  );

  it("without CLIP_MODEL_DIR an image import fails saying so and writes nothing", async () => {
    const project = await createProject(db.prisma, { name: "no-clip" });
    const { payload } = await importShapes(project.id, ["a round circle"]);
    await expect(importDatasetService(db.prisma, payload, { uploadDir: dir, report: noReport })).rejects.toThrow(/set the worker's CLIP_MODEL_DIR/);
    expect(await db.prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);
  });

  it(
    "re-scores on new concepts from the stored embeddings, dropping the stale votes; training distils on the embeddings into an image ONNX",
    async () => {
      const project = await createProject(db.prisma, { name: "rescore" });
      // The demo's size: enough dev pictures for early stopping to let the MLP learn.
      const n = 320;
      const { payload, actorId } = await importShapes(project.id, ["blue water", "green grass"], n);
      const { datasetId } = await importDatasetService(db.prisma, payload, { uploadDir: dir, clipModelDir: clipDir, report: noReport });
      const before = await readDatasetEmbeddings(db.prisma, datasetId, SHAPES_WORLD.directions.length);
      await createTask(db.prisma, project.id, { ...SHAPES_WORLD.task, kind: undefined });
      const { version } = await createProgram(db.prisma, {
        projectId: project.id,
        name: "stale",
        language: "PYTHON",
        source: "def label_function(s):\n    return -1\n",
      });
      await saveChunkVotes(db.prisma, { datasetId, codeHash: version.codeHash, chunkIndex: 0, votes: new Int8Array(n).fill(-1) });

      const concepts = ["a round circle", "a square with sharp corners"];
      const result = await rescoreImagesService(db.prisma, parseJobPayload(QUEUES.rescoreImages, { projectId: project.id, datasetId, actorId, concepts }), {
        clip,
        report: noReport,
      });
      expect(result).toEqual({ datasetId, rows: n, concepts: 2 });
      const rows = await db.prisma.row.findMany({ where: { datasetId }, orderBy: { index: "asc" } });
      expect(rows.every((r) => Object.keys((r.fields as { scores: object }).scores).join() === concepts.join())).toBe(true);
      expect(await db.prisma.programOutput.count({ where: { datasetId } })).toBe(0);
      expect((await readDatasetEmbeddings(db.prisma, datasetId, before.cols)).values).toEqual(before.values);
      expect(await db.prisma.auditEvent.count({ where: { projectId: project.id, action: "dataset.rescore" } })).toBe(1);

      // A program over the new scores (its votes stored as an apply would), then the distilled model.
      const { version: rule } = await createProgram(db.prisma, {
        projectId: project.id,
        name: "round_vs_square",
        language: "PYTHON",
        source: "def label_function(s):\n    return 0 if s['a round circle'] > s['a square with sharp corners'] else 1\n",
      });
      const votes = Int8Array.from(rows, (r) => {
        const s = (r.fields as { scores: Record<string, number> }).scores;
        return s["a round circle"]! > s["a square with sharp corners"]! ? 0 : 1;
      });
      await saveChunkVotes(db.prisma, { datasetId, codeHash: rule.codeHash, chunkIndex: 0, votes });
      await db.prisma.program.updateMany({ where: { projectId: project.id, name: "stale" }, data: { enabled: false } });
      const run = await createRun(db.prisma, { projectId: project.id, datasetId });
      await setRunStatus(db.prisma, run.id, "SUCCEEDED");
      const model = await createTrainedModel(db.prisma, { projectId: project.id, runId: run.id });
      const trained = await trainModelService(
        db.prisma,
        parseJobPayload(QUEUES.trainModel, { projectId: project.id, runId: run.id, trainedModelId: model.id, actorId, epochs: 200 }),
        { report: noReport },
      );
      const stored = (await getTrainedModel(db.prisma, model.id))!;
      expect(stored.status).toBe("SUCCEEDED");
      expect(stored.config).toMatchObject({ featurizer: { image: { features: "embeddings", dim: before.cols } } });
      // Test pictures put every shape on both backgrounds: beat always answering the majority class by a clear margin.
      const testGold = rows.filter((r) => r.split === "TEST").map((r) => r.gold!);
      const majority = Math.max(...[0, 1].map((c) => testGold.filter((g) => g === c).length)) / testGold.length;
      expect(trained.testAccuracy).toBeGreaterThan(majority + 0.15);
      // The label file's extra column (place) is a group field: worst-group accuracy of both models on the test rows.
      const { metrics } = (await db.prisma.trainedModel.findUnique({ where: { id: model.id }, select: { metrics: true } }))!;
      const [groups] = (metrics as unknown as { groups: GroupAccuracyReport[] }).groups;
      const testRows = rows.filter((r) => r.split === "TEST");
      const places = [...new Set(testRows.map((r) => (r.fields as { place: string }).place))].sort();
      expect(groups!.field).toBe("place");
      expect(groups!.distilled.groups.map((g) => g.group).sort()).toEqual(["circle", "square"].flatMap((c) => places.map((p) => `${c} / ${p}`)).sort());
      expect(groups!.distilled.groups.reduce((n, g) => n + g.n, 0)).toBe(testRows.length);
      expect(groups!.distilled.worst!.accuracy).toBe(Math.min(...groups!.distilled.groups.map((g) => g.accuracy)));
      expect(groups!.labelModel.groups.reduce((n, g) => n + g.n, 0)).toBe(testRows.length);
      // The average over groups is the model's accuracy re-weighted, never above the best group.
      expect(groups!.distilled.average!).toBeLessThanOrEqual(Math.max(...groups!.distilled.groups.map((g) => g.accuracy)));
      const onnx = await db.prisma.trainedModel.findUnique({ where: { id: model.id }, select: { onnx: true } });
      const metadata = readOnnxMetadata(onnx!.onnx!);
      expect(metadata["alchemist.format"]).toBe("image-1");
      expect(JSON.parse(metadata["alchemist.preprocessing"]!)).toMatchObject({ clipModelKey: clip.key, imageSize: 224 });

      // The run's settings choose "both": the MLP reads the embedding and the scores on the dataset's concepts.
      await db.prisma.run.update({ where: { id: run.id }, data: { settings: { imageFeatures: "both" } } });
      const trainWith = async (imageFeatures?: "scores") => {
        const next = await createTrainedModel(db.prisma, { projectId: project.id, runId: run.id });
        const result = await trainModelService(
          db.prisma,
          parseJobPayload(QUEUES.trainModel, { projectId: project.id, runId: run.id, trainedModelId: next.id, actorId, epochs: 200, imageFeatures }),
          { report: noReport, clipModelDir: clipDir },
        );
        const row = (await db.prisma.trainedModel.findUnique({ where: { id: next.id }, select: { config: true, onnx: true } }))!;
        return { result, config: row.config as { inputSize: number; featurizer: unknown }, image: JSON.parse(readOnnxMetadata(row.onnx!)["alchemist.image"]!) };
      };
      const both = await trainWith();
      expect(both.config.featurizer).toEqual({ image: { features: "both", dim: before.cols, concepts } });
      expect(both.config.inputSize).toBe(before.cols + concepts.length);
      expect(both.image).toMatchObject({ features: "both", concepts });
      expect(both.result.testAccuracy).toBeGreaterThan(majority + 0.15);
      // The train form's choice (the payload) wins over the run's settings.
      const scores = await trainWith("scores");
      expect(scores.config.inputSize).toBe(concepts.length);
      expect(scores.image).toMatchObject({ features: "scores", concepts });

      // Scores calibrated with RoboShot insights: the model is trained on the same calibrated embeddings, the ONNX carries them.
      const insights = { harmful: [["blue water", "green grass"]], helpful: [] };
      const scoring = readImageScoring((await db.prisma.dataset.findUnique({ where: { id: datasetId } }))!);
      await db.prisma.dataset.update({ where: { id: datasetId }, data: { imageScoring: { ...scoring, insights } } });
      const calibrated = await trainWith("scores");
      expect(calibrated.image).toMatchObject({ features: "scores", concepts, insights });
      expect(calibrated.result.testAccuracy).toBeGreaterThan(majority + 0.15);
    },
    testBudget(180_000),
  );
});
