import { randomBytes } from "node:crypto";
import { estimateZeroShotCost, type DataRow, type TaskSpec } from "@alchemist/engine";
import {
  createDatasetWithRows,
  createProject,
  createTask,
  saveSupplementaryInfo,
  savePromptTemplate,
  setProjectLlmBudget,
  saveProjectTask,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateGenerationForProject } from "./estimate-generation";
import { GenerateInput } from "./generate-input";

let db: TestDatabase;
const task: TaskSpec = {
  name: "sms",
  description: "Label SMS text messages as spam or ham.",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "personal" },
    { name: "spam", description: "ads" },
  ],
};
const splits = ["train", "dev", "test"] as const;
const rows: DataRow[] = Array.from({ length: 300 }, (_, i) => ({
  id: `r${i}`,
  fields: { text: `${i % 3 ? "see you at lunch" : "WIN a free prize now, call 0800"} ${"x".repeat(i % 17)} #${i}`, sender: `+44${i}` },
  split: splits[i % 3]!,
  gold: i % 3 ? 0 : 1,
}));

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

async function seed() {
  const project = await createProject(db.prisma, { name: `est-${randomBytes(3).toString("hex")}` });
  await createTask(db.prisma, project.id, task);
  await createDatasetWithRows(db.prisma, { projectId: project.id, name: "sms", rows });
  return project;
}
const input = (projectId: string, o: Record<string, unknown> = {}) =>
  GenerateInput.parse({
    projectId,
    provider: "openai",
    model: "gpt-4o-mini",
    n: 4,
    infoKinds: ["keywords", "examples"],
    temperatures: "0.7, 1",
    language: "python",
    ...o,
  });

describe("estimateGenerationForProject (real Postgres)", () => {
  it("prices zero-shot labeling of every row exactly as the engine's estimator would, without loading rows", async () => {
    const project = await seed();
    const e = await estimateGenerationForProject(db.prisma, input(project.id));
    const engine = estimateZeroShotCost({ task, rows, model: "gpt-4o-mini" });
    expect(e.zeroShot).toEqual({
      model: "gpt-4o-mini",
      rows: 300,
      inputTokens: engine.inputTokens,
      outputTokens: engine.outputTokens,
      costUsd: engine.costUsd,
    });
    expect(e.priced).toBe(true);
    // keywords were not given: generation asks the model for them first (one stage-1 call)
    expect(e.stage1Kinds).toEqual(["keywords"]);
    expect(e.programs.expected.calls).toBe(4 + 1);
    expect(e.programs.atMost.calls).toBe(4 * 3 + 1);
    expect(e.programs.expected.costUsd).toBeGreaterThan(0);
    expect(e.programs.atMost.costUsd).toBeGreaterThan(e.programs.expected.costUsd);
    // the paper's point: programs cost a fraction of labeling every row
    expect(e.programs.expected.costUsd).toBeLessThan(e.zeroShot.costUsd);
  });

  it("follows the task page: user keywords remove the stage-1 call, an edited zero-shot template and record inputs change the sums", async () => {
    const project = await seed();
    await saveSupplementaryInfo(db.prisma, project.id, { keywords: "spam: win, prize", rules: "", exemplars: [] }, 2);
    await savePromptTemplate(db.prisma, project.id, { zeroShot: "Classify as {classes}: {text}" });
    await setProjectLlmBudget(db.prisma, project.id, 0.5);
    const e = await estimateGenerationForProject(db.prisma, input(project.id));
    expect(e.stage1Kinds).toEqual([]);
    expect(e.programs.expected.calls).toBe(4);
    expect(e.projectBudgetUsd).toBe(0.5);
    expect(e.zeroShot.inputTokens).toBe(estimateZeroShotCost({ task, rows, model: "gpt-4o-mini", template: "Classify as {classes}: {text}" }).inputTokens);

    const record = { ...task, input: ["text", "sender"] };
    await saveProjectTask(db.prisma, project.id, record);
    const r = await estimateGenerationForProject(db.prisma, input(project.id, { provider: "anthropic", model: "claude-3-5-haiku" }));
    const engine = estimateZeroShotCost({ task: record, rows, model: "claude-3-5-haiku", template: "Classify as {classes}: {text}" });
    expect(Math.abs(r.zeroShot.inputTokens - engine.inputTokens) / engine.inputTokens).toBeLessThan(0.01);
    expect(r.zeroShot.model).toBe("claude-3-5-haiku");
  });

  it("prices the builtin synthesizer at $0 against gpt-4o-mini and refuses a project without task or rows", async () => {
    const project = await seed();
    const b = await estimateGenerationForProject(db.prisma, input(project.id, { provider: "builtin", model: "" }));
    expect(b.programs.expected).toEqual({ calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
    expect(b.zeroShot.model).toBe("gpt-4o-mini");
    const local = await estimateGenerationForProject(db.prisma, input(project.id, { provider: "openai-compatible", model: "llama3" }));
    expect(local).toMatchObject({ priced: false, programs: { expected: { costUsd: 0 } }, zeroShot: { costUsd: 0 } });

    const empty = await createProject(db.prisma, { name: "empty" });
    await expect(estimateGenerationForProject(db.prisma, input(empty.id))).rejects.toMatchObject({
      name: "AppError",
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Define and save the task first/),
    });
    await createTask(db.prisma, empty.id, task);
    await expect(estimateGenerationForProject(db.prisma, input(empty.id))).rejects.toThrow(/Import a dataset first/);
    expect(() => input(empty.id, { model: "" })).toThrow(/Name the model/);
    expect(() => input(empty.id, { temperatures: "0.7, 3" })).toThrow(/0\.\.2/);
  });
});
