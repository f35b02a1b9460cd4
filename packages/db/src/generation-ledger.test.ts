import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  completeGenerationRequest,
  createGenerationRequest,
  endGenerationRequest,
  listGenerationRequests,
  startGenerationRequest,
} from "./repositories/generation-requests";
import { listLlmCalls, recordLlmCalls, setProjectLlmBudget, sumLlmCalls } from "./repositories/llm-ledger";
import { createProject } from "./repositories/projects";
import { createTestDatabase, type TestDatabase } from "./testing/create-test-database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const call = (projectId: string, generationRequestId: string, attemptId: string, costUsd: number, cached = false) => ({
  projectId,
  generationRequestId,
  attemptId,
  purpose: "PROGRAM" as const,
  provider: "openai",
  model: "gpt-4o-mini",
  inputTokens: 100,
  outputTokens: 10,
  costUsd,
  cached,
});

describe("generation requests and the LLM ledger", () => {
  it("takes the project's budget, books calls once, sums them and pages newest first", async () => {
    const project = await createProject(db.prisma, { name: "ledger" });
    await setProjectLlmBudget(db.prisma, project.id, 2.5);
    const request = await createGenerationRequest(db.prisma, {
      projectId: project.id,
      provider: "openai",
      model: "gpt-4o-mini",
      n: 3,
      language: "PYTHON",
      infoKinds: ["rules"],
    });
    expect(request).toMatchObject({ status: "QUEUED", budgetUsd: 2.5, infoKinds: ["rules"], tries: 0 });
    expect(
      await recordLlmCalls(db.prisma, [
        call(project.id, request.id, "p00-r0", 0.01),
        call(project.id, request.id, "p01-r0", 0.02),
        call(project.id, request.id, "p02-r0", 0, true),
      ]),
    ).toBe(3);
    expect(await recordLlmCalls(db.prisma, [call(project.id, request.id, "p00-r0", 0.01)])).toBe(0);
    const sums = await sumLlmCalls(db.prisma, { projectId: project.id });
    expect(sums).toMatchObject({ calls: 2, cachedCalls: 1, inputTokens: 200, outputTokens: 20 });
    expect(sums.costUsd).toBeCloseTo(0.03, 12);
    const page = await listLlmCalls(db.prisma, project.id, 1, 2);
    expect(page.total).toBe(3);
    expect(page.rows).toHaveLength(1);
    await expect(recordLlmCalls(db.prisma, [call(project.id, request.id, "x", -1)])).rejects.toThrow(/negative usage/);
    await expect(listLlmCalls(db.prisma, project.id, 0, 501)).rejects.toThrow(/page size 1\.\.500, got page 0, size 501/);
    await expect(setProjectLlmBudget(db.prisma, project.id, -1)).rejects.toThrow(/>= 0/);
    await expect(createGenerationRequest(db.prisma, { projectId: project.id, provider: "openai", model: "m", n: 0, language: "PYTHON" })).rejects.toThrow(
      /1\.\.200 programs, got 0/,
    );
  });

  it("completes once: programs with provenance and ledger totals; a second completion writes nothing", async () => {
    const project = await createProject(db.prisma, { name: "complete" });
    const request = await createGenerationRequest(db.prisma, {
      projectId: project.id,
      provider: "openai",
      model: "gpt-4o-mini",
      n: 1,
      language: "PYTHON",
      budgetUsd: null,
    });
    expect((await startGenerationRequest(db.prisma, request.id)).tries).toBe(1);
    await recordLlmCalls(db.prisma, [call(project.id, request.id, "p00-r0", 0.004), call(project.id, request.id, "p00-r1", 0.006)]);
    const outcome = {
      datasetId: null,
      failedSlots: 0,
      zeroShotEstimate: { rows: 10, costUsd: 1 },
      attempts: [{ id: "p00-r0" }, { id: "p00-r1" }],
      programs: [
        {
          name: "gen_01_plain_x",
          language: "PYTHON" as const,
          functionName: "label_function",
          source: "def label_function(x):\n    return -1\n",
          provenance: { kind: "llm", attemptId: "p00-r1" },
        },
      ],
    };
    const done = await completeGenerationRequest(db.prisma, request.id, outcome);
    expect(done).toMatchObject({ status: "SUCCEEDED", programs: 1, calls: 2, inputTokens: 200, zeroShotEstimate: { rows: 10 } });
    expect(done.costUsd).toBeCloseTo(0.01, 12);
    await completeGenerationRequest(db.prisma, request.id, outcome);
    const versions = await db.prisma.programVersion.findMany({ where: { program: { projectId: project.id } } });
    expect(versions.map((v) => v.provenance)).toEqual([{ kind: "llm", attemptId: "p00-r1" }]);
    const failed = await endGenerationRequest(
      db.prisma,
      (await createGenerationRequest(db.prisma, { projectId: project.id, provider: "openai", model: "m", n: 1, language: "PYTHON" })).id,
      "FAILED",
      "boom",
    );
    expect(failed).toMatchObject({ status: "FAILED", error: "boom", calls: 0 });
    expect((await listGenerationRequests(db.prisma, project.id)).map((r) => r.status)).toEqual(["FAILED", "SUCCEEDED"]);
  });
});
