import { randomBytes, randomUUID } from "node:crypto";
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Queue, QueueEvents, type Worker } from "bullmq";
import { runMetricsSchema, type Program, type ProgramRunner, type TaskSpec } from "@alchemist/engine";
import { createLocalRunner, loadDataset, runMultiLabelPipeline } from "@alchemist/engine/node";
import {
  assembleLabelMatrix,
  createProgram,
  createProject,
  createRun,
  createTask,
  createTrainedModel,
  getRun,
  getTrainedModel,
  readPseudolabels,
  readTrainedModelOnnx,
  runPrograms,
  setReviewGold,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import {
  QUEUES,
  modelUploadFileName,
  parseExportPayload,
  parseImportDatasetPayload,
  parsePredictPayload,
  uploadFileName,
  type ExportFormat,
  type TrainModelResult,
} from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueueWorker } from "../create-queue-worker";
import { exportService } from "../export/export-service";
import { predictService } from "../predict/predict-service";
import { importDatasetService } from "../import-dataset/import-dataset-service";
import { createRedisConnection } from "../redis-connection";
import { createApplyProgramsWorker, type ApplyProgramsWorker } from "../testing/create-apply-programs-worker";
import { createMember } from "../testing/create-member";
import { enqueueApply } from "../testing/enqueue-apply";
import { createTrainModelProcessor } from "../train-model/train-model-processor";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

// The CLI's multi-label example: 120 headlines (80 train, 16 dev, 24 test), gold lists as sports|tech, four programs.
const EXAMPLE = resolve(import.meta.dirname, "../../../examples/multilabel");
const CLASSES = ["sports", "politics", "tech", "business"];
const task: TaskSpec = {
  name: "news-topics",
  description: "every topic of a headline",
  input: "text",
  language: "python",
  functionName: "label_function",
  multiLabel: true,
  classes: CLASSES.map((name) => ({ name, description: "" })),
};
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `alchemist-test-${randomBytes(4).toString("hex")}`;
const connection = createRedisConnection(REDIS_URL);
let db: TestDatabase;
let dir: string;
let runner: ProgramRunner;
let applier: ApplyProgramsWorker;
let trainer: Worker;
let applyQueue: Queue;
let trainQueue: Queue;
let applyEvents: QueueEvents;
let trainEvents: QueueEvents;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "alchemist-multi-label-"));
  runner = createLocalRunner({ poolSize: 1 });
  applier = await createApplyProgramsWorker({ db: db.prisma, runner, connection, prefix });
  trainer = (await createQueueWorker(QUEUES.trainModel, createTrainModelProcessor({ db: db.prisma }), { connection, prefix })) as Worker;
  applyQueue = new Queue(QUEUES.applyPrograms, { connection: { url: REDIS_URL }, prefix });
  trainQueue = new Queue(QUEUES.trainModel, { connection: { url: REDIS_URL }, prefix });
  applyEvents = new QueueEvents(QUEUES.applyPrograms, { connection: { url: REDIS_URL }, prefix });
  trainEvents = new QueueEvents(QUEUES.trainModel, { connection: { url: REDIS_URL }, prefix });
  await Promise.all([applyEvents.waitUntilReady(), trainEvents.waitUntilReady()]);
}, testBudget(60_000));
afterAll(async () => {
  await applier?.close(true);
  await trainer?.close(true);
  await Promise.all([applyQueue?.obliterate({ force: true }), trainQueue?.obliterate({ force: true })]);
  await Promise.all([applyQueue?.close(), trainQueue?.close(), applyEvents?.close(), trainEvents?.close(), runner?.close()]);
  await connection.quit();
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

async function examplePrograms(): Promise<Program[]> {
  const files = (await readdir(join(EXAMPLE, "programs"))).sort();
  return Promise.all(
    files.map(async (file) => ({
      name: file.replace(/\.(py|js)$/, ""),
      language: file.endsWith(".py") ? ("python" as const) : ("javascript" as const),
      functionName: "label_function",
      source: await readFile(join(EXAMPLE, "programs", file), "utf8"),
    })),
  );
}

describe("a multi-label project in the studio", () => {
  it(
    "imports gold lists, applies class-set programs, fits one-vs-rest label models, trains the sigmoid MLP as the CLI's pipeline does and exports label lists",
    async () => {
      const project = await createProject(db.prisma, { name: `ml-${randomBytes(3).toString("hex")}` });
      await createTask(db.prisma, project.id, task);
      const actorId = await createMember(db.prisma, project.id, "EDITOR");
      const uploadId = randomUUID();
      await copyFile(join(EXAMPLE, "data.csv"), join(dir, uploadFileName(uploadId, "csv")));
      const imported = await importDatasetService(
        db.prisma,
        parseImportDatasetPayload({
          projectId: project.id,
          actorId,
          uploadId,
          format: "csv",
          fileName: "data.csv",
          name: "news",
          mapping: { input: ["text"], label: "labels", split: "split", id: "id" },
          classNames: CLASSES,
          multiLabel: true,
        }),
        { uploadDir: dir, report: async () => undefined },
      );
      expect(imported.rows).toBe(120);
      // Gold lists are stored as the class-set bitmask votes use: "sports|tech" = 0b0101.
      const row2 = await db.prisma.row.findFirstOrThrow({ where: { datasetId: imported.datasetId, externalId: "2" } });
      expect(row2.gold).toBe(0b0101);

      const programs = await examplePrograms();
      for (const p of programs)
        await createProgram(db.prisma, { projectId: project.id, name: p.name, language: p.language === "python" ? "PYTHON" : "JAVASCRIPT", source: p.source });
      const run = await createRun(db.prisma, { projectId: project.id, datasetId: imported.datasetId });
      const { jobId } = await enqueueApply(applyQueue, db.prisma, { projectId: project.id, runId: run.id, datasetId: imported.datasetId, actorId });
      await (await applyQueue.getJob(jobId))!.waitUntilFinished(applyEvents, testBudget(120_000));

      // The CLI's pipeline on the same file, programs and seed: the reference the studio must match.
      const dataset = await loadDataset(join(EXAMPLE, "data.csv"), {
        format: "csv",
        mapping: { input: "text", label: "labels", split: "split", id: "id" },
        classNames: CLASSES,
        multiLabel: true,
        seed: 42,
      });
      const cli = await runMultiLabelPipeline({ dataset, task, programs, runner, seed: 42 });

      const stored = (await getRun(db.prisma, run.id))!;
      expect(stored.status).toBe("SUCCEEDED");
      const { L } = await assembleLabelMatrix(
        db.prisma,
        (await db.prisma.dataset.findUniqueOrThrow({ where: { id: imported.datasetId } }))!,
        runPrograms(stored).map((p) => p.codeHash),
      );
      // Stored votes are the runner's class-set bitmasks, column for column the CLI's L.
      const byName = runPrograms(stored).map((p) => programs.findIndex((q) => q.name === p.name));
      for (let i = 0; i < L.n; i++) for (let j = 0; j < L.m; j++) expect(L.values[i * L.m + j]).toBe(cli.L.values[i * cli.L.m + byName[j]!]);

      const metrics = runMetricsSchema.parse(stored.metrics);
      expect(stored.labelModel).toBe("one-vs-rest");
      expect(metrics.multiLabel!.perClass.map((c) => [c.class, c.name])).toEqual(cli.report.labelModel.perClass.map((c) => [c.class, c.name]));
      const test = metrics.multiLabel!.test!;
      expect(test.n).toBe(24);
      expect(test.microF1).toBeCloseTo(cli.report.labelModel.test!.microF1, 10);
      expect(test.macroF1).toBeCloseTo(cli.report.labelModel.test!.macroF1, 10);
      expect(test.perClass.map((c) => c.class)).toEqual(CLASSES);
      const pseudo = await readPseudolabels(db.prisma, run.id);
      expect(pseudo.k).toBe(4);
      for (let x = 0; x < pseudo.probs.length; x++) expect(pseudo.probs[x]).toBeCloseTo(cli.pseudolabels.values[x]!, 5);

      const model = await createTrainedModel(db.prisma, { projectId: project.id, runId: run.id });
      await trainQueue.add(QUEUES.trainModel, { projectId: project.id, runId: run.id, trainedModelId: model.id, actorId }, { jobId: model.id, attempts: 1 });
      const result = (await (await trainQueue.getJob(model.id))!.waitUntilFinished(trainEvents, testBudget(300_000))) as TrainModelResult;
      const trained = (await getTrainedModel(db.prisma, model.id))!;
      expect(trained.status).toBe("SUCCEEDED");
      const report = trained.metrics as { kind: string; n: number; microF1: number; macroF1: number; perClass: { class: string; f1: number }[] };
      expect(report.kind).toBe("multi-label");
      expect(report.n).toBe(24);
      expect(report.perClass.map((c) => c.class)).toEqual(CLASSES);
      expect(result.testF1).toBe(report.microF1);
      // The sigmoid MLP learns the topics from the label models' probabilities: far above predicting no topic (micro-F1 0).
      expect(report.microF1).toBeGreaterThan(0.7);

      // Exports carry label lists: CSV (gold/label joined with |), JSONL lists, Label Studio results with every class and a multiple-choice config.
      const exportAs = async (format: ExportFormat) => {
        const result = await exportService(db.prisma, parseExportPayload({ projectId: project.id, runId: run.id, actorId, exportId: randomUUID(), format }), {
          exportDir: dir,
          report: async () => undefined,
        });
        return readFile(join(dir, result.file), "utf8");
      };
      const decided = (i: number) => CLASSES.filter((_, c) => cli.pseudolabels.values[i * 4 + c]! >= 0.5);
      const csv = parse(await exportAs("csv"), { columns: true }) as Record<string, string>[];
      expect(csv).toHaveLength(120);
      expect(Object.keys(csv[0]!).slice(0, 5)).toEqual(["id", "split", "gold", "label", "p_sports"]);
      expect(csv[1]).toMatchObject({ id: "2", gold: "sports|tech", label: decided(1).join("|") });
      const jsonl = (await exportAs("jsonl"))
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { id: string; gold: string[] | null; labels: string[] });
      expect(jsonl[1]).toMatchObject({ id: "2", gold: ["sports", "tech"], labels: decided(1) });
      const tasks = JSON.parse(await exportAs("label-studio")) as { annotations?: { result: { value: { choices: string[] } }[] }[]; predictions: unknown[] }[];
      expect(tasks[1]!.annotations![0]!.result[0]!.value.choices).toEqual(["sports", "tech"]);
      expect(tasks[1]!.predictions).toHaveLength(programs.length + 1);
      expect(await exportAs("label-studio-config")).toContain('choice="multiple"');

      // "Label new data" with the trained model writes label lists and counts each class a row gets.
      const modelUploadId = randomUUID();
      const dataUploadId = randomUUID();
      await writeFile(join(dir, modelUploadFileName(modelUploadId)), (await readTrainedModelOnnx(db.prisma, project.id, model.id))!.bytes);
      await copyFile(join(EXAMPLE, "data.csv"), join(dir, uploadFileName(dataUploadId, "csv")));
      const predicted = await predictService(
        parsePredictPayload({
          projectId: project.id,
          actorId,
          modelUploadId,
          dataUploadId,
          dataFormat: "csv",
          dataFileName: "data.csv",
          modelFileName: "news.onnx",
          idField: "id",
          outputFormat: "jsonl",
        }),
        { uploadDir: dir, report: async () => undefined },
      );
      const lines = (await readFile(join(dir, uploadFileName(predicted.resultUploadId, "jsonl")), "utf8"))
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { id: string; label: string; labels: string[] });
      expect(lines).toHaveLength(120);
      expect(lines[1]!.label).toBe(lines[1]!.labels.join("|"));
      expect(predicted.counts).toEqual(CLASSES.map((c) => lines.filter((l) => l.labels.includes(c)).length));
      expect(predicted.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

      // Review decides one class per row; a multi-label row's gold is a set, so review refuses to write it.
      await expect(
        db.prisma.$transaction((tx) =>
          setReviewGold(tx, { projectId: project.id, rowId: row2.id, label: 1, actorId, via: "review", correction: { reason: null } }),
        ),
      ).rejects.toThrow(/task is multi-label: review decides one class per row/);
      expect((await db.prisma.row.findUniqueOrThrow({ where: { id: row2.id } })).gold).toBe(0b0101);

      console.log(
        `multi-label example: label models micro-F1 ${test.microF1.toFixed(3)} / macro-F1 ${test.macroF1.toFixed(3)}; ` +
          `studio MLP micro-F1 ${report.microF1.toFixed(3)} / macro-F1 ${report.macroF1.toFixed(3)} (CLI MLP ${cli.report.distilled.test!.microF1.toFixed(3)} / ${cli.report.distilled.test!.macroF1.toFixed(3)})`,
      );
    },
    testBudget(600_000),
  );
});
