import { randomBytes } from "node:crypto";
import { Queue, QueueEvents } from "bullmq";
import { createLocalRunner } from "@alchemist/engine/node";
import type { ProgramRunner } from "@alchemist/engine";
import {
  createDatasetWithRows,
  createProgram,
  createProgramRefinement,
  createProject,
  createTask,
  findJobByExternalId,
  getProgramRefinement,
  setProgramEnabled,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { QUEUES, type RefineMetrics } from "@alchemist/jobs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockLlmServer, type MockLlmServer } from "../../../packages/engine/src/node/llm/testing/mock-llm-server";
import { isRefinePrompt, refineReply } from "../../../packages/engine/src/node/llm/testing/refine-fixture";
import { createQueueWorker } from "../create-queue-worker";
import { createRedisConnection } from "../redis-connection";
import { createRefineProgramProcessor } from "./refine-program-processor";
import { refineProgramService } from "./refine-program-service";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `alchemist-test-${randomBytes(4).toString("hex")}`;
// dev: 4 spam (2 say "winner"), 4 ham
const texts: [string, number][] = [
  ["free prize now", 1],
  ["see you at lunch", 0],
  ["you are a winner today", 1],
  ["call me later", 0],
  ["claim your prize", 1],
  ["ok thanks", 0],
  ["winner winner chicken dinner", 1],
  ["love you", 0],
];
const rows = texts.flatMap(([text, gold], i) => (["train", "dev", "test"] as const).map((split) => ({ id: `${split}-${i}`, fields: { text }, split, gold })));
const V1 =
  "function label_function(text) {\n  const t = String(text).toLowerCase();\n  if (t.includes('prize')) return 1;\n  return t.length < 16 ? 0 : -1;\n}\n";
const OTHER = "function label_function(text) {\n  return String(text).includes('you') ? 0 : -1;\n}\n";
const INSTRUCTION = 'it also labels messages containing "winner" as spam';

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
  mock = await startMockLlmServer((req) =>
    isRefinePrompt(req) ? { text: refineReply(req, { brokenFirst: true }), inputTokens: 800, outputTokens: 120 } : { status: 400 },
  );
});
afterEach(() => mock.close());

async function seed() {
  const project = await createProject(db.prisma, { name: `refine-${randomBytes(3).toString("hex")}` });
  const user = await db.prisma.user.create({ data: { email: `refine-${randomBytes(3).toString("hex")}@example.test`, name: "Refiner" } });
  await db.prisma.membership.create({ data: { userId: user.id, projectId: project.id, role: "EDITOR" } });
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
  const { program, version } = await createProgram(db.prisma, {
    projectId: project.id,
    name: "prize",
    language: "JAVASCRIPT",
    source: V1,
    provenance: { kind: "user" },
  });
  await createProgram(db.prisma, { projectId: project.id, name: "you_ham", language: "JAVASCRIPT", source: OTHER });
  const off = await createProgram(db.prisma, { projectId: project.id, name: "disabled", language: "JAVASCRIPT", source: OTHER.replace("'you'", "'a'") });
  await setProgramEnabled(db.prisma, off.program.id, false);
  const refinement = await createProgramRefinement(db.prisma, {
    projectId: project.id,
    programId: program.id,
    baseVersionId: version.id,
    instruction: INSTRUCTION,
    provider: "openai",
    model: "gpt-4o-mini",
    actorId: user.id,
  });
  return {
    project,
    program,
    version,
    refinement,
    user,
    payload: { projectId: project.id, programId: program.id, refinementId: refinement.id, instruction: INSTRUCTION, actorId: user.id },
  };
}

describe("refine-program worker", () => {
  it("asks with the task, code and instruction, repairs a broken answer, stores v2 with provenance, books REFINE calls and measures before/after on dev", async () => {
    const { project, program, refinement, payload, user } = await seed();
    const queue = new Queue(QUEUES.refineProgram, { connection: { url: REDIS_URL }, prefix });
    const events = new QueueEvents(QUEUES.refineProgram, { connection: { url: REDIS_URL }, prefix });
    const worker = await createQueueWorker(QUEUES.refineProgram, createRefineProgramProcessor({ db: db.prisma, runner, llm: llm() }), { connection, prefix });
    try {
      await events.waitUntilReady();
      const job = await queue.add(QUEUES.refineProgram, payload, { jobId: refinement.id });
      expect(await job.waitUntilFinished(events, testBudget(60_000))).toMatchObject({ refinementId: refinement.id, candidateVersion: 2 });
      expect(await findJobByExternalId(db.prisma, QUEUES.refineProgram, refinement.id)).toMatchObject({ status: "SUCCEEDED", progress: 100 });
    } finally {
      await worker.close(true);
      await queue.obliterate({ force: true });
      await Promise.all([queue.close(), events.close()]);
    }
    // the first prompt carries the classes, the current code and the instruction; the second is the repair
    expect(mock.requests).toHaveLength(2);
    const first = String(mock.requests[0]!.body.messages.at(-1)!.content);
    expect(first).toContain("1: spam");
    expect(first).toContain("if (t.includes('prize')) return 1;");
    expect(first).toContain(`Change it so that: ${INSTRUCTION}`);
    expect(String(mock.requests[1]!.body.messages.at(-1)!.content)).toMatch(/rejected \(compile\)/);

    const stored = (await getProgramRefinement(db.prisma, refinement.id))!;
    expect(stored.status).toBe("READY");
    const versions = await db.prisma.programVersion.findMany({ where: { programId: program.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(stored.candidateVersionId).toBe(versions[1]!.id);
    expect(versions[1]!.source).toContain('includes("winner")');
    expect(versions[1]!.provenance).toMatchObject({
      kind: "llm-refine",
      parent: 1,
      parentVersionId: versions[0]!.id,
      refinementId: refinement.id,
      instruction: INSTRUCTION,
      provider: "openai",
      model: "gpt-4o-mini",
      inputTokens: 1600,
      outputTokens: 240,
      rounds: 2,
      userId: user.id,
    });
    expect((versions[1]!.provenance as { prompt: string }).prompt).toBe(first);

    const calls = await db.prisma.llmCall.findMany({ where: { projectId: project.id }, orderBy: { attemptId: "asc" } });
    expect(calls.map((c) => [c.purpose, c.attemptId, c.inputTokens, c.outputTokens])).toEqual([
      ["REFINE", `refine:${refinement.id}:t1:r0`, 800, 120],
      ["REFINE", `refine:${refinement.id}:t1:r1`, 800, 120],
    ]);
    // gpt-4o-mini: $0.15 in / $0.60 out per million tokens
    expect(stored.costUsd).toBeCloseTo((2 * (800 * 0.15 + 120 * 0.6)) / 1e6, 12);
    expect((stored.attempts as { round: number; verdict: { ok: boolean; reason?: string } }[]).map((a) => [a.round, a.verdict.reason ?? "ok"])).toEqual([
      [0, "compile"],
      [1, "ok"],
    ]);

    // v1 on dev: "prize" rows -> spam (2 right), rows under 16 characters -> ham (3 right);
    // v2 adds the two "winner" rows as spam. Conflicts are counted against the enabled "you_ham" only.
    const m = stored.metrics as unknown as RefineMetrics;
    expect(m).toMatchObject({ devRows: 8, goldRows: 8, others: ["you_ham"], changedVotes: 2 });
    expect(m.before).toMatchObject({ version: 1, votes: 5, coverage: 5 / 8, accuracy: 1, faults: 0 });
    expect(m.after).toMatchObject({ version: 2, votes: 7, coverage: 7 / 8, accuracy: 1, faults: 0 });
    // "you are a winner today": v2 says spam, you_ham says ham
    expect(m.after.conflicts).toBeCloseTo(m.before.conflicts + 1 / 8, 12);

    // a finished refinement is not run again
    expect(await refineProgramService({ db: db.prisma, runner, llm: llm() }, payload, { report })).toMatchObject({ candidateVersion: 2 });
    expect(mock.requests).toHaveLength(2);
  });

  it("fails clearly and stores nothing when every answer is rejected, the actor may no longer edit, or the code comes back unchanged", async () => {
    const { program, refinement, payload } = await seed();
    mock.enqueue({ text: "no code here" }, { text: "still no code" }, { text: "sorry" });
    await expect(refineProgramService({ db: db.prisma, runner, llm: llm() }, payload, { report })).rejects.toThrow(/rejected 3 times; last: /);
    expect(await getProgramRefinement(db.prisma, refinement.id)).toMatchObject({
      status: "FAILED",
      candidateVersionId: null,
      error: expect.stringMatching(/rejected 3 times/),
    });
    expect(await db.prisma.programVersion.count({ where: { programId: program.id } })).toBe(1);
    expect(await db.prisma.llmCall.count({ where: { projectId: payload.projectId, purpose: "REFINE" } })).toBe(3);

    // an actor who is no longer an editor: refused before any model call
    const outsider = await seed();
    await db.prisma.membership.updateMany({ where: { projectId: outsider.project.id }, data: { role: "VIEWER" } });
    const calls = mock.requests.length;
    await expect(refineProgramService({ db: db.prisma, runner, llm: llm() }, outsider.payload, { report })).rejects.toThrow(/needs a higher role/);
    expect(await getProgramRefinement(db.prisma, outsider.refinement.id)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/VIEWER/) });
    expect(mock.requests).toHaveLength(calls);

    const same = await seed();
    mock.enqueue({ text: `\`\`\`javascript\n${V1}\`\`\`` });
    await expect(refineProgramService({ db: db.prisma, runner, llm: llm() }, same.payload, { report })).rejects.toThrow(
      "the model returned the program unchanged; rephrase the instruction",
    );
    expect(await db.prisma.programVersion.count({ where: { programId: same.program.id } })).toBe(1);
  });
  it("a retry after a try killed between booking a call and storing its attempt books its own calls (no id reused, nothing dropped)", async () => {
    const { refinement, payload } = await seed();
    // what a worker SIGKILLed right after booking its first answer leaves: the row on the ledger, no attempt stored, status RUNNING
    await db.prisma.llmCall.create({
      data: {
        projectId: payload.projectId,
        purpose: "REFINE",
        attemptId: `refine:${refinement.id}:t1:r0`,
        provider: "openai",
        model: "gpt-4o-mini",
        inputTokens: 800,
        outputTokens: 120,
        costUsd: 0.0002,
        cached: false,
      },
    });
    await db.prisma.programRefinement.update({ where: { id: refinement.id }, data: { status: "RUNNING" } });
    await refineProgramService({ db: db.prisma, runner, llm: llm() }, payload, { report });
    const calls = await db.prisma.llmCall.findMany({ where: { projectId: payload.projectId, purpose: "REFINE" }, orderBy: { attemptId: "asc" } });
    expect(calls.map((c) => c.attemptId)).toEqual([`refine:${refinement.id}:t1:r0`, `refine:${refinement.id}:t2:r0`, `refine:${refinement.id}:t2:r1`]);
    expect(calls).toHaveLength(1 + mock.requests.length);
  });
});
