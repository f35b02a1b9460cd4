import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalRunner } from "@alchemist/engine/node";
import { storedSweepSchema, type ProgramRunner } from "@alchemist/engine";
import { createDatasetWithRows, createGenerationRequest, createProject, createSweep, createTask, getSweep } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockLlmServer, type MockLlmServer, type MockRequest } from "../../../packages/engine/src/node/llm/testing/mock-llm-server";
import { createMember } from "../testing/create-member";
import { jsProgramReply, spamHamRows } from "../testing/spam-ham-rows";
import { sweepService } from "./sweep-service";

const rows = spamHamRows();
const js = jsProgramReply;
// a cell's first program covers spam, its second ham: the 2-program prefix covers every row
const SPAM = js("  if (t.includes('free') || t.includes('prize') || t.includes('win') || t.includes('claim')) return 1;");
const HAM = js("  if (t.includes('lunch') || t.includes('call') || t.includes('meeting')) return 0;");
const content = (r: MockRequest) => String(r.body.messages.at(-1)!.content);
const isZeroShot = (r: MockRequest) => /Answer with exactly one of: ham, spam\.$/.test(content(r));
const isProgram = (r: MockRequest) => r.body.messages.some((m) => m.role === "system") || r.body.system !== undefined;

let db: TestDatabase;
let runner: ProgramRunner;
let mock: MockLlmServer;
let cacheDir: string;
const report = async () => {};

beforeAll(async () => {
  db = await createTestDatabase();
  runner = createLocalRunner({ poolSize: 1 });
  cacheDir = await mkdtemp(join(tmpdir(), "sweep-cache-"));
});
afterAll(async () => {
  await runner?.close();
  await db?.drop();
  await rm(cacheDir, { recursive: true, force: true });
});
beforeEach(async () => {
  let programs = 0;
  mock = await startMockLlmServer((req) => {
    if (isZeroShot(req)) return { text: /free|prize|win|claim/.test(content(req)) ? "spam" : "ham", inputTokens: 50, outputTokens: 1 };
    if (isProgram(req)) return { text: programs++ % 2 === 0 ? SPAM : HAM, inputTokens: 500, outputTokens: 100 };
    return { text: "spam: free, prize, win, claim\nham: lunch, call, meeting", inputTokens: 80, outputTokens: 20 };
  });
});
afterEach(() => mock.close());

async function seedProject(budgetUsd: number | null = null) {
  const project = await createProject(db.prisma, { name: `sweep-${randomBytes(3).toString("hex")}` });
  if (budgetUsd !== null) await db.prisma.project.update({ where: { id: project.id }, data: { llmBudgetUsd: budgetUsd } });
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
  return { projectId: project.id, actorId: await createMember(db.prisma, project.id) };
}

const grid = { programs: [1, 2], info: ["none", "keywords"], temperatures: [0.3], zeroShotSample: 4 };

async function startSweep(p: { projectId: string }) {
  const request = await createGenerationRequest(db.prisma, {
    projectId: p.projectId,
    provider: "openai",
    model: "gpt-4o-mini",
    n: 2,
    language: "JAVASCRIPT",
    params: { concurrency: 1 },
  });
  return createSweep(db.prisma, { projectId: p.projectId, generationRequestId: request.id, grid });
}

describe("sweep worker (the studio's ablation sweep)", () => {
  it("runs every grid cell with the project's provider, books every call, stores the points and the zero-shot baseline; the same grid again is answered from the cache", async () => {
    const llm = { openaiApiKey: "test-key", baseURL: mock.openaiBaseURL, retries: 0, cacheDir };
    const p = await seedProject();
    const sweep = await startSweep(p);
    const result = await sweepService({ db: db.prisma, runner, llm }, { projectId: p.projectId, sweepId: sweep.id, actorId: p.actorId }, { report });

    // 2 programs per cell, 1 keywords info call, 4 zero-shot rows: calls scale with the grid, not the 48 rows
    expect(mock.requests.filter(isProgram)).toHaveLength(4);
    expect(mock.requests.filter(isZeroShot)).toHaveLength(4);
    expect(mock.requests).toHaveLength(9);
    expect(mock.requests.filter(isProgram).every((r) => r.body.temperature === 0.3)).toBe(true);
    expect(result).toMatchObject({ sweepId: sweep.id, points: 4, calls: 9 });

    const row = await getSweep(db.prisma, sweep.id);
    expect(row).toMatchObject({ status: "SUCCEEDED", error: null });
    const stored = storedSweepSchema.parse(row!.result);
    expect(stored.cells).toEqual([
      { info: "none", temperature: 0.3, programs: 2, failedSlots: 0 },
      { info: "keywords", temperature: 0.3, programs: 2, failedSlots: 0 },
    ]);
    expect(stored.points.map((x) => [x.info, x.programs, x.coverage])).toEqual([
      ["none", 1, 0.5],
      ["none", 2, 1],
      ["keywords", 1, 0.5],
      ["keywords", 2, 1],
    ]);
    expect(stored.points.find((x) => x.info === "none" && x.programs === 2)!.test.f1).toBe(1);
    // the keywords cell paid its info call too
    expect(stored.points[2]!.calls).toBe(2);
    expect(stored.points[2]!.costUsd).toBeGreaterThan(stored.points[0]!.costUsd);
    expect(stored.baseline).toMatchObject({ name: "zero-shot", f1: 1, rows: 4 });
    expect(stored.baseline.costUsd).toBeGreaterThan(0);

    // every call is on the ledger, under the sweep's request, once
    const calls = await db.prisma.llmCall.findMany({ where: { generationRequestId: sweep.generationRequestId } });
    expect(calls).toHaveLength(9);
    expect(calls.filter((c) => c.purpose === "PROGRAM")).toHaveLength(4);
    expect(calls.filter((c) => c.purpose === "INFO")).toHaveLength(1);
    expect(calls.filter((c) => c.purpose === "ZERO_SHOT")).toHaveLength(4);
    expect(calls.every((c) => !c.cached && c.costUsd > 0)).toBe(true);
    // a sweep measures: it stores no program
    expect(await db.prisma.program.count({ where: { projectId: p.projectId } })).toBe(0);

    // the same grid again: every answer comes from the cache, booked at $0, the same points
    const again = await startSweep(p);
    await sweepService({ db: db.prisma, runner, llm }, { projectId: p.projectId, sweepId: again.id, actorId: p.actorId }, { report });
    expect(mock.requests).toHaveLength(9);
    const cached = await db.prisma.llmCall.findMany({ where: { generationRequestId: again.generationRequestId } });
    expect(cached).toHaveLength(9);
    expect(cached.every((c) => c.cached && c.costUsd === 0)).toBe(true);
    const second = storedSweepSchema.parse((await getSweep(db.prisma, again.id))!.result);
    expect(second.points).toEqual(stored.points);
    expect(second.spent).toMatchObject({ calls: 0, cachedCalls: 9, costUsd: 0 });
  });

  it("refuses a project whose LLM budget is spent before asking anything, and says so on the sweep", async () => {
    const p = await seedProject(0);
    const sweep = await startSweep(p);
    const llm = { openaiApiKey: "test-key", baseURL: mock.openaiBaseURL, retries: 0 };
    await expect(sweepService({ db: db.prisma, runner, llm }, { projectId: p.projectId, sweepId: sweep.id, actorId: p.actorId }, { report })).rejects.toThrow(
      /budget of \$0\.0000 is used up/,
    );
    expect(mock.requests).toHaveLength(0);
    expect(await getSweep(db.prisma, sweep.id)).toMatchObject({ status: "FAILED", result: null, error: expect.stringMatching(/raise the budget/) });
  });

  it("lets one sweep run at a time per project", async () => {
    const p = await seedProject();
    await startSweep(p);
    await expect(startSweep(p)).rejects.toThrow(/still running/);
  });
});
