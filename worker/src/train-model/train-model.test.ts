import { randomBytes } from "node:crypto";
import { Queue, QueueEvents, type Worker } from "bullmq";
import { classificationReport, readOnnxMetadata } from "@alchemist/engine";
import { predictWithModel } from "@alchemist/engine/node";
import {
  createDatasetWithRows,
  createProgram,
  createProject,
  createRun,
  createTask,
  createTrainedModel,
  getTrainedModel,
  hasPseudolabels,
  listRunJobs,
  readTrainedModelOnnx,
  runPrograms,
  saveChunkVotes,
  setRunStatus,
  type LossPoint,
} from "@alchemist/db";
import { createTestDatabase, seedDemo, type TestDatabase } from "@alchemist/db/testing";
import { QUEUES, cancelChannel, type TrainModelResult } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueueWorker } from "../create-queue-worker";
import { createRedisConnection } from "../redis-connection";
import { createTrainModelProcessor } from "./train-model-processor";
import { createMember } from "../testing/create-member";
import { textTask } from "../testing/text-task";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `alchemist-test-${randomBytes(4).toString("hex")}`;
let db: TestDatabase;
let worker: Worker;
let queue: Queue;
let events: QueueEvents;
const connection = createRedisConnection(REDIS_URL);

beforeAll(async () => {
  db = await createTestDatabase();
  worker = (await createQueueWorker(QUEUES.trainModel, createTrainModelProcessor({ db: db.prisma }), { connection, prefix })) as Worker;
  queue = new Queue(QUEUES.trainModel, { connection: { url: REDIS_URL }, prefix });
  events = new QueueEvents(QUEUES.trainModel, { connection: { url: REDIS_URL }, prefix });
  await events.waitUntilReady();
}, testBudget(60_000));
afterAll(async () => {
  await worker?.close(true);
  await queue?.obliterate({ force: true });
  await Promise.all([queue?.close(), events?.close()]);
  await connection.quit();
  await db?.drop();
});

async function enqueue(projectId: string, runId: string, options: { epochs?: number; hidden?: number[]; tfidfDimension?: number } = {}) {
  const model = await createTrainedModel(db.prisma, { projectId, runId });
  const jobId = randomBytes(8).toString("hex");
  // Every job names a member it acts for; training needs "edit".
  const actorId = await createMember(db.prisma, projectId);
  await queue.add(QUEUES.trainModel, { projectId, runId, trainedModelId: model.id, actorId, ...options }, { jobId, attempts: 1 });
  return { model, job: (await queue.getJob(jobId))!, jobId };
}

/** Seeded pseudo-random numbers in [0, 1) (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 1200 rows, 70/10/20 train/dev/test, two classes (~35% "b") whose texts mix class words into
 * shared words; three keyword programs (stored votes) cover part of the rows, one with noise.
 */
async function seedSynthetic() {
  const random = rng(7);
  const project = await createProject(db.prisma, { name: `synth-${randomBytes(3).toString("hex")}` });
  await createTask(db.prisma, project.id, textTask("t", "python", ["a", "b"]));
  const vocab = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}${i}`);
  const [classWords, shared] = [[vocab("alpha", 20), vocab("beta", 20)], vocab("w", 200)];
  const rows = Array.from({ length: 1200 }, (_, i) => {
    const y = random() < 0.35 ? 1 : 0;
    const words = Array.from({ length: 10 }, () => (random() < 0.3 ? classWords[y]![Math.floor(random() * 20)]! : shared[Math.floor(random() * 200)]!));
    return {
      id: `s${i}`,
      fields: { text: words.join(" ") },
      split: (i % 10 < 7 ? "train" : i % 10 === 7 ? "dev" : "test") as "train" | "dev" | "test",
      gold: y,
    };
  });
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "synthetic", rows, chunkSize: 500 });
  const rules = [
    { name: "beta_low", vote: (t: string[]) => (t.some((w) => /^beta[0-7]$/.test(w)) ? 1 : -1) },
    { name: "alpha_low", vote: (t: string[]) => (t.some((w) => /^alpha[0-7]$/.test(w)) ? 0 : -1) },
    { name: "beta_noisy", vote: (t: string[]) => (t.some((w) => /^beta1[0-5]$/.test(w) || w === "w3") ? 1 : -1) },
  ];
  for (const rule of rules) {
    const { version } = await createProgram(db.prisma, {
      projectId: project.id,
      name: rule.name,
      language: "PYTHON",
      source: `def label_function(text):\n    return -1  # ${rule.name}\n`,
    });
    for (let c = 0; c * 500 < rows.length; c++) {
      const votes = Int8Array.from(rows.slice(c * 500, (c + 1) * 500), (r) => rule.vote(r.fields.text.split(" ")));
      await saveChunkVotes(db.prisma, { datasetId: dataset.id, codeHash: version.codeHash, chunkIndex: c, votes });
    }
  }
  const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
  await setRunStatus(db.prisma, run.id, "SUCCEEDED");
  return { projectId: project.id, runId: run.id, datasetId: dataset.id };
}

describe("train-model job", () => {
  it(
    "distils a run's pseudolabels into an ONNX model that beats the majority baseline on test, with its loss curve stored",
    async () => {
      const { projectId, runId, datasetId } = await seedSynthetic();
      expect(await hasPseudolabels(db.prisma, runId)).toBe(false);
      const { model, job } = await enqueue(projectId, runId, { epochs: 40, tfidfDimension: 4096 });
      const result = (await job.waitUntilFinished(events, testBudget(120_000))) as TrainModelResult;
      // The run had no pseudolabels: the job fitted the label model first.
      expect(await hasPseudolabels(db.prisma, runId)).toBe(true);
      const stored = (await getTrainedModel(db.prisma, model.id))!;
      expect(stored.status).toBe("SUCCEEDED");
      const curve = stored.lossCurve as unknown as LossPoint[];
      expect(curve.length).toBe(result.epochs);
      expect(curve.map((p) => p.epoch)).toEqual(Array.from({ length: curve.length }, (_, i) => i + 1));
      expect(curve.at(-1)!.loss).toBeLessThan(curve[0]!.loss);
      // Majority baseline on the same test rows: always the most frequent test class.
      const testRows = await db.prisma.row.findMany({
        where: { datasetId, split: "TEST" },
        orderBy: { index: "asc" },
        select: { externalId: true, fields: true, gold: true },
      });
      const gold = testRows.map((r) => r.gold!);
      const majority = gold.filter((g) => g === 1).length * 2 > gold.length ? 1 : 0;
      const baseline = classificationReport(
        gold,
        gold.map(() => majority),
        ["a", "b"],
      );
      const metrics = stored.metrics as { accuracy: number; f1: number; confusion: number[][]; ece: number };
      expect(metrics.f1).toBeGreaterThan(baseline.f1! + 0.2);
      expect(metrics.accuracy).toBeGreaterThan(baseline.accuracy!);
      expect(metrics.confusion.flat().reduce((a, b) => a + b, 0)).toBe(gold.length);
      expect(result).toMatchObject({ trainedModelId: model.id, testF1: metrics.f1 });
      // The stored bytes are a real ONNX model: onnxruntime runs it and reproduces the stored test accuracy.
      const onnx = (await readTrainedModelOnnx(db.prisma, projectId, model.id))!;
      expect(onnx.bytes.byteLength).toBe(stored.onnxBytes);
      expect(JSON.parse(readOnnxMetadata(onnx.bytes)["alchemist.classes"]!)).toEqual(["a", "b"]);
      const { predictions } = await predictWithModel(
        onnx.bytes,
        testRows.map((r) => ({ id: r.externalId, fields: r.fields as Record<string, unknown> })),
      );
      const onnxAccuracy = predictions.filter((p, i) => p.label === ["a", "b"][gold[i]!]).length / predictions.length;
      expect(onnxAccuracy).toBeCloseTo(metrics.accuracy, 6);
      // Train gold never fits anything: the config counts only the train rows some program votes on.
      const config = stored.config as { trainRows: number; labelModel: string };
      expect(config.trainRows).toBeLessThan(840);
      expect(config.labelModel).toBeTruthy();
      expect((await listRunJobs(db.prisma, runId)).find((j) => j.queue === QUEUES.trainModel)).toMatchObject({ status: "SUCCEEDED" });
    },
    testBudget(180_000),
  );

  it(
    "cancels a training job through the cancel channel, keeping the curve so far and marking the model CANCELLED",
    async () => {
      // 4000 rows without dev gold: no early stopping, so 200 epochs take long enough to cancel.
      const project = await createProject(db.prisma, { name: `train-${randomBytes(3).toString("hex")}` });
      await createTask(db.prisma, project.id, textTask("t", "python", ["a", "b"]));
      const words = Array.from({ length: 300 }, (_, i) => `w${i}`);
      const rows = Array.from({ length: 4000 }, (_, i) => ({
        id: `r${i}`,
        fields: { text: Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(" ") },
        split: (i % 10 === 9 ? "test" : "train") as "train" | "test",
        gold: i % 2,
      }));
      const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "big", rows, chunkSize: 1000 });
      const { version } = await createProgram(db.prisma, {
        projectId: project.id,
        name: "p",
        language: "PYTHON",
        source: "def label_function(text):\n    return -1\n",
      });
      for (let c = 0; c < 4; c++)
        await saveChunkVotes(db.prisma, {
          datasetId: dataset.id,
          codeHash: version.codeHash,
          chunkIndex: c,
          votes: Int8Array.from({ length: 1000 }, (_, r) => (c * 1000 + r) % 2),
        });
      const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
      expect(runPrograms(run)).toHaveLength(1);
      await setRunStatus(db.prisma, run.id, "SUCCEEDED");
      const { model, job, jobId } = await enqueue(project.id, run.id, { epochs: 200, hidden: [128, 128] });
      const finished = job.waitUntilFinished(events, testBudget(120_000)).then(
        () => "completed",
        (error: Error) => error.message,
      );
      for (let i = 0; i < 1200; i++) {
        const now = await getTrainedModel(db.prisma, model.id);
        if ((now!.lossCurve as unknown[]).length >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await connection.publish(cancelChannel(QUEUES.trainModel, prefix), JSON.stringify({ jobId, reason: "user asked" }));
      expect(await finished).toMatch(/cancelled: user asked/);
      const stored = (await getTrainedModel(db.prisma, model.id))!;
      expect(stored.status).toBe("CANCELLED");
      const curve = stored.lossCurve as unknown[];
      expect(curve.length).toBeGreaterThanOrEqual(2);
      expect(curve.length).toBeLessThan(200);
      expect(stored.onnxBytes).toBe(0);
    },
    testBudget(180_000),
  );

  it(
    "refuses a trained model that belongs to another run, failing the job with a clear message",
    async () => {
      const demo = await seedDemo(db.prisma);
      const other = await createRun(db.prisma, { projectId: demo.projectId, datasetId: demo.datasetId });
      const model = await createTrainedModel(db.prisma, { projectId: demo.projectId, runId: other.id });
      await queue.add(
        QUEUES.trainModel,
        { projectId: demo.projectId, runId: demo.runId, trainedModelId: model.id, actorId: demo.userId },
        { jobId: "mismatch", attempts: 1 },
      );
      const message = await (await queue.getJob("mismatch"))!.waitUntilFinished(events, testBudget(30_000)).then(
        () => "completed",
        (error: Error) => error.message,
      );
      expect(message).toMatch(new RegExp(`trained model ${model.id} does not belong to run ${demo.runId}`));
      // An actor who is not (or no longer) a member may not train: the job fails before any work.
      const stranger = await db.prisma.user.create({ data: { email: `x-${randomBytes(3).toString("hex")}@example.com`, name: "x" } });
      const mine = await createTrainedModel(db.prisma, { projectId: demo.projectId, runId: demo.runId });
      await queue.add(
        QUEUES.trainModel,
        { projectId: demo.projectId, runId: demo.runId, trainedModelId: mine.id, actorId: stranger.id },
        { jobId: "stranger", attempts: 1 },
      );
      const denied = await (await queue.getJob("stranger"))!.waitUntilFinished(events, testBudget(30_000)).then(
        () => "completed",
        (error: Error) => error.message,
      );
      expect(denied).toMatch(/is not a member of project/);
      expect((await getTrainedModel(db.prisma, mine.id))!.status).toBe("FAILED");
    },
    testBudget(60_000),
  );
});
