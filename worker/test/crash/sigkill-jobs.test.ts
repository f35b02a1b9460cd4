import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportModelOnnx, MlpClassifier, RowFeaturizer } from "@alchemist/engine";
import {
  createDatasetWithRows,
  createGenerationRequest,
  createProgram,
  createProgramRefinement,
  createProject,
  createTask,
  type PrismaClient,
} from "@alchemist/db";
import { QUEUES, modelUploadFileName, uploadFileName } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mlpParamsFromJson } from "../../../packages/engine/src/models/mlp-json";
import { startMockLlmServer, type MockLlmServer } from "../../../packages/engine/src/node/llm/testing/mock-llm-server";
import { isRefinePrompt, refineReply } from "../../../packages/engine/src/node/llm/testing/refine-fixture";
import { useCrashStack } from "./crash-stack";

// SIGKILL the real worker in the middle of import-dataset, predict and generate-programs, restart
// it, and check the outputs are complete and not duplicated.
const { unsupported, budget, stack } = await useCrashStack("crash_jobs");
let uploads: string;
let mock: MockLlmServer;
let prisma: PrismaClient;
/** Each job of this file: a worker start to kill it, one to finish it, plus its rows. */
const jobBudget = (rows: number) => 4 * budget.workerStart() + 2 * budget.rows(rows);

beforeAll(async () => {
  if (unsupported) return;
  prisma = stack().prisma;
  uploads = mkdtempSync(join(tmpdir(), "alchemist-crash-uploads-"));
  mock = await startMockLlmServer((req) =>
    isRefinePrompt(req)
      ? { text: refineReply(req, { brokenFirst: true }), inputTokens: 800, outputTokens: 120 }
      : {
          text: "```javascript\nfunction label_function(text) {\n  return text.includes('free') ? 1 : (text.length < 12 ? 0 : -1);\n}\n```",
          inputTokens: 500,
          outputTokens: 100,
        },
  );
  stack().env = { ...stack().env, UPLOAD_DIR: uploads, OPENAI_API_KEY: "test-key", ALCHEMIST_LLM_BASE_URL: mock.openaiBaseURL };
});
afterAll(async () => {
  await mock?.close();
  if (uploads) rmSync(uploads, { recursive: true, force: true });
});

const jobRow = (id: string) => prisma.job.findUniqueOrThrow({ where: { id } });
/** Every job payload names the user it acts for (an editor of the project). */
async function editorOf(projectId: string): Promise<string> {
  const user = await prisma.user.create({ data: { email: `editor-${randomUUID()}@crash.test`, name: "Editor" } });
  await prisma.membership.create({ data: { userId: user.id, projectId, role: "EDITOR" } });
  return user.id;
}

describe.skipIf(unsupported !== null)("SIGKILL in the middle of a job, then a restart", () => {
  it(
    "import-dataset: the dataset exists once with every row (the transaction of the killed import left nothing)",
    async () => {
      const project = await createProject(prisma, { name: "crash-import" });
      const N = 60_000;
      const uploadId = randomUUID();
      const csv = ["id,text,label", ...Array.from({ length: N }, (_, i) => `id${i},message number ${i},${i % 3 === 0 ? "spam" : "ham"}`)].join("\n");
      writeFileSync(join(uploads, uploadFileName(uploadId, "csv")), csv);
      const payload = {
        projectId: project.id,
        uploadId,
        format: "csv" as const,
        fileName: "big.csv",
        name: "big",
        mapping: { input: ["text"], id: "id", label: "label" },
        classNames: ["ham", "spam"],
        seed: 7,
        actorId: await editorOf(project.id),
      };
      const row = await stack().enqueue(QUEUES.importDataset, payload);
      await stack().killWhen("rows being written", async () => /^wrote \d+ of/.test((await jobRow(row.id)).stage ?? ""), budget.rows(N));
      expect(await prisma.dataset.count({ where: { projectId: project.id } }), "nothing committed by the killed import").toBe(0);
      const done = await stack().restartUntilDone(row.id, budget.rows(N));
      const datasets = await prisma.dataset.findMany({ where: { projectId: project.id } });
      expect(datasets).toHaveLength(1);
      expect(done.result).toMatchObject({ datasetId: datasets[0]!.id, rows: N });
      expect(datasets[0]!.rowCount).toBe(N);
      expect(await prisma.row.count({ where: { datasetId: datasets[0]!.id } })).toBe(N);
      const ids = await prisma.row.findMany({ where: { datasetId: datasets[0]!.id }, select: { externalId: true, index: true } });
      expect(new Set(ids.map((r) => r.externalId)).size).toBe(N);
      expect(new Set(ids.map((r) => r.index)).size).toBe(N);
    },
    jobBudget(60_000),
  );

  it(
    "predict: one complete labels file with every row once; the inputs are deleted",
    async () => {
      const project = await createProject(prisma, { name: "crash-predict" });
      const spam = ["free prize now", "win a free phone", "claim your prize", "free entry win"];
      const ham = ["see you at lunch", "call me later", "ok thanks", "love you mum"];
      const texts = [...spam, ...ham];
      const featurizer = RowFeaturizer.fit(texts, { tfidf: { dimension: 64 } });
      const mlp = new MlpClassifier({ inputSize: featurizer.dimension, k: 2, hidden: [4], epochs: 10, seed: 1 });
      mlp.fit(featurizer.transform(texts), {
        n: texts.length,
        k: 2,
        values: new Float64Array(texts.map((_, i) => (i < spam.length ? [0.1, 0.9] : [0.9, 0.1])).flat()),
      });
      const model = exportModelOnnx({
        params: mlpParamsFromJson(mlp.toJSON()).params,
        features: featurizer.toJSON(),
        classNames: ["ham", "spam"],
        input: "text",
        taskName: "sms",
      });
      const N = 120_000;
      const [modelUploadId, dataUploadId] = [randomUUID(), randomUUID()];
      writeFileSync(join(uploads, modelUploadFileName(modelUploadId)), model);
      writeFileSync(
        join(uploads, uploadFileName(dataUploadId, "csv")),
        ["id,text", ...Array.from({ length: N }, (_, i) => `n${i},${texts[i % texts.length]} ${i}`)].join("\n"),
      );
      const payload = {
        projectId: project.id,
        modelUploadId,
        dataUploadId,
        dataFormat: "csv" as const,
        dataFileName: "new.csv",
        modelFileName: "sms.onnx",
        idField: "id",
        outputFormat: "csv" as const,
        actorId: await editorOf(project.id),
      };
      const row = await stack().enqueue(QUEUES.predict, payload);
      await stack().killWhen("some rows labeled", async () => /^labeled \d+ of/.test((await jobRow(row.id)).stage ?? ""), budget.rows(N));
      expect((await jobRow(row.id)).status).toBe("RUNNING");
      // the killed attempt's partial labels file
      expect(readdirSync(uploads).filter((f) => f.endsWith(".part"))).toHaveLength(1);
      const done = await stack().restartUntilDone(row.id, budget.rows(N));
      const result = done.result as { resultUploadId: string; rows: number };
      expect(result.rows).toBe(N);
      const lines = readFileSync(join(uploads, uploadFileName(result.resultUploadId, "csv")), "utf8")
        .trim()
        .split(/\r?\n/);
      expect(lines).toHaveLength(N + 1);
      const ids = lines.slice(1).map((l) => l.split(",")[0]);
      expect(new Set(ids).size).toBe(N);
      const left = readdirSync(uploads);
      expect(left).not.toContain(modelUploadFileName(modelUploadId));
      expect(left).not.toContain(uploadFileName(dataUploadId, "csv"));
      // Only one finished labels file for this job, and no .part: the retry wrote to the same
      // (input-derived) name as the killed attempt, replacing its partial file.
      expect(left.filter((f) => f.endsWith(".csv") && f !== uploadFileName(result.resultUploadId, "csv"))).toEqual([]);
      expect(left.filter((f) => f.endsWith(".part"))).toEqual([]);
    },
    jobBudget(120_000),
  );

  it(
    "generate-programs (mock LLM server): the request's programs exist once, every answered call is on the ledger exactly once, the retry reuses the cache",
    async () => {
      const project = await createProject(prisma, { name: "crash-generate" });
      await createTask(prisma, project.id, {
        name: "sms",
        description: "Label SMS text messages as spam or ham.",
        input: "text",
        language: "javascript",
        functionName: "label_function",
        classes: [
          { name: "ham", description: "personal" },
          { name: "spam", description: "ads" },
        ],
      });
      const texts = ["free prize now", "see you at lunch", "win a free phone", "call me later", "claim your prize", "ok thanks", "free entry win", "love you"];
      await createDatasetWithRows(prisma, {
        projectId: project.id,
        name: "sms",
        rows: texts.flatMap((text, i) =>
          (["train", "dev", "test"] as const).map((split) => ({
            id: `${split}-${i}`,
            fields: { text },
            split,
            gold: /free|prize|win|claim/.test(text) ? 1 : 0,
          })),
        ),
      });
      const n = 8;
      const request = await createGenerationRequest(prisma, {
        projectId: project.id,
        provider: "openai",
        model: "gpt-4o-mini",
        n,
        language: "JAVASCRIPT",
        infoKinds: ["descriptions"],
        params: { concurrency: 1 },
      });
      // the LLM response cache is on for this test: the retry after the kill gets the answered calls back for $0
      const cacheDir = mkdtempSync(join(tmpdir(), "alchemist-crash-llm-cache-"));
      const plainEnv = stack().env;
      stack().env = { ...plainEnv, ALCHEMIST_LLM_CACHE_DIR: cacheDir };
      // the first 4 calls are answered, the 5th hangs: the worker is killed while waiting on it, its
      // earlier answers possibly still in validation (that is where bookings used to be lost)
      const answeredBefore = mock.answered.length;
      const requestsBefore = mock.requests.length;
      const ANSWERED = 4;
      const reply = {
        text: "```javascript\nfunction label_function(text) {\n  return text.includes('free') ? 1 : (text.length < 12 ? 0 : -1);\n}\n```",
        inputTokens: 500,
        outputTokens: 100,
      };
      mock.enqueue(...Array.from({ length: ANSWERED }, () => reply), { hang: true });
      try {
        const row = await stack().enqueue(
          QUEUES.generatePrograms,
          { projectId: project.id, generationRequestId: request.id, actorId: await editorOf(project.id) },
          { jobId: request.id },
        );
        await stack().killWhen("the 5th call to hang", async () => mock.requests.length - requestsBefore >= ANSWERED + 1, budget.programs(n));
        expect(mock.answered.length - answeredBefore).toBe(ANSWERED);
        // every answered call was booked before the next one was sent
        const booked = await prisma.llmCall.findMany({ where: { generationRequestId: request.id } });
        expect(booked).toHaveLength(ANSWERED);
        expect(booked.every((c) => !c.cached && c.costUsd > 0)).toBe(true);
        const before = await prisma.generationRequest.findUniqueOrThrow({ where: { id: request.id } });
        expect(before.status).not.toBe("SUCCEEDED");
        expect(await prisma.program.count({ where: { projectId: project.id } })).toBe(0);
        const done = await stack().restartUntilDone(row.id, budget.programs(n));
        const stored = await prisma.generationRequest.findUniqueOrThrow({ where: { id: request.id } });
        expect(stored.status).toBe("SUCCEEDED");
        const programs = await prisma.program.findMany({ where: { projectId: project.id } });
        expect(programs).toHaveLength(n);
        expect(new Set(programs.map((p) => p.name)).size).toBe(n);
        expect(done.result).toMatchObject({ generationRequestId: request.id, programs: n });
        const calls = await prisma.llmCall.findMany({ where: { generationRequestId: request.id } });
        const answered = mock.answered.length - answeredBefore;
        // exactly one paid ledger row per answered request (none lost to the kill, none twice), at the answer's price
        expect(new Set(calls.map((c) => c.attemptId)).size).toBe(calls.length);
        expect(calls.filter((c) => !c.cached)).toHaveLength(answered);
        expect(calls.filter((c) => !c.cached).every((c) => c.inputTokens === 500 && c.outputTokens === 100)).toBe(true);
        // the retry (t2:) re-asked the 4 answered prompts from the cache ($0) and paid only for the rest
        const retried = calls.filter((c) => c.attemptId?.startsWith("t2:"));
        expect(
          retried
            .filter((c) => c.cached)
            .map((c) => c.attemptId!.slice(3))
            .sort(),
        ).toEqual(booked.map((c) => c.attemptId).sort());
        expect(retried.filter((c) => c.cached).every((c) => c.costUsd === 0)).toBe(true);
        expect(retried.filter((c) => !c.cached)).toHaveLength(answered - ANSWERED);
      } finally {
        stack().env = plainEnv;
        rmSync(cacheDir, { recursive: true, force: true });
      }
    },
    jobBudget(0) + 2 * budget.programs(8),
  );

  it(
    "refine-program (mock LLM server): one candidate version, the refinement finished once, no call booked twice",
    async () => {
      const project = await createProject(prisma, { name: "crash-refine" });
      const user = await prisma.user.create({ data: { email: "refiner@crash.test", name: "Refiner" } });
      await prisma.membership.create({ data: { userId: user.id, projectId: project.id, role: "EDITOR" } });
      await createTask(prisma, project.id, {
        name: "sms",
        description: "Label SMS text messages as spam or ham.",
        input: "text",
        language: "javascript",
        functionName: "label_function",
        classes: [
          { name: "ham", description: "personal" },
          { name: "spam", description: "ads" },
        ],
      });
      const texts: [string, number][] = [
        ["you won a prize", 1],
        ["winner winner", 1],
        ["see you at lunch", 0],
        ["call me later", 0],
        ["claim your prize now", 1],
        ["ok thanks", 0],
      ];
      await createDatasetWithRows(prisma, {
        projectId: project.id,
        name: "sms",
        rows: texts.flatMap(([text, gold], i) => (["train", "dev", "test"] as const).map((split) => ({ id: `${split}-${i}`, fields: { text }, split, gold }))),
      });
      const source =
        "function label_function(text) {\n  const t = String(text).toLowerCase();\n  if (t.includes('prize')) return 1;\n  return t.length < 16 ? 0 : -1;\n}\n";
      const { program, version } = await createProgram(prisma, {
        projectId: project.id,
        name: "prize",
        language: "JAVASCRIPT",
        source,
        provenance: { kind: "user" },
      });
      const instruction = 'it also labels messages containing "winner" as spam';
      const refinement = await createProgramRefinement(prisma, {
        projectId: project.id,
        programId: program.id,
        baseVersionId: version.id,
        instruction,
        provider: "openai",
        model: "gpt-4o-mini",
        actorId: user.id,
      });
      const payload = { projectId: project.id, programId: program.id, refinementId: refinement.id, instruction, actorId: user.id };
      const row = await stack().enqueue(QUEUES.refineProgram, payload, { jobId: refinement.id });
      await stack().killWhen("the refinement to start", async () => (await jobRow(row.id)).status === "RUNNING", budget.programs(1));
      const done = await stack().restartUntilDone(row.id, budget.programs(1));
      expect(done.result).toMatchObject({ refinementId: refinement.id });
      const versions = await prisma.programVersion.findMany({ where: { programId: program.id }, orderBy: { version: "asc" } });
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      const calls = await prisma.llmCall.findMany({ where: { projectId: project.id } });
      expect(calls.length).toBeGreaterThan(0);
      expect(new Set(calls.map((c) => `${c.generationRequestId ?? ""}:${c.attemptId ?? c.id}`)).size).toBe(calls.length);
    },
    jobBudget(0) + 2 * budget.programs(1),
  );
});
