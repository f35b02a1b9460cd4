import { randomBytes } from "node:crypto";
import { Queue, QueueEvents } from "bullmq";
import { createLocalRunner } from "@alchemist/engine/node";
import type { ProgramRunner } from "@alchemist/engine";
import {
  createDatasetWithRows,
  createGenerationRequest,
  createProject,
  createTask,
  findJobByExternalId,
  getGenerationRequest,
  saveSupplementaryInfo,
  savePromptTemplate,
  setProjectSecret,
  addTaskDocument,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { QUEUES } from "@alchemist/jobs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockLlmServer, type MockLlmServer } from "../../../packages/engine/src/node/llm/testing/mock-llm-server";
import { createQueueWorker } from "../create-queue-worker";
import { createRedisConnection } from "../redis-connection";
import { createGenerateProgramsProcessor } from "./generate-programs-processor";
import { generateProgramsService } from "./generate-programs-service";
import { createMember } from "../testing/create-member";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `alchemist-test-${randomBytes(4).toString("hex")}`;
const secretsKey = randomBytes(32);
const PROJECT_KEY = `sk-project-${randomBytes(12).toString("hex")}`;
const ENV_KEY = `sk-env-${randomBytes(12).toString("hex")}`;
const texts = ["free prize now", "see you at lunch", "win a free phone", "call me later", "claim your prize", "ok thanks"];
const rows = texts.flatMap((text, i) =>
  (["train", "dev", "test"] as const).map((split) => ({ id: `${split}-${i}`, fields: { text }, split, gold: /free|prize|win|claim/.test(text) ? 1 : 0 })),
);
const GOOD =
  "```javascript\nfunction label_function(text) {\n  const t = text.toLowerCase();\n  if (t.includes('free') || t.includes('prize')) return 1;\n  return t.length < 15 ? 0 : -1;\n}\n```";

let db: TestDatabase;
let runner: ProgramRunner;
let mock: MockLlmServer;
const connection = createRedisConnection(REDIS_URL);
const report = async () => {};
const authOf = (i: number) => String(mock.requests[i]!.headers.authorization);

beforeAll(async () => {
  db = await createTestDatabase();
  runner = createLocalRunner({ poolSize: 1 });
});
afterAll(async () => {
  await runner?.close();
  await connection.quit();
  await db?.drop();
});
beforeEach(async () => {
  mock = await startMockLlmServer(() => ({ text: GOOD, inputTokens: 500, outputTokens: 100 }));
});
afterEach(() => mock.close());

async function seedProject() {
  const project = await createProject(db.prisma, { name: `secret-${randomBytes(3).toString("hex")}` });
  await createTask(db.prisma, project.id, {
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
  await createDatasetWithRows(db.prisma, { projectId: project.id, name: "sms", rows });
  // Every job names a member it acts for; generating needs "edit".
  const actorId = await createMember(db.prisma, project.id);
  return Object.assign(project, { actorId });
}

/** Every stored value of the project's generation, job and ledger rows as one string. */
async function storedText(projectId: string): Promise<string> {
  const [requests, jobs, calls, versions] = await Promise.all([
    db.prisma.generationRequest.findMany({ where: { projectId } }),
    db.prisma.job.findMany({ where: { projectId } }),
    db.prisma.llmCall.findMany({ where: { projectId } }),
    db.prisma.programVersion.findMany({ where: { program: { projectId } } }),
  ]);
  return JSON.stringify([requests, jobs, calls, versions]);
}

describe("generate-programs with a project's stored key", () => {
  it("decrypts the project's key at run time: the mock server sees it, the payload in Redis and every stored row do not", async () => {
    const project = await seedProject();
    await setProjectSecret(db.prisma, {
      projectId: project.id,
      provider: "openai-compatible",
      apiKey: PROJECT_KEY,
      baseUrl: mock.openaiBaseURL,
      actorId: null,
      key: secretsKey,
    });
    // the task page's info reaches the prompt: keywords, an edited mission, a retrieval document
    await saveSupplementaryInfo(db.prisma, project.id, { keywords: "spam: prize, claim", rules: "", exemplars: [] }, 2);
    await savePromptTemplate(db.prisma, project.id, { mission: "Write a careful, bug-free function in {language} to {task}" });
    await addTaskDocument(db.prisma, {
      projectId: project.id,
      name: "guide.txt",
      bytes: 60,
      chunks: ["Spam is unsolicited advertising offering a prize."],
      actorId: null,
    });
    const req = await createGenerationRequest(db.prisma, {
      projectId: project.id,
      provider: "openai-compatible",
      model: "local-model",
      n: 2,
      language: "JAVASCRIPT",
      infoKinds: ["keywords", "retrieval"],
      params: { concurrency: 1 },
    });
    const queue = new Queue(QUEUES.generatePrograms, { connection: { url: REDIS_URL }, prefix });
    const events = new QueueEvents(QUEUES.generatePrograms, { connection: { url: REDIS_URL }, prefix });
    // the worker's env key points nowhere useful: only the project's key may be used
    const worker = await createQueueWorker(
      QUEUES.generatePrograms,
      createGenerateProgramsProcessor({ db: db.prisma, runner, llm: { openaiApiKey: ENV_KEY, retries: 0, secretsKey } }),
      { connection, prefix },
    );
    try {
      await events.waitUntilReady();
      const job = await queue.add(QUEUES.generatePrograms, { projectId: project.id, generationRequestId: req.id, actorId: project.actorId }, { jobId: req.id });
      const redisPayload = JSON.stringify((await queue.getJob(req.id))!.data);
      await expect(job.waitUntilFinished(events, testBudget(60_000))).resolves.toMatchObject({ programs: 2, calls: 2 });
      expect(mock.requests).toHaveLength(2);
      expect([authOf(0), authOf(1)]).toEqual([`Bearer ${PROJECT_KEY}`, `Bearer ${PROJECT_KEY}`]);
      const prompts = mock.requests.map((r) => String(r.body.messages.at(-1)!.content));
      expect(prompts[0]).toMatch(/^Keywords per class:\nspam: prize, claim\n[\s\S]*Write a careful, bug-free function in javascript/);
      expect(prompts[1]).toMatch(/^Passages from the documentation:\n\[guide\.txt\] Spam is unsolicited advertising/);
      expect(redisPayload).toBe(JSON.stringify({ projectId: project.id, generationRequestId: req.id, actorId: project.actorId }));
      const stored = await storedText(project.id);
      expect(stored).not.toContain(PROJECT_KEY);
      expect(stored).not.toContain(ENV_KEY);
      const secret = await db.prisma.projectSecret.findFirstOrThrow({ where: { projectId: project.id } });
      expect(Buffer.from(secret.ciphertext).toString("latin1")).not.toContain(PROJECT_KEY.slice(3));
      expect(secret.last4).toBe(PROJECT_KEY.slice(-4));
    } finally {
      await worker.close(true);
      await queue.obliterate({ force: true });
      await Promise.all([queue.close(), events.close()]);
    }
  });

  it("falls back to the worker's env key only when the project has none", async () => {
    const project = await seedProject();
    const llm = { openaiApiKey: ENV_KEY, baseURL: mock.openaiBaseURL, retries: 0, secretsKey };
    const first = await createGenerationRequest(db.prisma, {
      projectId: project.id,
      provider: "openai",
      model: "gpt-4o-mini",
      n: 1,
      language: "JAVASCRIPT",
      params: { concurrency: 1 },
    });
    await generateProgramsService(
      { db: db.prisma, runner, llm },
      { projectId: project.id, generationRequestId: first.id, actorId: project.actorId },
      { report },
    );
    expect(authOf(0)).toBe(`Bearer ${ENV_KEY}`);
    await setProjectSecret(db.prisma, { projectId: project.id, provider: "openai", apiKey: PROJECT_KEY, actorId: null, key: secretsKey });
    const second = await createGenerationRequest(db.prisma, {
      projectId: project.id,
      provider: "openai",
      model: "gpt-4o-mini",
      n: 1,
      language: "JAVASCRIPT",
      params: { concurrency: 1 },
    });
    await generateProgramsService(
      { db: db.prisma, runner, llm },
      { projectId: project.id, generationRequestId: second.id, actorId: project.actorId },
      { report },
    );
    expect(authOf(1)).toBe(`Bearer ${PROJECT_KEY}`);
  });

  it("sends an Anthropic project key, never the worker's env key", async () => {
    const project = await seedProject();
    await setProjectSecret(db.prisma, { projectId: project.id, provider: "anthropic", apiKey: PROJECT_KEY, actorId: null, key: secretsKey });
    const req = await createGenerationRequest(db.prisma, {
      projectId: project.id,
      provider: "anthropic",
      model: "claude-3-5-haiku-latest",
      n: 1,
      language: "JAVASCRIPT",
      params: { concurrency: 1 },
    });
    // the Anthropic SDK reads ANTHROPIC_BASE_URL; the mock stands in for api.anthropic.com
    const previous = process.env.ANTHROPIC_BASE_URL;
    process.env.ANTHROPIC_BASE_URL = mock.anthropicBaseURL;
    try {
      await generateProgramsService(
        { db: db.prisma, runner, llm: { anthropicApiKey: ENV_KEY, retries: 0, secretsKey } },
        { projectId: project.id, generationRequestId: req.id, actorId: project.actorId },
        { report },
      );
    } finally {
      if (previous === undefined) delete process.env.ANTHROPIC_BASE_URL;
      else process.env.ANTHROPIC_BASE_URL = previous;
    }
    expect(mock.requests[0]!.api).toBe("anthropic");
    // this SDK version sends the key as a bearer token (older ones: x-api-key)
    const headers = mock.requests[0]!.headers;
    expect(headers["x-api-key"] ?? String(headers.authorization).replace(/^Bearer /, "")).toBe(PROJECT_KEY);
    expect(JSON.stringify(headers)).not.toContain(ENV_KEY);
    expect(await storedText(project.id)).not.toContain(PROJECT_KEY);
  });

  it("redacts a key the provider's error echoes from the request, the job row and the thrown error", async () => {
    const project = await seedProject();
    await setProjectSecret(db.prisma, {
      projectId: project.id,
      provider: "openai-compatible",
      apiKey: PROJECT_KEY,
      baseUrl: mock.openaiBaseURL,
      actorId: null,
      key: secretsKey,
    });
    mock.enqueue({ echoKey: true });
    const req = await createGenerationRequest(db.prisma, {
      projectId: project.id,
      provider: "openai-compatible",
      model: "local-model",
      n: 1,
      language: "JAVASCRIPT",
      params: { concurrency: 1, repairRounds: 0 },
    });
    const queue = new Queue(QUEUES.generatePrograms, { connection: { url: REDIS_URL }, prefix });
    const events = new QueueEvents(QUEUES.generatePrograms, { connection: { url: REDIS_URL }, prefix });
    const worker = await createQueueWorker(
      QUEUES.generatePrograms,
      createGenerateProgramsProcessor({ db: db.prisma, runner, llm: { retries: 0, secretsKey } }),
      { connection, prefix },
    );
    const failures: string[] = [];
    worker.on("failed", (_job, error) => failures.push(error.message));
    try {
      await events.waitUntilReady();
      const job = await queue.add(
        QUEUES.generatePrograms,
        { projectId: project.id, generationRequestId: req.id, actorId: project.actorId },
        { jobId: req.id, attempts: 1 },
      );
      await expect(job.waitUntilFinished(events, testBudget(60_000))).rejects.toThrow(/Incorrect API key provided: \[redacted …/);
      expect(authOf(0)).toBe(`Bearer ${PROJECT_KEY}`);
      const request = (await getGenerationRequest(db.prisma, req.id))!;
      expect(request.status).toBe("FAILED");
      expect(request.error).toContain(`[redacted …${PROJECT_KEY.slice(-4)}]`);
      expect((await findJobByExternalId(db.prisma, QUEUES.generatePrograms, req.id))?.error ?? "").toContain("[redacted …");
      expect(failures.join(" ")).toContain("[redacted …");
      expect(failures.join(" ")).not.toContain(PROJECT_KEY);
      expect((await queue.getJob(req.id))!.failedReason).not.toContain(PROJECT_KEY);
      expect(await storedText(project.id)).not.toContain(PROJECT_KEY);
    } finally {
      await worker.close(true);
      await queue.obliterate({ force: true });
      await Promise.all([queue.close(), events.close()]);
    }
  });
});
