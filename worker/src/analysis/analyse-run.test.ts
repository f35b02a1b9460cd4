import type { DataRow } from "@alchemist/engine";
import {
  createDatasetWithRows,
  createProgram,
  createProject,
  createRun,
  createTask,
  getProjectTask,
  getRun,
  runAnalysis,
  runPrograms,
  saveChunkVotes,
  setRunStatus,
  toTaskSpec,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseRun } from "../apply-programs/analyse-run";
import { fitLabelModelsService } from "../fit-label-models/fit-label-models-service";
import { createMember } from "../testing/create-member";
import { textTask } from "../testing/text-task";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

// 30 rows in chunks of 7; 0..17 train, 18..23 dev, 24..29 test; three programs with known votes.
const N = 30;
const split = (i: number): DataRow["split"] => (i < 18 ? "train" : i < 24 ? "dev" : "test");
const gold = (i: number) => (i % 3 === 0 ? 1 : 0);
const votes = [
  (i: number) => gold(i), // always right
  (i: number) => (i % 2 === 0 ? 1 : -1), // fires on even rows, says 1
  (i: number) => (i % 5 === 0 ? -1 : 0), // says 0 except every 5th row
];

async function seed() {
  const project = await createProject(db.prisma, { name: `an-${Math.random().toString(36).slice(2, 8)}` });
  const rows: DataRow[] = Array.from({ length: N }, (_, i) => ({ id: `r${i}`, fields: { text: `row ${i}` }, split: split(i), gold: gold(i) }));
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "toy", rows, chunkSize: 7, classNames: ["ham", "spam"] });
  await createTask(db.prisma, project.id, textTask("spam", "python", ["ham", "spam"]));
  for (const [j, name] of ["always", "even", "zero"].entries()) {
    const { version } = await createProgram(db.prisma, {
      projectId: project.id,
      name,
      language: "PYTHON",
      source: `def label_function(text):\n    return ${j}\n`,
    });
    for (let c = 0; c * 7 < N; c++) {
      const idx = Array.from({ length: Math.min(7, N - c * 7) }, (_, r) => c * 7 + r);
      await saveChunkVotes(db.prisma, {
        datasetId: dataset.id,
        codeHash: version.codeHash,
        chunkIndex: c,
        votes: Int8Array.from(idx, (i) => votes[j]!(i)),
        faults: j === 2 ? { exception: 1 } : {},
      });
    }
  }
  const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
  const task = toTaskSpec(await getProjectTask(db.prisma, project.id));
  return { run, dataset, task };
}

describe("analyseRun", () => {
  it("stores pairwise counts, per-class votes, dev right/wrong counts and class balance from the stored chunks", async () => {
    const { run, dataset, task } = await seed();
    await analyseRun(db.prisma, { runId: run.id, dataset, task, programs: runPrograms(run), fit: false });
    const a = runAnalysis((await getRun(db.prisma, run.id))!)!;
    const all = Array.from({ length: N }, (_, i) => i);
    const v = (j: number, i: number) => votes[j]!(i);
    const count = (pred: (i: number) => boolean) => all.filter(pred).length;
    expect(a.rows).toBe(N);
    expect(a.k).toBe(2);
    for (let x = 0; x < 3; x++) {
      for (let y = 0; y < 3; y++) {
        expect(a.pairs!.overlap[x * 3 + y]).toBe(count((i) => v(x, i) >= 0 && v(y, i) >= 0));
        expect(a.pairs!.conflict[x * 3 + y]).toBe(count((i) => v(x, i) >= 0 && v(y, i) >= 0 && v(x, i) !== v(y, i)));
      }
    }
    const dev = all.filter((i) => split(i) === "dev");
    for (let j = 0; j < 3; j++) {
      const p = a.programs[j]!;
      expect(p.votes).toBe(count((i) => v(j, i) >= 0));
      expect(p.classVotes).toEqual([count((i) => v(j, i) === 0), count((i) => v(j, i) === 1)]);
      expect(p.conflictRows).toBe(count((i) => v(j, i) >= 0 && [0, 1, 2].some((o) => v(o, i) >= 0 && v(o, i) !== v(j, i))));
      expect(p.devCorrect).toBe(dev.filter((i) => v(j, i) >= 0 && v(j, i) === gold(i)).length);
      expect(p.devIncorrect).toBe(dev.filter((i) => v(j, i) >= 0 && v(j, i) !== gold(i)).length);
    }
    expect(a.programs[0]!.devIncorrect).toBe(0);
    expect(a.programs[2]!.faults).toEqual({ exception: 5 });
    expect(a.classBalance!.votes).toEqual([0, 1].map((c) => [0, 1, 2].reduce((s, j) => s + count((i) => v(j, i) === c), 0)));
    expect(a.classBalance!.devGold).toEqual([dev.filter((i) => gold(i) === 0).length, dev.filter((i) => gold(i) === 1).length]);
    expect(a.devGoldRows).toBe(dev.length);
  });

  it("stores learned accuracies and the estimated vs prior class balance with the label models", async () => {
    const { run, dataset, task } = await seed();
    await analyseRun(db.prisma, { runId: run.id, dataset, task, programs: runPrograms(run) });
    const metrics = (await getRun(db.prisma, run.id))!.metrics as {
      learnedAccuracies: (number | null)[];
      classBalance: { prior: number[]; estimated: number[] };
    };
    expect(metrics.learnedAccuracies).toHaveLength(3);
    for (const acc of metrics.learnedAccuracies) expect(acc).toBeGreaterThanOrEqual(0);
    for (const balance of [metrics.classBalance.prior, metrics.classBalance.estimated]) {
      expect(balance).toHaveLength(2);
      expect(balance[0]! + balance[1]!).toBeCloseTo(1, 9);
    }
  });

  it("refits a finished run from its stored votes (the fit-label-models job) and refuses one still running", async () => {
    const { run } = await seed();
    const payload = { projectId: run.projectId, runId: run.id, actorId: await createMember(db.prisma, run.projectId) };
    await expect(fitLabelModelsService(db.prisma, payload, async () => {})).rejects.toThrow(/is QUEUED: only a finished run/);
    await setRunStatus(db.prisma, run.id, "SUCCEEDED");
    const stages: string[] = [];
    const result = await fitLabelModelsService(db.prisma, payload, async (_p, stage) => void stages.push(stage));
    const stored = (await getRun(db.prisma, run.id))!;
    expect(result).toEqual({ runId: run.id, labelModel: stored.labelModel });
    expect(stored.labelModel).toBeTruthy();
    expect(runAnalysis(stored)!.pairs!.overlap).toHaveLength(9);
    expect(stages.at(-1)).toBe("label models fitted");
    const other = await createProject(db.prisma, { name: "other" });
    await expect(
      fitLabelModelsService(db.prisma, { projectId: other.id, runId: run.id, actorId: await createMember(db.prisma, other.id) }, async () => {}),
    ).rejects.toThrow(new RegExp(`is not in project ${other.id}`));
    // The actor is re-checked first: someone outside the run's project never refits it.
    await expect(fitLabelModelsService(db.prisma, { ...payload, actorId: await createMember(db.prisma, other.id) }, async () => {})).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/is not a member of project/),
    });
  });
});
