import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { createLocalRunner } from "@alchemist/engine/node";
import { storedRoundSchema, type ProgramRunner } from "@alchemist/engine";
import {
  createDatasetWithRows,
  createGenerationRequest,
  createImprovementRound,
  latestSucceededRound,
  createProgram,
  createProject,
  createRun,
  createTask,
  getImprovementRound,
  runPrograms,
  setRunStatus,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { QUEUES } from "@alchemist/jobs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockLlmServer, type MockLlmServer, type MockRequest } from "../../../packages/engine/src/node/llm/testing/mock-llm-server";
import { createMember } from "../testing/create-member";
import { jsProgramReply, spamHamRows } from "../testing/spam-ham-rows";
import { improveRoundService } from "./improve-round-service";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `alchemist-test-${randomBytes(4).toString("hex")}`;
// spam says free/prize/win; ham rows say lunch/call/meeting, which the base program never covers
const rows = spamHamRows();
const js = jsProgramReply;
const BASE = js("  if (t.includes('free') || t.includes('prize')) return 1;");
const AIMED = js("  if (t.includes('lunch') || t.includes('call') || t.includes('meeting')) return 0;");
// wrong on every dev row it votes on: pruning flags it below chance
const CONTRARIAN = js("  if (t.includes('lunch') || t.includes('call') || t.includes('meeting')) return 1;").replace(/```(javascript)?\n?/g, "");
const prompt = (r: MockRequest) => String(r.body.messages.at(-1)!.content);
const aimedAtUncovered = (r: MockRequest) => /get no vote from any current program/.test(prompt(r));
/** Any weak spot: uncovered rows, dev errors, a class the programs miss, unsure rows. */
const aimed = (r: MockRequest) => /get no vote from any current program|get wrong|A class the programs miss|unsure about/.test(prompt(r));

let db: TestDatabase;
let runner: ProgramRunner;
let mock: MockLlmServer;
let applyQueue: Queue;
const llm = () => ({ openaiApiKey: "test-key", baseURL: mock.openaiBaseURL, retries: 0 });
const report = async () => {};

beforeAll(async () => {
  db = await createTestDatabase();
  runner = createLocalRunner({ poolSize: 1 });
  applyQueue = new Queue(QUEUES.applyPrograms, { connection: { url: REDIS_URL }, prefix });
});
afterAll(async () => {
  await applyQueue?.obliterate({ force: true }).catch(() => undefined);
  await applyQueue?.close();
  await runner?.close();
  await db?.drop();
});
beforeEach(async () => {
  // aimed prompts get the ham rule (the round keeps one of the two: they vote alike), anything else the base rule again
  mock = await startMockLlmServer((req) => ({ text: aimed(req) ? AIMED : BASE, inputTokens: 500, outputTokens: 100 }));
});
afterEach(() => mock.close());

/** A project with a task, 48 rows, one program (spam keywords) and a finished run of it. */
async function seedProject(o: { contrarian?: boolean } = {}) {
  const project = await createProject(db.prisma, { name: `round-${randomBytes(3).toString("hex")}` });
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
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "sms", rows });
  await createProgram(db.prisma, { projectId: project.id, name: "spam_words", language: "JAVASCRIPT", source: BASE.replace(/```(javascript)?\n?/g, "") });
  if (o.contrarian) await createProgram(db.prisma, { projectId: project.id, name: "contrarian", language: "JAVASCRIPT", source: CONTRARIAN });
  const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
  await setRunStatus(db.prisma, run.id, "SUCCEEDED");
  const actorId = await createMember(db.prisma, project.id);
  return { projectId: project.id, datasetId: dataset.id, runId: run.id, actorId };
}

async function startRound(p: Awaited<ReturnType<typeof seedProject>>, provider = "openai", prune = false) {
  const request = await createGenerationRequest(db.prisma, {
    projectId: p.projectId,
    provider,
    model: "gpt-4o-mini",
    n: 2,
    language: "JAVASCRIPT",
    params: { concurrency: 1 },
  });
  return createImprovementRound(db.prisma, { projectId: p.projectId, baseRunId: p.runId, generationRequestId: request.id, prune });
}

describe("improve-round worker (the studio's Next round)", () => {
  it("aims at the base run's uncovered rows, keeps the round when the dev metric improves, stores its programs with provenance and queues a run with them", async () => {
    const p = await seedProject();
    const round = await startRound(p);
    expect(round.round).toBe(2);
    const result = await improveRoundService(
      { db: db.prisma, runner, llm: llm(), applyQueue },
      { projectId: p.projectId, improvementRoundId: round.id, actorId: p.actorId },
      { report },
    );
    expect(result).toMatchObject({ round: 2, kept: true, programsAdded: 1 });
    // both prompts of the round were aimed at weak spots; the first at the uncovered rows, which it quoted
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests.every(aimed)).toBe(true);
    expect(aimedAtUncovered(mock.requests[0]!)).toBe(true);
    expect(prompt(mock.requests[0]!)).toMatch(/lunch|call me|meeting/);
    expect(prompt(mock.requests[0]!)).not.toMatch(/free prize now/);

    const row = await getImprovementRound(db.prisma, round.id);
    expect(row).toMatchObject({ status: "SUCCEEDED", error: null });
    const stored = storedRoundSchema.parse(row!.report);
    // The project page's prune flags read the newest succeeded round's number and report.
    expect(await latestSucceededRound(db.prisma, p.projectId)).toEqual({ round: 2, report: row!.report });
    expect(stored.base).toMatchObject({ round: 1, kept: true, programs: 1 });
    expect(stored.round).toMatchObject({ round: 2, kept: true, programsAdded: 1, programs: 2, calls: 2 });
    // the ham rows of train (12) and dev (8); test rows are never looked at
    expect(stored.round.focus!.uncovered).toBe(20);
    expect(stored.round.coverage).toBeGreaterThan(stored.base.coverage);
    // spam F1 was already 1 (binary F1 scores the spam class); covering ham shows in dev accuracy
    expect(stored.round.devF1!).toBeGreaterThanOrEqual(stored.base.devF1!);
    expect(stored.round.devAccuracy!).toBeGreaterThan(stored.base.devAccuracy!);
    expect(stored.pruning).toEqual([]);

    // the aimed program is stored (enabled) with where it came from; the duplicate of the base is not
    const programs = await db.prisma.program.findMany({ where: { projectId: p.projectId }, include: { versions: true }, orderBy: { createdAt: "asc" } });
    expect(programs.map((x) => x.name)).toEqual(["spam_words", expect.stringMatching(/^r2_gen_0[12]_[a-z-]+$/)]);
    expect(programs.every((x) => x.enabled)).toBe(true);
    expect(programs[1]!.versions[0]!.source).toContain("lunch");
    expect(programs[1]!.versions[0]!.provenance).toMatchObject({ kind: "llm", improvementRoundId: round.id, round: 2, aimedAt: { uncovered: 20 } });
    // the calls are booked on the round's request
    const request = await db.prisma.generationRequest.findUniqueOrThrow({ where: { id: round.generationRequestId } });
    expect(request).toMatchObject({ status: "SUCCEEDED", programs: 1, calls: 2 });
    expect(await db.prisma.llmCall.count({ where: { generationRequestId: request.id } })).toBe(2);

    // a run with both programs is queued for the studio's analysis, review and the next round
    expect(row!.nextRunId).toBe(result.nextRunId);
    const next = await db.prisma.run.findUniqueOrThrow({ where: { id: row!.nextRunId! } });
    expect(
      runPrograms(next)
        .map((x) => x.name)
        .sort(),
    ).toEqual(programs.map((x) => x.name).sort());
    expect(await db.prisma.job.findFirst({ where: { queue: QUEUES.applyPrograms, runId: next.id } })).toMatchObject({
      status: "QUEUED",
      payload: { actorId: p.actorId },
    });

    // a second call for the same round spends nothing and returns what it stored
    expect(
      await improveRoundService(
        { db: db.prisma, runner, llm: llm(), applyQueue },
        { projectId: p.projectId, improvementRoundId: round.id, actorId: p.actorId },
        { report },
      ),
    ).toEqual(result);
    expect(mock.requests).toHaveLength(2);
    // killed after its programs were stored (report written, round not ended): the retry finishes from the report
    await db.prisma.improvementRound.update({ where: { id: round.id }, data: { status: "RUNNING", nextRunId: null } });
    expect(
      await improveRoundService(
        { db: db.prisma, runner, llm: llm(), applyQueue },
        { projectId: p.projectId, improvementRoundId: round.id, actorId: p.actorId },
        { report },
      ),
    ).toMatchObject({ kept: true, programsAdded: 1 });
    expect(mock.requests).toHaveLength(2);
    expect(await db.prisma.program.count({ where: { projectId: p.projectId } })).toBe(2);
    expect(await getImprovementRound(db.prisma, round.id)).toMatchObject({ status: "SUCCEEDED" });
  });

  it("a round that does not improve dev F1 is stored as not kept, with no program and no run", async () => {
    const p = await seedProject();
    await mock.close();
    mock = await startMockLlmServer(() => ({ text: BASE, inputTokens: 500, outputTokens: 100 }));
    const round = await startRound(p);
    const result = await improveRoundService(
      { db: db.prisma, runner, llm: llm(), applyQueue },
      { projectId: p.projectId, improvementRoundId: round.id, actorId: p.actorId },
      { report },
    );
    expect(result).toMatchObject({ kept: false, programsAdded: 0, nextRunId: null });
    const stored = storedRoundSchema.parse((await getImprovementRound(db.prisma, round.id))!.report);
    expect(stored.round).toMatchObject({ kept: false, programsAdded: 0, stoppedBy: "no-improvement", calls: 2 });
    expect(await db.prisma.program.count({ where: { projectId: p.projectId } })).toBe(1);
  });

  it("flags a program below chance on dev, and with 'disable flagged programs' disables it (audited) and queues a run without it", async () => {
    const p = await seedProject({ contrarian: true });
    const flagged = await startRound(p);
    await improveRoundService(
      { db: db.prisma, runner, llm: llm(), applyQueue },
      { projectId: p.projectId, improvementRoundId: flagged.id, actorId: p.actorId },
      { report },
    );
    const first = storedRoundSchema.parse((await getImprovementRound(db.prisma, flagged.id))!.report);
    expect(first.pruning).toEqual([expect.objectContaining({ program: "contrarian", reason: "below-chance", disabled: false })]);
    expect(first.pruning[0]!.detail).toMatch(/^below chance on dev: 0\.000 accuracy on 8 votes \(chance 0\.500\)$/);
    expect(await db.prisma.program.findFirst({ where: { projectId: p.projectId, name: "contrarian" } })).toMatchObject({ enabled: true });
    // no worker runs the apply the kept round queued here: end it, as a worker would, so the next round may queue one
    await db.prisma.job.updateMany({ where: { projectId: p.projectId, queue: QUEUES.applyPrograms }, data: { status: "SUCCEEDED" } });

    const pruned = await startRound(p, "openai", true);
    const result = await improveRoundService(
      { db: db.prisma, runner, llm: llm(), applyQueue },
      { projectId: p.projectId, improvementRoundId: pruned.id, actorId: p.actorId },
      { report },
    );
    const second = storedRoundSchema.parse((await getImprovementRound(db.prisma, pruned.id))!.report);
    expect(second.pruning).toEqual([expect.objectContaining({ program: "contrarian", reason: "below-chance", disabled: true })]);
    const contrarian = await db.prisma.program.findFirstOrThrow({ where: { projectId: p.projectId, name: "contrarian" } });
    expect(contrarian.enabled).toBe(false);
    expect(await db.prisma.auditEvent.findFirst({ where: { projectId: p.projectId, action: "program.disable", targetId: contrarian.id } })).toMatchObject({
      actorId: p.actorId,
      details: { reason: "below-chance", by: "round pruning" },
    });
    const next = await db.prisma.run.findUniqueOrThrow({ where: { id: result.nextRunId! } });
    expect(runPrograms(next).map((x) => x.name)).not.toContain("contrarian");
  });

  it("refuses a second round while one is running, and a builtin provider with a clear error", async () => {
    const p = await seedProject();
    const round = await startRound(p, "builtin");
    await expect(startRound(p)).rejects.toThrow(/round 2 of this project is still running; wait for it to finish/);
    await expect(
      improveRoundService(
        { db: db.prisma, runner, llm: llm(), applyQueue },
        { projectId: p.projectId, improvementRoundId: round.id, actorId: p.actorId },
        { report },
      ),
    ).rejects.toThrow("a round asks an LLM for programs aimed at the weak spots: pick an LLM provider (the builtin synthesizer cannot aim)");
    expect(await getImprovementRound(db.prisma, round.id)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/builtin synthesizer cannot aim/) });
    expect(mock.requests).toHaveLength(0);
    // the failed round no longer blocks the next one, numbered after it
    expect((await startRound(p)).round).toBe(3);
  });
});
