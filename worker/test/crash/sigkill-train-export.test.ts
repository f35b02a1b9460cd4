import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createDatasetWithRows,
  createProgram,
  createProject,
  createRun,
  createTask,
  createTrainedModel,
  saveChunkVotes,
  setRunStatus,
  type PrismaClient,
} from "@alchemist/db";
import { QUEUES, exportFileName } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCrashStack } from "./crash-stack";
import { createMember } from "../../src/testing/create-member";
import { textTask } from "../../src/testing/text-task";

// SIGKILL the real worker in the middle of train-model and export, restart it, and check there is
// one model with one loss curve, one set of pseudolabels and one complete export file.
const { unsupported, budget, stack } = await useCrashStack("crash_train");
let exportDir: string;
let prisma: PrismaClient;
beforeAll(() => {
  if (unsupported) return;
  prisma = stack().prisma;
  exportDir = mkdtempSync(join(tmpdir(), "alchemist-crash-exports-"));
  stack().env = { ...stack().env, EXPORT_DIR: exportDir };
});
afterAll(() => {
  if (exportDir) rmSync(exportDir, { recursive: true, force: true });
});

/** Seeded numbers in [0, 1) (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 12_000;
const CHUNK = 1000;

/** Two classes whose texts mix class words into shared words; three keyword programs' votes stored. */
async function seedRun() {
  const random = rng(7);
  const project = await createProject(prisma, { name: `train-${randomUUID().slice(0, 6)}` });
  await createTask(prisma, project.id, textTask("t", "python", ["a", "b"]));
  const words = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}${i}`);
  const [classWords, shared] = [[words("alpha", 20), words("beta", 20)], words("w", 200)];
  const rows = Array.from({ length: N }, (_, i) => {
    const y = random() < 0.35 ? 1 : 0;
    const text = Array.from({ length: 10 }, () => (random() < 0.3 ? classWords[y]![Math.floor(random() * 20)]! : shared[Math.floor(random() * 200)]!)).join(
      " ",
    );
    return { id: `s${i}`, fields: { text }, split: (i % 10 < 7 ? "train" : i % 10 === 7 ? "dev" : "test") as "train" | "dev" | "test", gold: y };
  });
  const dataset = await createDatasetWithRows(prisma, { projectId: project.id, name: "synthetic", rows, chunkSize: CHUNK });
  const rules = [
    (t: string[]) => (t.some((w) => /^beta[0-7]$/.test(w)) ? 1 : -1),
    (t: string[]) => (t.some((w) => /^alpha[0-7]$/.test(w)) ? 0 : -1),
    (t: string[]) => (t.some((w) => /^beta1[0-5]$/.test(w) || w === "w3") ? 1 : -1),
  ];
  for (const [j, rule] of rules.entries()) {
    const { version } = await createProgram(prisma, {
      projectId: project.id,
      name: `rule_${j}`,
      language: "PYTHON",
      source: `def label_function(text):\n    return -1  # ${j}\n`,
    });
    for (let c = 0; c * CHUNK < N; c++)
      await saveChunkVotes(prisma, {
        datasetId: dataset.id,
        codeHash: version.codeHash,
        chunkIndex: c,
        votes: Int8Array.from(rows.slice(c * CHUNK, (c + 1) * CHUNK), (r) => rule(r.fields.text.split(" "))),
      });
  }
  const run = await createRun(prisma, { projectId: project.id, datasetId: dataset.id });
  await setRunStatus(prisma, run.id, "SUCCEEDED");
  return { project, run };
}

const EPOCHS = 30;
// Two trainings (the killed one and the retry), two exports, four worker starts and stops, seeding and checks.
const BUDGET = 2 * budget.training(N, EPOCHS) + 4 * budget.rows(N) + 8 * budget.workerStart();

describe.skipIf(unsupported !== null)("SIGKILL in the middle of train-model and export, then a restart", () => {
  it(
    "train-model and export: one model with one loss curve, one set of pseudolabels, one complete export file",
    async () => {
      const { project, run } = await seedRun();
      const model = await createTrainedModel(prisma, { projectId: project.id, runId: run.id });
      // Every job names a member it acts for: training needs "edit", exporting "read".
      const actorId = await createMember(prisma, project.id, "EDITOR");
      const payload = { projectId: project.id, runId: run.id, trainedModelId: model.id, actorId, epochs: EPOCHS, hidden: [16], tfidfDimension: 2048 };
      const row = await stack().enqueue(QUEUES.trainModel, payload, { runId: run.id });
      // Killed while it trains (progress 10..95 are epochs), after the label-model fit stored pseudolabels.
      await stack().killWhen(
        "training epochs",
        async () => {
          const job = await prisma.job.findUniqueOrThrow({ where: { id: row.id } });
          return job.progress > 10 && job.progress < 90;
        },
        budget.training(N, EPOCHS),
      );
      expect((await prisma.trainedModel.findUniqueOrThrow({ where: { id: model.id } })).status).toBe("RUNNING");
      const done = await stack().restartUntilDone(row.id, budget.training(N, EPOCHS));
      const stored = await prisma.trainedModel.findUniqueOrThrow({ where: { id: model.id } });
      expect(stored.status).toBe("SUCCEEDED");
      expect(stored.onnxBytes).toBeGreaterThan(0);
      const curve = stored.lossCurve as { epoch: number }[];
      // One curve from the attempt that finished: epochs 1..E once each, no points left from the killed one.
      expect(curve.map((p) => p.epoch)).toEqual(Array.from({ length: curve.length }, (_, i) => i + 1));
      expect(curve.length).toBe((done.result as { epochs: number }).epochs);
      expect(await prisma.trainedModel.count({ where: { runId: run.id } })).toBe(1);
      expect(await prisma.pseudolabel.count({ where: { runId: run.id } })).toBe(N / CHUNK);

      const exportId = randomUUID();
      const exportRow = await stack().enqueue(QUEUES.export, { projectId: project.id, actorId, exportId, runId: run.id, format: "csv" }, { jobId: exportId });
      await stack().killWhen(
        "the export to start",
        async () => (await prisma.job.findUniqueOrThrow({ where: { id: exportRow.id } })).status === "RUNNING",
        budget.rows(N),
      );
      await stack().restartUntilDone(exportRow.id, budget.rows(N));
      const lines = readFileSync(join(exportDir, exportFileName(exportId, "csv")), "utf8")
        .trim()
        .split(/\r?\n/);
      expect(lines).toHaveLength(N + 1);
      expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(N);
      expect(readdirSync(exportDir).filter((f) => f.startsWith(exportId))).toEqual([exportFileName(exportId, "csv")]);
    },
    BUDGET,
  );
});
