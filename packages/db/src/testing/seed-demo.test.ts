import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PROJECT_NAME, seedDemo } from "./seed-demo";
import { getRun, runAnalysis } from "../repositories/runs";
import { createTestDatabase, type TestDatabase } from "./create-test-database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("seedDemo", () => {
  it("creates the demo project with rows, programs, votes and an analysed run, and replaces it when run again", async () => {
    const first = await seedDemo(db.prisma);
    const second = await seedDemo(db.prisma);
    expect(second.projectId).not.toBe(first.projectId);
    const projects = await db.prisma.project.findMany({ where: { name: DEMO_PROJECT_NAME } });
    expect(projects.map((p) => p.id)).toEqual([second.projectId]);
    expect(await db.prisma.row.count({ where: { datasetId: second.datasetId } })).toBe(200);
    expect(await db.prisma.row.count({ where: { datasetId: second.datasetId, split: "DEV" } })).toBe(20);
    expect(await db.prisma.programOutput.count({ where: { datasetId: second.datasetId } })).toBe(8);
    const run = await getRun(db.prisma, second.runId);
    expect(run?.status).toBe("SUCCEEDED");
    const analysis = runAnalysis(run!)!;
    expect(analysis.programs.map((p) => p.name)).toEqual(["call_to_action", "casual_chat", "mentions_prize", "money_offer"]);
    expect(analysis.summary.coverage).toBeGreaterThan(0.5);
    expect(analysis.summary.coverage).toBeLessThan(1);
    expect(analysis.programs.find((p) => p.name === "casual_chat")?.polarity).toEqual([0]);
    for (const p of analysis.programs) expect(p.empiricalAccuracy === null || (p.empiricalAccuracy! >= 0 && p.empiricalAccuracy! <= 1)).toBe(true);
  });
});
