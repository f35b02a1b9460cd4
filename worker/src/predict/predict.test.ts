import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue, QueueEvents } from "bullmq";
import { embeddingMatrix, exportImageModelOnnx, exportModelOnnx, imageFeatures, MlpClassifier, RowFeaturizer } from "@alchemist/engine";
import { labelsCsv, predictWithModel } from "@alchemist/engine/node";
import { createProject, findJobByExternalId } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { QUEUES, modelUploadFileName, parsePredictPayload, uploadFileName } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mlpParamsFromJson } from "../../../packages/engine/src/models/mlp-json";
import { createQueueWorker } from "../create-queue-worker";
import { createRedisConnection } from "../redis-connection";
import { createPredictProcessor } from "./predict-processor";
import { predictService } from "./predict-service";
import { createMember } from "../testing/create-member";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `alchemist-test-${randomBytes(4).toString("hex")}`;
const spam = ["free prize now", "win a free phone", "claim your prize", "free entry win", "cash prize call now", "win win win"];
const ham = ["see you at lunch", "call me later", "ok thanks", "love you mum", "dinner at eight?", "running late, sorry"];

/** A real model.onnx: TF-IDF features + a small MLP trained on spam/ham, exported with its metadata. */
function tinyModel(): Uint8Array {
  const texts = [...spam, ...ham];
  const featurizer = RowFeaturizer.fit(texts, { tfidf: { dimension: 256 } });
  const X = featurizer.transform(texts);
  const values = new Float64Array(texts.map((_, i) => (i < spam.length ? [0.05, 0.95] : [0.95, 0.05])).flat());
  const mlp = new MlpClassifier({ inputSize: featurizer.dimension, k: 2, hidden: [8], epochs: 30, seed: 1 });
  mlp.fit(X, { n: texts.length, k: 2, values });
  return exportModelOnnx({
    params: mlpParamsFromJson(mlp.toJSON()).params,
    features: featurizer.toJSON(),
    classNames: ["ham", "spam"],
    input: "text",
    taskName: "sms",
  });
}

/** A real image model.onnx (input image_embeds): a small MLP on 4-dimensional "CLIP" embeddings. */
function tinyImageModel(): Uint8Array {
  const n = 8;
  const dim = 4;
  const embeddings = embeddingMatrix(
    n,
    dim,
    Float32Array.from({ length: n * dim }, (_, i) => Math.sin(i + 1)),
  );
  const { X, spec } = imageFeatures(
    embeddings,
    Int32Array.from({ length: n }, (_, i) => i),
    {
      kind: "embeddings",
      calibration: null,
      concepts: [],
      conceptEmbeddings: embeddingMatrix(0, dim, new Float32Array(0)),
    },
  );
  const mlp = new MlpClassifier({ inputSize: dim, k: 2, hidden: [4], epochs: 5, seed: 1 });
  mlp.fit(X, { n, k: 2, values: Float64Array.from({ length: n * 2 }, (_, i) => (i % 2 === Math.floor(i / 2) % 2 ? 0.9 : 0.1)) });
  return exportImageModelOnnx({
    params: mlpParamsFromJson(mlp.toJSON()).params,
    features: spec,
    classNames: ["circle", "square"],
    template: "a photo of {}.",
    insights: null,
    preprocessing: { imageSize: 224, resizeTo: 224, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5], clipModelKey: "ab".repeat(32) },
  });
}

const data = [
  { id: "n1", text: "free prize, call now" },
  { id: "n2", text: "see you at dinner" },
  { id: "n3", text: 'win a "free" phone' },
  { id: "n4", text: "thanks mum" },
];
const dataCsv = ["id,text", ...data.map((r) => `${r.id},"${r.text.replace(/"/g, '""')}"`)].join("\n");

let db: TestDatabase;
let dir: string;
let model: Uint8Array;
let queue: Queue;
let events: QueueEvents;
const connection = createRedisConnection(REDIS_URL);
let worker: { close(): Promise<void> };

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "alchemist-predict-"));
  model = tinyModel();
  queue = new Queue(QUEUES.predict, { connection: { url: REDIS_URL }, prefix });
  events = new QueueEvents(QUEUES.predict, { connection: { url: REDIS_URL }, prefix });
  await events.waitUntilReady();
  worker = await createQueueWorker(QUEUES.predict, createPredictProcessor({ db: db.prisma, uploadDir: dir }), { connection, prefix });
});
afterAll(async () => {
  await worker?.close();
  await queue?.obliterate({ force: true }).catch(() => {});
  await Promise.all([queue?.close(), events?.close()]);
  await connection.quit();
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

async function uploads(modelBytes: Uint8Array, text: string) {
  const [modelUploadId, dataUploadId] = [randomUUID(), randomUUID()];
  await writeFile(join(dir, modelUploadFileName(modelUploadId)), modelBytes);
  await writeFile(join(dir, uploadFileName(dataUploadId, "csv")), text);
  return { modelUploadId, dataUploadId, dataFormat: "csv", dataFileName: "new.csv", modelFileName: "sms.onnx" };
}

async function run(payload: { projectId: string } & Record<string, unknown>) {
  // Every job names a member it acts for; predicting needs "read".
  const actorId = await createMember(db.prisma, payload.projectId, "VIEWER");
  const job = await queue.add(QUEUES.predict, { actorId, ...payload }, { jobId: randomUUID() });
  const result = await job.waitUntilFinished(events, testBudget(60_000)).then(
    (r: unknown) => ({ ok: true as const, result: r }),
    (e: Error) => ({ ok: false as const, error: e.message }),
  );
  return { jobId: job.id!, ...result };
}

describe("predict worker", () => {
  it("labels an uploaded file exactly as predictWithModel does, stores the result and deletes the inputs", async () => {
    const project = await createProject(db.prisma, { name: "predict" });
    const expected = await predictWithModel(
      model,
      data.map((r) => ({ id: r.id, fields: { text: r.text } })),
    );
    for (const outputFormat of ["csv", "jsonl"] as const) {
      const input = await uploads(model, dataCsv);
      const out = await run({ projectId: project.id, ...input, idField: "id", outputFormat });
      expect(out).toMatchObject({ ok: true, result: { format: outputFormat, rows: 4, classNames: ["ham", "spam"] } });
      const result = (out as { result: { resultUploadId: string; counts: number[] } }).result;
      expect(result.counts).toEqual([0, 1].map((c) => expected.predictions.filter((p) => p.label === ["ham", "spam"][c]).length));
      const text = await readFile(join(dir, uploadFileName(result.resultUploadId, outputFormat)), "utf8");
      if (outputFormat === "csv") expect(text).toBe(labelsCsv(expected.predictions, expected.classNames));
      else
        expect(
          text
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l).label),
        ).toEqual(expected.predictions.map((p) => p.label));
      expect(await findJobByExternalId(db.prisma, QUEUES.predict, out.jobId)).toMatchObject({ status: "SUCCEEDED", progress: 100, result });
      const left = await readdir(dir);
      expect(left).not.toContain(modelUploadFileName(input.modelUploadId));
      expect(left).not.toContain(uploadFileName(input.dataUploadId, "csv"));
    }
    expect(new Set(expected.predictions.map((p) => p.label))).toEqual(new Set(["ham", "spam"]));
  });

  it("writes the same file when it labels in several chunks, reporting progress per chunk", async () => {
    const input = await uploads(model, dataCsv);
    const expected = await predictWithModel(
      model,
      data.map((r) => ({ id: r.id, fields: { text: r.text } })),
    );
    const stages: string[] = [];
    const payload = parsePredictPayload({ projectId: "p", actorId: "u1", ...input, idField: "id" });
    const result = await predictService(payload, { uploadDir: dir, chunkRows: 3, report: async (_p, stage) => void stages.push(stage) });
    expect(await readFile(join(dir, uploadFileName(result.resultUploadId, "csv")), "utf8")).toBe(labelsCsv(expected.predictions, expected.classNames));
    expect(stages.filter((s) => s.startsWith("labeled"))).toEqual(["labeled 3 of 4 rows", "labeled 4 of 4 rows"]);
  });

  it("reads the model's input from the column the mapping names, and refuses mapping an input the model lacks", async () => {
    const renamed = dataCsv.replace(/^id,text/, "ref,body");
    const expected = await predictWithModel(
      model,
      data.map((r) => ({ id: r.id, fields: { text: r.text } })),
    );
    const payload = parsePredictPayload({ projectId: "p", actorId: "u1", ...(await uploads(model, renamed)), idField: "ref", inputColumns: { text: "body" } });
    const result = await predictService(payload, { uploadDir: dir, report: async () => {} });
    expect(await readFile(join(dir, uploadFileName(result.resultUploadId, "csv")), "utf8")).toBe(labelsCsv(expected.predictions, expected.classNames));
    const wrong = parsePredictPayload({ projectId: "p", actorId: "u1", ...(await uploads(model, renamed)), inputColumns: { message: "body" } });
    await expect(predictService(wrong, { uploadDir: dir, report: async () => {} })).rejects.toThrow(
      'sms.onnx has no input field "message" (its inputs: text): map the model\'s own input field(s)',
    );
  });

  it("fails with a clear error for bad model bytes or a data file without the model's input field", async () => {
    const project = await createProject(db.prisma, { name: "predict-bad" });
    const bad = await run({ projectId: project.id, ...(await uploads(Uint8Array.from([1, 2, 3, 4]), dataCsv)) });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^sms\.onnx: not an ONNX model/) });
    expect(await findJobByExternalId(db.prisma, QUEUES.predict, bad.jobId)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/sms\.onnx/) });
    const noField = await run({ projectId: project.id, ...(await uploads(model, "id,body\n1,hello")) });
    expect(noField).toMatchObject({
      ok: false,
      error: 'new.csv: input field "text" not found; available columns: id, body; the data needs a header row with the model\'s input column(s)',
    });
    expect(noField.ok || noField.error.includes(dir)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("an image model fails saying what it is and how to label new pictures instead, and deletes the inputs", async () => {
    const project = await createProject(db.prisma, { name: "predict-image" });
    const files = await uploads(tinyImageModel(), dataCsv);
    const image = await run({ projectId: project.id, ...files });
    expect(image).toMatchObject({ ok: false, error: expect.stringMatching(/^sms\.onnx is an image model .*upload them as an image dataset of this project/) });
    const left = await readdir(dir);
    expect([modelUploadFileName(files.modelUploadId), uploadFileName(files.dataUploadId, "csv")].filter((f) => left.includes(f))).toEqual([]);
  });

  it("rejects path-traversal upload ids before touching any file", async () => {
    const project = await createProject(db.prisma, { name: "predict-evil" });
    const input = await uploads(model, dataCsv);
    for (const evil of ["../../etc/passwd", `${input.modelUploadId}/../x`, "..", ""]) {
      const out = await run({ projectId: project.id, ...input, modelUploadId: evil });
      expect(out).toMatchObject({ ok: false, error: expect.stringMatching(/invalid predict payload: modelUploadId: upload ids are UUIDs/) });
    }
    expect(await readdir(dir)).toContain(modelUploadFileName(input.modelUploadId));
  });
});
