import { randomBytes } from "node:crypto";
import { Queue, QueueEvents } from "bullmq";
import { createLocalRunner } from "@alchemist/engine/node";
import type { ProgramRunner } from "@alchemist/engine";
import {
  createDatasetWithRows,
  createGenerationRequest,
  createProject,
  createTask,
  getGenerationRequest,
  findJobByExternalId,
  setProjectLlmBudget,
  sumLlmCalls,
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
const texts = ["free prize now", "see you at lunch", "win a free phone", "call me later", "claim your prize", "ok thanks", "free entry win", "love you"];
const rows = texts.flatMap((text, i) =>
  (["train", "dev", "test"] as const).map((split) => ({ id: `${split}-${i}`, fields: { text }, split, gold: /free|prize|win|claim/.test(text) ? 1 : 0 })),
);
const GOOD =
  "```javascript\nfunction label_function(text) {\n  const t = text.toLowerCase();\n  if (t.includes('free') || t.includes('prize')) return 1;\n  return t.length < 15 ? 0 : -1;\n}\n```";
const BROKEN = "```javascript\nfunction label_function(text) {\n  return text.includes('free') ? 1 : 0;\n```";
// gpt-4o-mini: $0.15 in / $0.60 out per million tokens
const CALL_USD = (500 * 0.15 + 100 * 0.6) / 1e6;

let db: TestDatabase;
let runner: ProgramRunner;
let mock: MockLlmServer;
const connection = createRedisConnection(REDIS_URL);
const llm = () => ({ openaiApiKey: "test-key", baseURL: mock.openaiBaseURL, retries: 0 });
const report = async () => {};

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

async function seedProject(budgetUsd?: number) {
  const project = await createProject(db.prisma, { name: `gen-${randomBytes(3).toString("hex")}` });
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
  if (budgetUsd !== undefined) await setProjectLlmBudget(db.prisma, project.id, budgetUsd);
  return Object.assign(project, { actorId });
}

const request = (projectId: string, n: number, params: Record<string, unknown> = {}) =>
  createGenerationRequest(db.prisma, {
    projectId,
    provider: "openai",
    model: "gpt-4o-mini",
    n,
    language: "JAVASCRIPT",
    infoKinds: ["descriptions"],
    params: { concurrency: 1, ...params },
  });

describe("generate-programs worker", () => {
  it("stores programs with provenance, one ledger row per call (+ repairs), totals from the ledger, and runs once per request", async () => {
    const project = await seedProject(1);
    const req = await request(project.id, 2, { temperatures: [0.7, 1] });
    mock.enqueue({ text: BROKEN, inputTokens: 500, outputTokens: 100 });
    const queue = new Queue(QUEUES.generatePrograms, { connection: { url: REDIS_URL }, prefix });
    const events = new QueueEvents(QUEUES.generatePrograms, { connection: { url: REDIS_URL }, prefix });
    const worker = await createQueueWorker(QUEUES.generatePrograms, createGenerateProgramsProcessor({ db: db.prisma, runner, llm: llm() }), {
      connection,
      prefix,
    });
    try {
      await events.waitUntilReady();
      const payload = { projectId: project.id, generationRequestId: req.id, actorId: project.actorId };
      const job = await queue.add(QUEUES.generatePrograms, payload, { jobId: req.id });
      const result = await job.waitUntilFinished(events, testBudget(60_000));
      expect(result).toMatchObject({ generationRequestId: req.id, programs: 2, calls: 3 });
      expect(mock.requests).toHaveLength(3);
      expect(await findJobByExternalId(db.prisma, QUEUES.generatePrograms, req.id)).toMatchObject({ status: "SUCCEEDED", progress: 100 });

      const calls = await db.prisma.llmCall.findMany({ where: { generationRequestId: req.id }, orderBy: { attemptId: "asc" } });
      expect(calls.map((c) => [c.attemptId, c.purpose, c.inputTokens, c.outputTokens])).toEqual([
        ["p00-r0", "PROGRAM", 500, 100],
        ["p00-r1", "REPAIR", 500, 100],
        ["p01-r0", "PROGRAM", 500, 100],
      ]);
      const stored = (await getGenerationRequest(db.prisma, req.id))!;
      expect(stored).toMatchObject({ status: "SUCCEEDED", programs: 2, failedSlots: 0, calls: 3, inputTokens: 1500, outputTokens: 300, tries: 1 });
      expect(stored.costUsd).toBeCloseTo(3 * CALL_USD, 12);
      expect(stored.costUsd).toBeCloseTo(
        calls.reduce((s, c) => s + c.costUsd, 0),
        12,
      );
      expect(stored.zeroShotEstimate).toMatchObject({ model: "gpt-4o-mini", rows: rows.length, tokenizer: "chars/4" });
      expect((stored.zeroShotEstimate as { comparison: string }).comparison).toMatch(
        /^programs cost \$0\.0004; zero-shot labeling of all 24 rows would cost ~\$/,
      );
      expect((stored.attempts as { id: string; verdict: { reason?: string } }[]).map((a) => [a.id, a.verdict.reason ?? "ok"])).toEqual([
        ["p00-r0", "compile"],
        ["p00-r1", "ok"],
        ["p01-r0", "ok"],
      ]);

      const versions = await db.prisma.programVersion.findMany({
        where: { program: { projectId: project.id } },
        include: { program: true },
        orderBy: { program: { name: "asc" } },
      });
      // readable names, no random suffix
      expect(versions.map((v) => v.program.name)).toEqual(["gen_01_descriptions", "gen_02_descriptions"]);
      const [repaired, plain] = versions.map((v) => v.provenance as Record<string, unknown>);
      expect(repaired).toMatchObject({
        kind: "llm",
        author: "llm:openai/gpt-4o-mini",
        generationRequestId: req.id,
        attemptId: "p00-r1",
        parentAttempt: "p00-r0",
        provider: "openai",
        model: "gpt-4o-mini",
        params: { temperature: 0.7, maxTokens: 1500 },
        supplementary: [{ kind: "descriptions", source: "task" }],
        response: GOOD,
        inputTokens: 500,
        outputTokens: 100,
        rejectedAttempts: [{ id: "p00-r0", reason: "compile", response: BROKEN }],
      });
      expect(repaired!.system).toMatch(/^You are a helpful assistant to write labeling function/);
      expect(repaired!.prompt).toMatch(/rejected \(compile\)/);
      expect(repaired!.slotCostUsd).toBeCloseTo(2 * CALL_USD, 12);
      expect(plain).toMatchObject({ attemptId: "p01-r0", parentAttempt: null, params: { temperature: 1 }, rejectedAttempts: [] });
      expect(versions[1]!.source).toContain("includes('free')");

      // the same request again, directly and through a fresh BullMQ job with the same id: nothing is called or written
      expect(await generateProgramsService({ db: db.prisma, runner, llm: llm() }, payload, { report })).toMatchObject({ programs: 2, calls: 3 });
      await job.remove();
      const again = await queue.add(QUEUES.generatePrograms, payload, { jobId: req.id });
      await again.waitUntilFinished(events, testBudget(60_000));
      expect(mock.requests).toHaveLength(3);
      expect(await db.prisma.program.count({ where: { projectId: project.id } })).toBe(2);
      expect(await db.prisma.llmCall.count({ where: { projectId: project.id } })).toBe(3);
    } finally {
      await worker.close(true);
      await queue.obliterate({ force: true });
      await Promise.all([queue.close(), events.close()]);
    }
  });

  it("books every answered call before the engine goes on (info, program and repair calls), exactly once per attempt", async () => {
    const project = await seedProject();
    const req = await request(project.id, 3, { twoStage: true });
    // the 2nd program call is answered broken (one repair), the 5th request hangs like a worker killed mid-call
    const controller = new AbortController();
    let seen = 0;
    await mock.close();
    mock = await startMockLlmServer(() => {
      seen += 1;
      if (seen === 5) return { hang: true };
      return { text: seen === 3 ? BROKEN : GOOD, inputTokens: 500, outputTokens: 100 };
    });
    const run = generateProgramsService(
      { db: db.prisma, runner, llm: llm() },
      { projectId: project.id, generationRequestId: req.id, actorId: project.actorId },
      { report, signal: controller.signal },
    );
    run.catch(() => undefined);
    const deadline = Date.now() + 30_000;
    while (mock.requests.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(mock.requests).toHaveLength(5);
    // the 4 answered calls are on the ledger while the 5th is still in flight (nothing waits for validation)
    const booked = await db.prisma.llmCall.findMany({ where: { generationRequestId: req.id }, orderBy: { attemptId: "asc" } });
    // (which program calls came first depends on how fast the sandbox validates; the info call is always first)
    expect(booked).toHaveLength(4);
    expect(booked.filter((c) => c.purpose === "INFO").map((c) => c.attemptId)).toEqual(["info-descriptions"]);
    expect(
      booked
        .filter((c) => c.purpose !== "INFO")
        .every((c) => /^p0[0-2]-r[01]$/.test(c.attemptId ?? "") && (c.purpose === "REPAIR") === c.attemptId!.endsWith("r1")),
    ).toBe(true);
    expect(booked.reduce((s, c) => s + c.costUsd, 0)).toBeCloseTo(4 * CALL_USD, 12);
    controller.abort(new Error("stop"));
    await expect(run).rejects.toThrow();
    // the retry (try 2) books its own calls once each, beside the first try's
    const retry = await generateProgramsService(
      { db: db.prisma, runner, llm: llm() },
      { projectId: project.id, generationRequestId: req.id, actorId: project.actorId },
      { report },
    );
    expect(retry.programs).toBe(3);
    const calls = await db.prisma.llmCall.findMany({ where: { generationRequestId: req.id } });
    expect(new Set(calls.map((c) => c.attemptId)).size).toBe(calls.length);
    const stored = (await getGenerationRequest(db.prisma, req.id))!;
    const second = (stored.attempts as { id: string }[]).map((a) => a.id).filter((id) => id.startsWith("t2:"));
    expect(
      calls
        .filter((c) => c.attemptId?.startsWith("t2:"))
        .map((c) => c.attemptId)
        .sort(),
    ).toEqual([...second].sort());
    // one ledger row per answered request: nothing lost, nothing twice
    expect(calls).toHaveLength(mock.requests.length - 1);
  });

  it("stops at the project budget, then refuses the next request without calling the model", async () => {
    const project = await seedProject(CALL_USD / 2);
    const first = await request(project.id, 3);
    const result = await generateProgramsService(
      { db: db.prisma, runner, llm: llm() },
      { projectId: project.id, generationRequestId: first.id, actorId: project.actorId },
      { report },
    );
    expect(result).toMatchObject({ programs: 1, calls: 1 });
    expect(await getGenerationRequest(db.prisma, first.id)).toMatchObject({
      status: "SUCCEEDED",
      stoppedBy: "budget",
      failedSlots: 2,
      budgetUsd: CALL_USD / 2,
    });
    const second = await request(project.id, 1);
    const refused = generateProgramsService(
      { db: db.prisma, runner, llm: llm() },
      { projectId: project.id, generationRequestId: second.id, actorId: project.actorId },
      { report },
    );
    await expect(refused).rejects.toThrow(/^project LLM budget of \$0\.0001 is used up \(\$0\.0001 spent in 1 calls\); raise the budget/);
    expect(await getGenerationRequest(db.prisma, second.id)).toMatchObject({ status: "FAILED", calls: 0, error: expect.stringMatching(/used up/) });
    expect(mock.requests).toHaveLength(1);
    expect((await sumLlmCalls(db.prisma, { projectId: project.id })).costUsd).toBeCloseTo(CALL_USD, 12);
  });

  it("fails clearly without the provider's key, and cancels on abort with the calls made so far booked", async () => {
    const project = await seedProject();
    const req = await createGenerationRequest(db.prisma, {
      projectId: project.id,
      provider: "anthropic",
      model: "claude-3-5-haiku-latest",
      n: 1,
      language: "JAVASCRIPT",
    });
    await expect(
      generateProgramsService(
        { db: db.prisma, runner, llm: llm() },
        { projectId: project.id, generationRequestId: req.id, actorId: project.actorId },
        { report },
      ),
    ).rejects.toThrow(/ANTHROPIC_API_KEY/);
    expect(await getGenerationRequest(db.prisma, req.id)).toMatchObject({ status: "FAILED" });

    const controller = new AbortController();
    mock.enqueue({ text: GOOD, inputTokens: 500, outputTokens: 100 }, { hang: true });
    const cancel = await request(project.id, 2);
    const run = generateProgramsService(
      { db: db.prisma, runner, llm: llm() },
      { projectId: project.id, generationRequestId: cancel.id, actorId: project.actorId },
      {
        report: async (_p, stage) => void (stage.startsWith("1 of 2") && controller.abort(new Error("user cancelled"))),
        signal: controller.signal,
      },
    );
    await expect(run).rejects.toThrow();
    expect(await getGenerationRequest(db.prisma, cancel.id)).toMatchObject({ status: "CANCELLED", calls: 1, programs: 0 });
    expect(await db.prisma.program.count({ where: { projectId: project.id } })).toBe(0);
  });
});
