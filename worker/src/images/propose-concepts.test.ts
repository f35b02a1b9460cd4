import { conceptPrompt, SHAPES_WORLD } from "@alchemist/engine";
import { createProject, createTask } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { parseJobPayload, QUEUES } from "@alchemist/jobs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { conceptReply, insightReply, isConceptPrompt, isInsightPrompt } from "../../../packages/engine/src/node/llm/testing/concept-fixture";
import { startMockLlmServer, type MockLlmServer } from "../../../packages/engine/src/node/llm/testing/mock-llm-server";
import { createMember } from "../testing/create-member";
import { proposeConceptsService } from "./propose-concepts-service";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

let db: TestDatabase;
let mock: MockLlmServer | undefined;
beforeAll(async () => {
  db = await createTestDatabase();
}, testBudget(60_000));
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});
afterAll(async () => {
  await db?.drop();
});

const KEY = "sk-worker-env-key-5678";
const llm = () => ({ openaiApiKey: KEY, baseURL: mock!.openaiBaseURL, retries: 0 });

async function shapesProject(budget?: number) {
  const project = await createProject(db.prisma, { name: "concepts" });
  if (budget !== undefined) await db.prisma.project.update({ where: { id: project.id }, data: { llmBudgetUsd: budget } });
  await createTask(db.prisma, project.id, { ...SHAPES_WORLD.task, kind: undefined });
  const actorId = await createMember(db.prisma, project.id);
  const payload = parseJobPayload(QUEUES.proposeConcepts, { projectId: project.id, actorId, provider: "openai", model: "gpt-4o-mini" });
  return { projectId: project.id, payload };
}

describe("propose concepts", () => {
  it("asks the provider with the engine's concept prompt for the task's classes and books the call on the ledger", async () => {
    mock = await startMockLlmServer((req) => (isConceptPrompt(req) ? { text: conceptReply(req), inputTokens: 60, outputTokens: 40 } : { status: 400 }));
    const { projectId, payload } = await shapesProject();
    const result = await proposeConceptsService(db.prisma, payload, { llm: llm() });
    expect(result).toMatchObject({ kind: "concepts", insights: null });
    expect(result.concepts).toEqual(["a round circle", "a square with sharp corners", "blue water", "green grass"]);
    expect(mock.requests).toHaveLength(1);
    expect(String(mock.requests[0]!.body.messages.at(-1)!.content)).toBe(conceptPrompt(["circle", "square"]));
    const calls = await db.prisma.llmCall.findMany({ where: { projectId } });
    expect(calls.map((c) => [c.purpose, c.model, c.inputTokens, c.outputTokens])).toEqual([["INFO", "gpt-4o-mini", 60, 40]]);
    expect(result.costUsd).toBeCloseTo(calls[0]!.costUsd, 12);
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it("proposes RoboShot insights with the engine's insight prompt: harmful and helpful pairs the rescore job takes", async () => {
    mock = await startMockLlmServer((req) => (isInsightPrompt(req) ? { text: insightReply() } : { status: 400 }));
    const { projectId, payload } = await shapesProject();
    const result = await proposeConceptsService(db.prisma, { ...payload, kind: "insights" }, { llm: llm() });
    expect(result).toMatchObject({
      kind: "insights",
      concepts: [],
      insights: { harmful: [["blue water", "green grass"]], helpful: [["a round circle", "a square with sharp corners"]] },
    });
    expect(
      parseJobPayload(QUEUES.rescoreImages, { projectId, datasetId: "d1", actorId: payload.actorId, concepts: ["a"], insights: result.insights }).insights,
    ).toEqual(result.insights);
    expect((await db.prisma.llmCall.findMany({ where: { projectId } })).map((c) => c.purpose)).toEqual(["INFO"]);
  });

  it("an answer that is not a concept list fails naming it, books nothing and never shows the key", async () => {
    mock = await startMockLlmServer(() => ({ text: "I cannot help with that." }));
    const { projectId, payload } = await shapesProject();
    await expect(proposeConceptsService(db.prisma, payload, { llm: llm() })).rejects.toThrow(/concept answer is not JSON/);
    mock.close();
    mock = await startMockLlmServer(() => ({ echoKey: true }));
    const error = await proposeConceptsService(db.prisma, payload, { llm: llm() }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain(KEY);
    expect(await db.prisma.llmCall.count({ where: { projectId } })).toBe(0);
  });

  it("refuses when the project's LLM budget is used up, before calling the provider", async () => {
    mock = await startMockLlmServer((req) => ({ text: conceptReply(req) }));
    const { payload } = await shapesProject(0);
    await expect(proposeConceptsService(db.prisma, payload, { llm: llm() })).rejects.toThrow(/LLM budget of \$0\.0000 is used up/);
    expect(mock.requests).toHaveLength(0);
  });
});
