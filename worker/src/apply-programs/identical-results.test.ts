import { randomBytes } from "node:crypto";
import { Queue, QueueEvents } from "bullmq";
import { createRng, type DataRow, type Program, type ProgramRunner, type TaskSpec } from "@alchemist/engine";
import { createLocalRunner, runPipeline } from "@alchemist/engine/node";
import {
  assembleLabelMatrix,
  createDatasetWithRows,
  createProgram,
  createProject,
  createRun,
  createTask,
  getRun,
  readPseudolabels,
  runPrograms,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { QUEUES } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplyProgramsWorker, type ApplyProgramsWorker } from "../testing/create-apply-programs-worker";
import { enqueueApply } from "../testing/enqueue-apply";
import { createRedisConnection } from "../redis-connection";
import { createMember } from "../testing/create-member";

// Issue 13: one pipeline, two sets of adapters. The CLI's in-memory pipeline and the studio's
// queue-driven apply (chunk jobs, Postgres votes, the fit job) on the same rows, programs and seed
// must give the same label matrix, the same chosen label model and the same pseudolabels.
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `alchemist-test-${randomBytes(4).toString("hex")}`;
const SEED = 0; // the studio's label-model seed
const classes = [
  { name: "ham", description: "" },
  { name: "spam", description: "" },
];
const task: TaskSpec = { name: "spam", description: "", input: "text", language: "python", functionName: "label_function", classes };

/** 600 rows of spam-ish and ham-ish texts with gold on dev and test, splits 70/10/20, deterministic. */
function makeRows(): DataRow[] {
  const rng = createRng(11);
  const spam = ["free", "win", "prize", "call", "now", "cash", "txt", "claim"];
  const ham = ["hi", "lunch", "home", "see", "you", "later", "ok", "mom"];
  return Array.from({ length: 600 }, (_, i) => {
    const isSpam = rng() < 0.35;
    const words = Array.from({ length: 3 + Math.floor(rng() * 6) }, () => {
      const pool = rng() < 0.75 ? (isSpam ? spam : ham) : isSpam ? ham : spam;
      return pool[Math.floor(rng() * pool.length)]!;
    });
    const split = i % 10 < 7 ? "train" : i % 10 < 8 ? "dev" : "test";
    return { id: `r${i}`, fields: { text: words.join(" ") }, split, gold: isSpam ? 1 : 0 } as DataRow;
  });
}

const PROGRAMS: { name: string; language: "PYTHON" | "JAVASCRIPT"; source: string }[] = [
  { name: "kw_free", language: "PYTHON", source: "def label_function(text):\n    return 1 if 'free' in text.split() else -1\n" },
  { name: "kw_prize", language: "JAVASCRIPT", source: "function label_function(text) { return /\\b(prize|cash|claim)\\b/.test(text) ? 'spam' : -1; }" },
  {
    name: "kw_home",
    language: "PYTHON",
    source: "def label_function(text):\n    words = text.split()\n    return 0 if 'home' in words or 'mom' in words else -1\n",
  },
  { name: "short", language: "JAVASCRIPT", source: "function label_function(text) { return text.split(' ').length <= 3 ? 0 : -1; }" },
];

let db: TestDatabase;
let runner: ProgramRunner;
let applier: ApplyProgramsWorker;
let queue: Queue;
let events: QueueEvents;
const connection = createRedisConnection(REDIS_URL);

beforeAll(async () => {
  db = await createTestDatabase();
  runner = createLocalRunner({ poolSize: 2, rowTimeoutMs: 2000 });
  applier = await createApplyProgramsWorker({ db: db.prisma, runner, connection, prefix });
  queue = new Queue(QUEUES.applyPrograms, { connection: { url: REDIS_URL }, prefix });
  events = new QueueEvents(QUEUES.applyPrograms, { connection: { url: REDIS_URL }, prefix });
  await events.waitUntilReady();
});
afterAll(async () => {
  await applier?.close(true);
  await queue?.obliterate({ force: true });
  await Promise.all([queue?.close(), events?.close(), runner?.close()]);
  await connection.quit();
  await db?.drop();
});

describe("the CLI's pipeline and the studio's apply", () => {
  it("give the same label matrix, the same chosen label model and the same pseudolabels", async () => {
    const rows = makeRows();
    const programs: Program[] = PROGRAMS.map((p) => ({
      name: p.name,
      language: p.language === "PYTHON" ? "python" : "javascript",
      functionName: "label_function",
      source: p.source,
    }));
    const cli = await runPipeline({ dataset: { name: "synthetic", rows }, task, programs, runner, seed: SEED, epochs: 2 });

    const project = await createProject(db.prisma, { name: `p-${randomBytes(3).toString("hex")}` });
    await createTask(db.prisma, project.id, { ...task, input: "text" });
    const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "synthetic", rows, chunkSize: 64 });
    for (const p of PROGRAMS) await createProgram(db.prisma, { projectId: project.id, ...p });
    const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
    const actorId = await createMember(db.prisma, project.id, "EDITOR");
    const { jobId } = await enqueueApply(queue, db.prisma, { projectId: project.id, runId: run.id, datasetId: dataset.id, actorId });
    await (await queue.getJob(jobId))!.waitUntilFinished(events, 120_000);

    const stored = (await getRun(db.prisma, run.id))!;
    const byName = new Map(runPrograms(stored).map((p) => [p.name, p.codeHash]));
    const { L } = await assembleLabelMatrix(
      db.prisma,
      { id: dataset.id, chunkSize: 64, rowCount: rows.length },
      programs.map((p) => byName.get(p.name)!),
    );
    expect(L.n).toBe(cli.L.n);
    expect(Array.from(L.values)).toEqual(Array.from(cli.L.values));
    // Not a vacuous match: the programs vote, and disagree somewhere.
    expect(Array.from(cli.L.values).filter((v) => v >= 0).length).toBeGreaterThan(300);

    expect(stored.labelModel).toBe(cli.report.labelModel.name);
    const pseudo = await readPseudolabels(db.prisma, run.id);
    expect(pseudo.k).toBe(2);
    // The studio stores pseudolabels as Float32: the CLI's, rounded the same way, must match exactly.
    expect(Array.from(pseudo.probs)).toEqual(Array.from(cli.pseudolabels.values, (p) => Math.fround(p)));
  }, 240_000);
});
